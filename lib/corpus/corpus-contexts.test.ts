import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { corpusContexts } from "./corpus-contexts";
import { readTextDocuments } from "./text-documents";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// Each character is one token: its char code.
const tokenize = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

describe("corpusContexts", () => {
  it("puts the separator before each document, cuts contexts of exactly contextLength and drops the tail", () => {
    // Stream 0 a b c 0 d e 0 f g h i: 12 tokens = 3 whole contexts [0 a b c] [0 d e 0] [f g h i].
    const contexts = corpusContexts(["abc", "de", "fghi"], { tokenize, separatorId: 0, contextLength: 4, maxContexts: 10 });
    expect(Array.from(contexts)).toEqual([0, 97, 98, 99, 0, 100, 101, 0, 102, 103, 104, 105]);
    // With one more document of 2 tokens the 3 extra tokens (0 j k) are an incomplete tail and are dropped.
    expect(corpusContexts(["abc", "de", "fghi", "jk"], { tokenize, separatorId: 0, contextLength: 4, maxContexts: 10 })).toHaveLength(12);
  });

  it("stops tokenizing once maxContexts are full", () => {
    const seen: string[] = [];
    const contexts = corpusContexts(["abcdefg", "never read"], {
      tokenize: (t) => {
        seen.push(t);
        return tokenize(t);
      },
      separatorId: 0,
      contextLength: 2,
      maxContexts: 3,
    });
    expect(Array.from(contexts)).toEqual([0, 97, 98, 99, 100, 101]);
    expect(seen).toEqual(["abcdefg"]);
  });
});

describe("readTextDocuments", () => {
  it("reads a folder of .txt files in path order and a JSON-lines file, naming bad lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "rewrite-text-"));
    dirs.push(dir);
    mkdirSync(join(dir, "b"));
    writeFileSync(join(dir, "b", "one.txt"), "second");
    writeFileSync(join(dir, "a.txt"), "first");
    writeFileSync(join(dir, "skip.md"), "not text");
    expect([...readTextDocuments(dir)].map((d) => [d.id, d.text])).toEqual([["a.txt", "first"], [join("b", "one.txt"), "second"]]);
    const jsonl = join(dir, "docs.jsonl");
    writeFileSync(jsonl, '{"text": "hello", "id": "h"}\n\n{"text": "world"}\n');
    expect([...readTextDocuments(jsonl)].map((d) => [d.id, d.text])).toEqual([["h", "hello"], ["line 3", "world"]]);
    writeFileSync(jsonl, '{"text": "ok"}\n{"body": "no text"}\n');
    expect(() => [...readTextDocuments(jsonl)]).toThrow(/line 2 has no string "text" field/);
  });
});
