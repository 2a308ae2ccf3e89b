import { describe, expect, it } from "vitest";
import { corpusContexts } from "./corpus-contexts";
import { documentTokenizer } from "./pack-corpus";
import { ContextRow, describeTokenIdReading, splitAtSeparator, tokenIdDocuments } from "./token-id-reading";

const EOS = 0;
const ids = (...values: number[]) => new Int32Array(values);

describe("splitAtSeparator", () => {
  it("cuts at every end-of-text id, dropping it, so re-chunking with a leading separator restores the stream", () => {
    expect(splitAtSeparator(ids(0, 5, 6, 0, 7, 0, 8), EOS)).toEqual([ids(5, 6), ids(7), ids(8)]);
    // Tokens before the first separator form a document; a trailing separator leaves an empty last one.
    expect(splitAtSeparator(ids(3, 0, 4, 0), EOS)).toEqual([ids(3), ids(4), ids()]);
    expect(splitAtSeparator(ids(0, 0, 2), EOS)).toEqual([ids(), ids(2)]);
    expect(splitAtSeparator(ids(), EOS)).toEqual([]);
  });
});

describe("tokenIdDocuments", () => {
  it("reads a [n_seq, ctx] tensor without end-of-text ids one context per row, and chunks the rows back unchanged", () => {
    const { reading, documents } = tokenIdDocuments({ ids: ids(1, 2, 3, 4, 5, 6, 7, 8, 9), shape: [3, 3] }, EOS);
    expect(reading).toEqual({ kind: "context-rows", rows: 3, rowLength: 3 });
    expect(describeTokenIdReading(reading)).toBe("token ids [3, 3] without end-of-text ids (delphi's cache tokens): each row one context of 3 tokens");
    expect(documents.every((d) => d instanceof ContextRow)).toBe(true);
    // Rows in another order (the cache shuffles documents) give contexts that are exactly those rows: no separator.
    const contexts = corpusContexts([documents[2], documents[0], documents[1]], { tokenize: documentTokenizer(() => []), separatorId: EOS, contextLength: 3, maxContexts: 10 });
    expect(Array.from(contexts)).toEqual([7, 8, 9, 1, 2, 3, 4, 5, 6]);
  });

  it("cuts at the end-of-text id when the ids hold one, whatever their shape", () => {
    const rows = tokenIdDocuments({ ids: ids(0, 1, 2, 0, 3, 4), shape: [2, 3] }, EOS);
    expect(rows).toEqual({ reading: { kind: "end-of-text", separatorId: EOS, documents: 2 }, documents: [ids(1, 2), ids(3, 4)] });
    expect(tokenIdDocuments({ ids: ids(1, 2, 3), shape: [3] }, EOS).reading).toEqual({ kind: "end-of-text", separatorId: EOS, documents: 1 });
  });
});
