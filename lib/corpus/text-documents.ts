// User corpora without a corpus.json: a folder of .txt files (one document each, sorted by relative path) or a
// JSON-lines file with one {"text": …} object per line. A folder is walked by the rules of folder-walk.ts: links
// out of it are refused, and the walk stops at REWRITE_WALK_MAX_FILES entries and REWRITE_WALK_MAX_BYTES bytes.
import { readFileSync, statSync } from "node:fs";
import { FormatError } from "@/lib/formats/format-error";
import { walkFolder, walkFolderSync, type FolderWalkLimits, type FolderWalkOptions, type WalkedFile } from "@/lib/formats/folder-walk";
import { jsonSyntaxProblem } from "@/lib/formats/json-syntax";
import { folderWalkLimits } from "@/lib/settings";
import type { CorpusDocument } from "./corpus-documents";
import { decodeStrictUtf8 } from "./corpus-text-rules";

function utf8Text(bytes: Uint8Array, file: string): string {
  const text = decodeStrictUtf8(bytes);
  if (text === undefined) throw new FormatError(file, "is not valid UTF-8; convert it (e.g. iconv -t utf-8) first");
  return text;
}

const textFiles = (limits: FolderWalkLimits): FolderWalkOptions => ({ limits, wants: (path) => path.endsWith(".txt") });

export function listTextFiles(dir: string, limits = folderWalkLimits()): WalkedFile[] {
  const { files } = walkFolderSync(dir, textFiles(limits));
  if (files.length === 0) throw new FormatError(dir, "holds no .txt files");
  return files;
}

/** listTextFiles without blocking the event loop (a request's checks). */
export async function walkTextFiles(dir: string, limits: FolderWalkLimits): Promise<WalkedFile[]> {
  const { files } = await walkFolder(dir, textFiles(limits));
  if (files.length === 0) throw new FormatError(dir, "holds no .txt files");
  return files;
}

/** One .txt file of a folder as a document, or undefined when it holds only white space. */
export function textFileDocument(file: WalkedFile, bytes: Uint8Array): CorpusDocument | undefined {
  const text = utf8Text(bytes, file.path);
  return text.trim().length > 0 ? { id: file.relativePath, text } : undefined;
}

export function* readTextFolderDocuments(dir: string): Generator<CorpusDocument> {
  for (const file of listTextFiles(dir)) {
    const document = textFileDocument(file, readFileSync(file.path));
    if (document) yield document;
  }
}

/** The documents of a JSON-lines text, in line order. */
export function* jsonLinesDocuments(text: string, file: string): Generator<CorpusDocument> {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim().length === 0) continue;
    let record: unknown;
    try {
      record = JSON.parse(lines[i]);
    } catch (error) {
      throw new FormatError(file, `line ${i + 1} ${jsonSyntaxProblem(error)}`);
    }
    const text = (record as { text?: unknown } | null)?.text;
    if (typeof text !== "string") throw new FormatError(file, `line ${i + 1} has no string "text" field`);
    const id = (record as { id?: unknown }).id;
    yield { id: typeof id === "string" ? id : `line ${i + 1}`, text };
  }
}

export function readJsonLinesDocuments(file: string): Generator<CorpusDocument> {
  return jsonLinesDocuments(utf8Text(readFileSync(file), file), file);
}

/** A .jsonl file, a single .txt file, or a folder of .txt files. */
export function readTextDocuments(path: string): Generator<CorpusDocument> {
  if (statSync(path).isDirectory()) return readTextFolderDocuments(path);
  if (path.endsWith(".jsonl")) return readJsonLinesDocuments(path);
  if (path.endsWith(".txt")) return (function* () {
    yield { id: path, text: utf8Text(readFileSync(path), path) };
  })();
  throw new FormatError(path, "is neither a folder of .txt files, a .txt file nor a .jsonl file");
}
