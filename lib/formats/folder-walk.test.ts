import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FolderWalkError, walkFolder, walkFolderSync, type FolderWalkOptions } from "./folder-walk";

let root: string;
let corpus: string;
const SECRET = "the secret outside the folder";
const txt: FolderWalkOptions = { limits: { maxEntries: 1000, maxBytes: 1_000_000 }, wants: (path) => path.endsWith(".txt") };

function write(path: string, text: string) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "rewrite-walk-"));
  corpus = join(root, "corpus");
  write(join(corpus, "b.txt"), "bb");
  write(join(corpus, "a", "one.txt"), "1");
  write(join(corpus, "a", "notes.md"), "not wanted");
  write(join(root, "outside.txt"), SECRET);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Both drivers, which must agree on every folder. */
async function bothWalks(dir: string, options = txt) {
  const awaited = await walkFolder(dir, options);
  expect(walkFolderSync(dir, options)).toEqual(awaited);
  return awaited;
}

async function walkError(dir: string, options = txt): Promise<string> {
  const error = await walkFolder(dir, options).then(() => undefined, (e: Error) => e);
  expect(error).toBeInstanceOf(FolderWalkError);
  expect(() => walkFolderSync(dir, options)).toThrow(error!.message);
  return error!.message;
}

describe("walkFolder", () => {
  it("returns the wanted files of every level, sorted by relative path, and the real sub-folders", async () => {
    const walked = await bothWalks(corpus);
    expect(walked.files.map((f) => [f.relativePath, f.bytes])).toEqual([[join("a", "one.txt"), 1], ["b.txt", 2]]);
    expect(walked.folders).toEqual(["a"]);
    expect((await bothWalks(corpus, { ...txt, maxDepth: 1 })).files.map((f) => f.relativePath)).toEqual(["b.txt"]);
  });

  it("never enters a symlinked folder, so link loops end the walk instead of trapping it", async () => {
    symlinkSync(".", join(corpus, "loop"));
    symlinkSync("..", join(corpus, "a", "up"));
    symlinkSync(join(corpus, "a"), join(corpus, "again"));
    const walked = await bothWalks(corpus);
    expect(walked.files.map((f) => f.relativePath)).toEqual([join("a", "one.txt"), "b.txt"]);
    expect(walked.folders).toEqual(["a"]);
  });

  it("reads a linked file that stays inside the folder, under the link's name", async () => {
    symlinkSync(join(corpus, "b.txt"), join(corpus, "c.txt"));
    const walked = await bothWalks(corpus);
    expect(walked.files.find((f) => f.relativePath === "c.txt")).toEqual({ path: join(walked.root, "b.txt"), relativePath: "c.txt", bytes: 2 });
  });

  it("refuses a link out of the folder and a dangling link with one message that names neither target nor content", async () => {
    symlinkSync(join(root, "outside.txt"), join(corpus, "evil.txt"));
    const outside = await walkError(corpus);
    rmSync(join(corpus, "evil.txt"));
    symlinkSync(join(root, "missing.txt"), join(corpus, "evil.txt"));
    const dangling = await walkError(corpus);
    expect(outside).toBe(dangling);
    expect(outside).toBe(`${corpus}: evil.txt is a link that leads out of the folder or nowhere; copy the file in instead`);
    expect(outside).not.toContain(SECRET);
  });

  it("ignores links it does not want, wherever they lead", async () => {
    symlinkSync("/etc/passwd", join(corpus, "passwd"));
    expect((await bothWalks(corpus)).files).toHaveLength(2);
  });

  it("stops at the entry limit and at the byte limit with a request error", async () => {
    expect(await walkError(corpus, { ...txt, limits: { maxEntries: 3, maxBytes: 100 } })).toMatch(/holds more than 3 entries \(REWRITE_WALK_MAX_FILES\)/);
    expect(await walkError(corpus, { ...txt, limits: { maxEntries: 100, maxBytes: 2 } })).toMatch(/holds more than 2 bytes of files to read \(REWRITE_WALK_MAX_BYTES\)/);
  });

  it("refuses a .txt that is not a regular file (a FIFO would block its reader forever)", async () => {
    execFileSync("mkfifo", [join(corpus, "pipe.txt")]);
    expect(await walkError(corpus)).toMatch(/pipe\.txt is not a regular file/);
  });

  it("leaves the event loop free while it walks a large folder", async () => {
    for (let i = 0; i < 400; i++) write(join(corpus, "many", `${i}.txt`), "x");
    let ticks = 0;
    let walking = true;
    const tick = () => {
      ticks++;
      if (walking) setImmediate(tick);
    };
    setImmediate(tick);
    const walked = await walkFolder(corpus, txt);
    walking = false;
    expect(walked.files).toHaveLength(402);
    // Each awaited stat lets the loop turn; a blocking walk would let it turn once at most.
    expect(ticks).toBeGreaterThan(20);
  });
});
