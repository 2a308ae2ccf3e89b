// A pack's corpus in any supported format, read by split: a corpus.json manifest (its own train / held-out split),
// a folder of .txt files, a .txt or .jsonl file, or pre-tokenized ids (.npy / .safetensors). Formats without a
// split hold out every tenth document; pre-tokenized ids are cut into documents at the end-of-text token, so
// chunking them again (end-of-text before each document) gives back the same stream, or, without any such token
// in a [n_seq, ctx] tensor, read one row per context (token-id-reading.ts).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { FormatError } from "@/lib/formats/format-error";
import { readCorpusDocuments } from "./corpus-documents";
import type { CorpusSplit } from "./corpus-manifest";
import { readTextDocuments, listTextFiles } from "./text-documents";
import { isTokenIdFile, readTokenIdFile } from "./token-id-files";
import { tokenIdDocuments } from "./token-id-reading";

/** A document's text, or its token ids when the corpus is pre-tokenized. */
export type CorpusDocumentContent = string | Int32Array;

/** Document i of a corpus without its own split is held out when i % HELDOUT_EVERY === HELDOUT_EVERY - 1. */
export const HELDOUT_EVERY = 10;

export type CorpusFormat = "corpus-manifest" | "text-folder" | "text-file" | "json-lines" | "token-ids";

export function corpusFormat(path: string): CorpusFormat {
  if (!existsSync(path)) throw new FormatError(path, "does not exist");
  if (statSync(path).isDirectory()) return "text-folder";
  if (path.endsWith(".json")) return "corpus-manifest";
  if (path.endsWith(".jsonl")) return "json-lines";
  if (path.endsWith(".txt")) return "text-file";
  if (isTokenIdFile(path)) return "token-ids";
  throw new FormatError(path, "is not a corpus: use a folder of .txt files, a .txt or .jsonl file (a \"text\" field per line), token ids as .npy or .safetensors, or a corpus.json");
}

function allDocuments(path: string, separatorId: number): CorpusDocumentContent[] {
  if (corpusFormat(path) === "token-ids") return tokenIdDocuments(readTokenIdFile(path), separatorId).documents;
  return Array.from(readTextDocuments(path), (d) => d.text);
}

export interface CorpusSplitOptions {
  /** The pack tokenizer's end-of-text id (documents of pre-tokenized corpora are cut there). */
  separatorId: number;
}

/** The documents of one split, in corpus order. */
export function readCorpusSplit(path: string, split: CorpusSplit, options: CorpusSplitOptions): CorpusDocumentContent[] {
  if (corpusFormat(path) === "corpus-manifest") return Array.from(readCorpusDocuments(path, { split }), (d) => d.text);
  const heldout = (i: number) => i % HELDOUT_EVERY === HELDOUT_EVERY - 1;
  return allDocuments(path, options.separatorId).filter((_, i) => heldout(i) === (split === "heldout"));
}

/** Tokenizes text documents with the pack's tokenizer; pre-tokenized documents pass through. */
export function documentTokenizer(tokenize: (text: string) => ArrayLike<number>): (document: CorpusDocumentContent) => ArrayLike<number> {
  return (document) => (typeof document === "string" ? tokenize(document) : document);
}

/** sha256 (first 16 hex) of the corpus's bytes: the file, or every .txt file of a folder with its relative path. */
export function corpusFingerprint(path: string): string {
  const hash = createHash("sha256");
  if (corpusFormat(path) !== "text-folder") return hash.update(readFileSync(path)).digest("hex").slice(0, 16);
  for (const file of listTextFiles(path)) hash.update(file.relativePath).update("\0").update(readFileSync(file.path)).update("\0");
  return hash.digest("hex").slice(0, 16);
}
