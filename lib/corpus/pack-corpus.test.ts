import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeSafetensors } from "@/lib/formats/safetensors-writer";
import { corpusContexts } from "./corpus-contexts";
import { corpusFingerprint, corpusFormat, documentTokenizer, readCorpusSplit } from "./pack-corpus";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rewrite-corpus-"));
  dirs.push(dir);
  return dir;
}

const EOS = 0;
const ids = (...values: number[]) => new Int32Array(values);

describe("readCorpusSplit", () => {
  it("holds out every tenth document of a folder of .txt files (documents in path order)", () => {
    const dir = tempDir();
    // doc00 … doc11: sorted by path, document 9 (doc09) is the only held-out one among 12.
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, `doc${String(i).padStart(2, "0")}.txt`), `text ${i}`);
    expect(corpusFormat(dir)).toBe("text-folder");
    expect(readCorpusSplit(dir, "heldout", { separatorId: EOS })).toEqual(["text 9"]);
    expect(readCorpusSplit(dir, "train", { separatorId: EOS })).toEqual(["text 0", "text 1", "text 2", "text 3", "text 4", "text 5", "text 6", "text 7", "text 8", "text 10", "text 11"]);
  });

  it("reads a JSON-lines corpus line by line (blank lines skipped)", () => {
    const file = join(tempDir(), "docs.jsonl");
    writeFileSync(file, Array.from({ length: 20 }, (_, i) => JSON.stringify({ text: `line ${i}` })).join("\n\n"));
    expect(corpusFormat(file)).toBe("json-lines");
    // Documents 9 and 19 are held out.
    expect(readCorpusSplit(file, "heldout", { separatorId: EOS })).toEqual(["line 9", "line 19"]);
    expect(readCorpusSplit(file, "train", { separatorId: EOS })).toHaveLength(18);
  });

  it("cuts pre-tokenized ids into documents at the end-of-text id; chunking the train split again gives its stream back", () => {
    const dir = tempDir();
    // 11 documents [EOS, d, d+100] for d = 1 … 11, stored as a [11, 3] int32 tensor: document 9 is [10, 110].
    const rows = Array.from({ length: 11 }, (_, i) => [EOS, i + 1, i + 101]).flat();
    const file = join(dir, "ids.safetensors");
    writeSafetensors(file, { input_ids: { dtype: "I32", shape: [11, 3], data: new Int32Array(rows) } });
    expect(corpusFormat(file)).toBe("token-ids");
    expect(readCorpusSplit(file, "heldout", { separatorId: EOS })).toEqual([ids(10, 110)]);
    const train = readCorpusSplit(file, "train", { separatorId: EOS });
    expect(train).toHaveLength(10);
    const stream = corpusContexts(train, { tokenize: documentTokenizer(() => []), separatorId: EOS, contextLength: 6, maxContexts: 100 });
    // 10 documents × 3 tokens = 30 = five contexts of 6, exactly the train rows in order.
    expect(Array.from(stream)).toEqual(rows.filter((_, i) => Math.floor(i / 3) !== 9));
  });

  it("tokenizes text documents with the given tokenizer and passes ids through", () => {
    const tokenize = documentTokenizer((text) => Array.from(text, (c) => c.charCodeAt(0)));
    expect(Array.from(tokenize("ab"))).toEqual([97, 98]);
    expect(tokenize(ids(4, 5))).toEqual(ids(4, 5));
  });
});

describe("corpusFormat and corpusFingerprint", () => {
  it("rejects what is not a corpus, naming the path", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.csv"), "a,b");
    expect(() => corpusFormat(join(dir, "notes.csv"))).toThrow(/notes\.csv: is not a corpus: use a folder of \.txt files/);
    expect(() => corpusFormat(join(dir, "absent.jsonl"))).toThrow(/absent\.jsonl: does not exist/);
  });

  it("hashes a file's bytes, and a folder's .txt files with their relative paths", () => {
    const dir = tempDir();
    const file = join(dir, "one.jsonl");
    writeFileSync(file, '{"text": "x"}\n');
    expect(corpusFingerprint(file)).toBe(createHash("sha256").update('{"text": "x"}\n').digest("hex").slice(0, 16));
    const folder = join(dir, "texts");
    mkdirSync(join(folder, "sub"), { recursive: true });
    writeFileSync(join(folder, "a.txt"), "first");
    writeFileSync(join(folder, "sub", "b.txt"), "second");
    const before = corpusFingerprint(folder);
    expect(before).toBe(createHash("sha256").update("a.txt\0first\0").update(`${join("sub", "b.txt")}\0second\0`).digest("hex").slice(0, 16));
    writeFileSync(join(folder, "sub", "b.txt"), "changed");
    expect(corpusFingerprint(folder)).not.toBe(before);
  });
});
