import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probePath, scopedFile, scopedFolder, type PackPathScope } from "./pack-path-scope";

// One refusal for everything outside the roots, so a request learns nothing of what lies there.
const root = mkdtempSync(join(tmpdir(), "rewrite-scope-"));
const allowed = join(root, "allowed");
const outside = join(root, "outside");
mkdirSync(join(allowed, "models", "tiny"), { recursive: true });
mkdirSync(join(outside, "secret-dir"), { recursive: true });
writeFileSync(join(allowed, "models", "tiny", "config.json"), "{}");
writeFileSync(join(outside, "secret.txt"), "secret");
symlinkSync(join(outside, "secret.txt"), join(allowed, "link-to-file"));
symlinkSync(join(outside, "secret-dir"), join(allowed, "link-to-dir"));
symlinkSync(join(outside, "missing"), join(allowed, "dangling"));
symlinkSync(join(allowed, "models"), join(allowed, "inner-link"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const browser: PackPathScope = { roots: [allowed], limits: { maxEntries: 100, maxBytes: 1000 } };
const refusal = async (path: string) => {
  const error = await probePath(browser, path).then(() => undefined, (e: Error & { status?: number }) => e);
  expect(error?.status).toBe(403);
  return error!.message.replace(path, "<path>");
};

describe("probePath from the browser", () => {
  it("refuses every path outside the roots with one message, whether it exists, is missing, or is reached by a link", async () => {
    const messages = await Promise.all(
      [
        join(outside, "secret.txt"),
        join(outside, "missing.txt"),
        "/etc/passwd",
        "/no/such/folder",
        join(allowed, "..", "outside", "secret.txt"),
        join(allowed, "link-to-file"),
        join(allowed, "link-to-dir"),
        join(allowed, "link-to-dir", "missing"),
        join(allowed, "dangling"),
        join(allowed, "dangling", "below"),
      ].map(refusal),
    );
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toBe(`<path> is not under a folder the server may read for the browser (REWRITE_PACK_ROOTS: ${allowed}); move it under one, or add the pack with \`rewrite pack add\``);
  });

  it("answers real paths inside the roots, links that stay inside included, and says when nothing is there", async () => {
    expect(await probePath(browser, join(allowed, "inner-link", "tiny"))).toBe(join(allowed, "models", "tiny"));
    expect(await probePath(browser, join(allowed, "models", "none"))).toBeUndefined();
    await expect(scopedFolder(browser, join(allowed, "models", "none"), "pass a folder")).rejects.toThrow(/models\/none: does not exist; pass a folder/);
  });

  it("refuses what is not a regular file, and a file larger than a whole read may take", async () => {
    execFileSync("mkfifo", [join(allowed, "models", "tiny", "tokenizer.json")]);
    await expect(scopedFile(browser, join(allowed, "models", "tiny", "tokenizer.json"), "is missing")).rejects.toThrow(/tokenizer\.json: is not a regular file/);
    await expect(scopedFile(browser, join(allowed, "models", "tiny", "config.json"), "is missing", 1)).rejects.toThrow(/config\.json is 2 bytes; a file read whole may have at most 1/);
  });
});

describe("probePath from the CLI", () => {
  it("lets any path through", async () => {
    expect(await probePath({ limits: browser.limits }, join(allowed, "link-to-file"))).toBe(join(outside, "secret.txt"));
    expect(await probePath({ limits: browser.limits }, "/no/such/folder")).toBeUndefined();
  });
});
