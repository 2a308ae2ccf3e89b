import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { computePackIdentity } from "./pack-identity";
import { readPackState } from "./pack-summary";
import { emptySafetensors, writeTinyPack } from "./testing/tiny-pack";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function writePack(layers: number, hookpoint: string): string {
  const dir = writeTinyPack(layers, hookpoint);
  dirs.push(dir);
  return dir;
}

describe("readPackState", () => {
  it("reads the pack from its files", () => {
    const state = readPackState(writePack(2, "layers.1.mlp"));
    expect(state.status).toBe("ok");
    if (state.status !== "ok") return;
    expect(state.pack.model).toEqual({ layers: 2, dModel: 8, heads: 2, vocabSize: 10, rotaryPct: 0.25 });
    expect(state.pack.coders).toEqual([{ kind: "transcoder", hookpoint: "layers.1.mlp", numLatents: 32, k: 4, skipConnection: true, dIn: 8 }]);
  });

  it("says when there is no pack, and why a pack is invalid", () => {
    expect(readPackState("/nonexistent/pack")).toEqual({ status: "missing", dir: "/nonexistent/pack" });
    const state = readPackState(writePack(1, "layers.1.mlp"));
    expect(state).toMatchObject({ status: "invalid", error: expect.stringMatching(/names layer 1 but the model has 1 layers/) });
  });

  it("identifies a pack by its configs and weight headers", () => {
    const a = writePack(2, "layers.1.mlp");
    const b = writePack(2, "layers.1.mlp");
    expect(computePackIdentity(a)).toBe(computePackIdentity(b));
    writeFileSync(join(b, "tc", "sae.safetensors"), emptySafetensors("other weights"));
    expect(computePackIdentity(a)).not.toBe(computePackIdentity(b));
    // Same header, retrained bytes: a new identity, so caches built on the old weights are not reused.
    const c = writePack(2, "layers.1.mlp");
    const retrained = Buffer.concat([emptySafetensors("model"), Buffer.alloc(64, 7)]);
    writeFileSync(join(c, "model", "model.safetensors"), Buffer.concat([emptySafetensors("model"), Buffer.alloc(64, 1)]));
    const before = computePackIdentity(c);
    writeFileSync(join(c, "model", "model.safetensors"), retrained);
    expect(computePackIdentity(c)).not.toBe(before);
  });
});
