// How pre-tokenized ids become documents. A stream holding the end-of-text id is cut there, one document per
// piece. delphi's cache tokens of a Pythia model hold none: with filter_bos (on by default) delphi drops the BOS id,
// which is <|endoftext|>, from the whole stream and cuts what is left into [n_seq, ctx] rows. Such a tensor is read
// row by row, each row one context that continues the previous one with no separator put between them.
import type { TokenIdArray } from "./token-id-files";

/** A row of a [n_seq, ctx] tensor without separators: chunking puts no end-of-text id before it. */
export class ContextRow extends Int32Array {}

export type TokenIdReading =
  | { kind: "end-of-text"; separatorId: number; documents: number }
  | { kind: "context-rows"; rows: number; rowLength: number };

/** Splits a token stream into documents at each `separatorId` (the separator itself is dropped). */
export function splitAtSeparator(stream: Int32Array, separatorId: number): Int32Array[] {
  const documents: Int32Array[] = [];
  let start = 0;
  for (let i = 0; i <= stream.length; i++) {
    if (i < stream.length && stream[i] !== separatorId) continue;
    // Text before the first separator is a document only when there is any; later empty documents are kept.
    if (i > start || documents.length > 0 || start > 0) documents.push(stream.slice(start, i));
    start = i + 1;
  }
  return documents;
}

/** The documents of a token id array and which reading gave them. */
export function tokenIdDocuments(array: TokenIdArray, separatorId: number): { reading: TokenIdReading; documents: Int32Array[] } {
  const { ids, shape } = array;
  if (shape.length === 2 && shape[1] > 0 && !ids.includes(separatorId)) {
    const [rows, rowLength] = shape;
    const documents = Array.from({ length: rows }, (_, r) => {
      const row = new ContextRow(rowLength);
      row.set(ids.subarray(r * rowLength, (r + 1) * rowLength));
      return row;
    });
    return { reading: { kind: "context-rows", rows, rowLength }, documents };
  }
  const documents = splitAtSeparator(ids, separatorId);
  return { reading: { kind: "end-of-text", separatorId, documents: documents.length }, documents };
}

export function describeTokenIdReading(reading: TokenIdReading): string {
  if (reading.kind === "context-rows") {
    return `token ids [${reading.rows}, ${reading.rowLength}] without end-of-text ids (delphi's cache tokens): each row one context of ${reading.rowLength} tokens`;
  }
  return `token ids cut at the end-of-text id ${reading.separatorId} into ${reading.documents} documents`;
}
