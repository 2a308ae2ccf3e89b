import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultCoder } from "./default-coder";
import { openPack, openReadablePack } from "./open-pack";
import { computePackIdentity } from "./pack-identity";
import { emptySafetensors, writeTinyPack } from "./testing/tiny-pack";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function writePack(): string {
  const dir = writeTinyPack(2, "layers.1.mlp");
  dirs.push(dir);
  return dir;
}

/** Rewrites a file with new bytes of the same size, a second later: only the mtime tells them apart. */
function rewriteSameSize(file: string, bytes: Buffer): void {
  const { mtimeMs, size } = statSync(file);
  expect(bytes.length).toBe(size);
  writeFileSync(file, bytes);
  utimesSync(file, new Date(), new Date(mtimeMs + 1000));
}

describe("openPack", () => {
  it("opens a pack once: manifest, summary and identity, the same value while its files are unchanged", () => {
    const dir = writePack();
    const first = openReadablePack(dir);
    expect(first).toMatchObject({ status: "ok", dir, manifest: { name: "tiny", layer: 1 }, pack: { name: "tiny", layer: 1 }, identity: computePackIdentity(dir) });
    expect(openPack(dir)).toBe(first);
  });

  it("opens it again when a weight file or pack.json changes, even at the same size", () => {
    const dir = writePack();
    const first = openReadablePack(dir);
    const weights = join(dir, "tc", "sae.safetensors");
    rewriteSameSize(weights, emptySafetensors("retra"));
    const retrained = openReadablePack(dir);
    expect(retrained).not.toBe(first);
    expect(retrained.identity).toBe(computePackIdentity(dir));
    expect(retrained.identity).not.toBe(first.identity);
    const manifestFile = join(dir, "pack.json");
    rewriteSameSize(manifestFile, Buffer.from(readFileSync(manifestFile, "utf8").replace('"tiny"', '"tyne"')));
    expect(openReadablePack(dir).pack.name).toBe("tyne");
  });

  it("says when a pack is missing or broken, and stops serving the old value", () => {
    expect(openPack("/nonexistent/pack")).toEqual({ status: "missing", dir: "/nonexistent/pack" });
    const dir = writePack();
    openReadablePack(dir);
    rmSync(join(dir, "tc", "cfg.json"));
    expect(openPack(dir)).toMatchObject({ status: "invalid", dir, error: expect.stringMatching(/cfg\.json/) });
    expect(() => openReadablePack(dir)).toThrow(/cfg\.json/);
  });
});

describe("defaultCoder", () => {
  it("is the pack's transcoder wherever it is listed, else its first coder", () => {
    const sae = { kind: "sae" as const, hookpoint: "layers.2" };
    const transcoder = { kind: "transcoder" as const, hookpoint: "layers.2.mlp" };
    expect(defaultCoder({ coders: [sae, transcoder] })).toBe(transcoder);
    expect(defaultCoder({ coders: [sae, { ...sae, hookpoint: "layers.3" }] })).toBe(sae);
    expect(() => defaultCoder({ coders: [] })).toThrow(/names no coder/);
  });
});
