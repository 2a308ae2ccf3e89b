// User corpora without a corpus.json: a folder of .txt files (one document each, sorted by relative path) or a
// JSON-lines file with one {"text": …} object per line.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { FormatError } from "@/lib/formats/format-error";
import type { CorpusDocument } from "./corpus-documents";
import { decodeStrictUtf8 } from "./corpus-text-rules";

function readUtf8(file: string): string {
  const text = decodeStrictUtf8(readFileSync(file));
  if (text === undefined) throw new FormatError(file, "is not valid UTF-8; convert it (e.g. iconv -t utf-8) first");
  return text;
}

export function listTextFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".txt") && statSync(join(dir, name)).isFile())
    .map((name) => join(dir, name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function* readTextFolderDocuments(dir: string): Generator<CorpusDocument> {
  const files = listTextFiles(dir);
  if (files.length === 0) throw new FormatError(dir, "holds no .txt files");
  for (const file of files) {
    const text = readUtf8(file);
    if (text.trim().length > 0) yield { id: relative(dir, file), text };
  }
}

export function* readJsonLinesDocuments(file: string): Generator<CorpusDocument> {
  const lines = readUtf8(file).split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim().length === 0) continue;
    let record: unknown;
    try {
      record = JSON.parse(lines[i]);
    } catch (error) {
      throw new FormatError(file, `line ${i + 1} is not JSON (${(error as Error).message})`);
    }
    const text = (record as { text?: unknown } | null)?.text;
    if (typeof text !== "string") throw new FormatError(file, `line ${i + 1} has no string "text" field`);
    const id = (record as { id?: unknown }).id;
    yield { id: typeof id === "string" ? id : `line ${i + 1}`, text };
  }
}

/** A .jsonl file, a single .txt file, or a folder of .txt files. */
export function readTextDocuments(path: string): Generator<CorpusDocument> {
  if (statSync(path).isDirectory()) return readTextFolderDocuments(path);
  if (path.endsWith(".jsonl")) return readJsonLinesDocuments(path);
  if (path.endsWith(".txt")) return (function* () {
    yield { id: path, text: readUtf8(path) };
  })();
  throw new FormatError(path, "is neither a folder of .txt files, a .txt file nor a .jsonl file");
}
