import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findActivationCache } from "@/db/activation-caches";
import { openDatabase } from "@/db/client";
import { runNewJob } from "@/lib/jobs/job-runner";
import { computePackIdentity } from "@/lib/packs/pack-identity";
import { cacheJobHandler, CACHE_JOB_KIND } from "./cache-job";
import type { CacheRuntime } from "./prepare-latent-cache";
import { syntheticEncoder } from "@/lib/cache/testing/synthetic-encoder";

const DEMO = resolve("packs/demo");
const hasDemoTranscoder = existsSync(join(DEMO, "model", "config.json")) && existsSync(join(DEMO, "coders", "layers.2.mlp", "cfg.json"));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A pack folder with the demo model, transcoder and corpus (linked), whatever else the demo pack is still missing. */
function transcoderOnlyPack(root: string): string {
  const pack = join(root, "pack");
  mkdirSync(join(pack, "coders"), { recursive: true });
  symlinkSync(join(DEMO, "model"), join(pack, "model"));
  symlinkSync(join(DEMO, "coders", "layers.2.mlp"), join(pack, "coders", "layers.2.mlp"));
  symlinkSync(join(DEMO, "corpus.json"), join(pack, "corpus.json"));
  const coders = [{ kind: "transcoder", hookpoint: "layers.2.mlp", path: "coders/layers.2.mlp" }];
  writeFileSync(join(pack, "pack.json"), JSON.stringify({ name: "demo", model: "model", layer: 2, coders, corpus: "corpus.json", context_length: 128 }));
  return pack;
}

const fakeRuntime: CacheRuntime = {
  tokenize: (text) => Array.from(text, (c) => (c.codePointAt(0) ?? 0) % 4096),
  separatorId: 0,
  vocabSize: 4096,
  coder: async () => ({ encode: syntheticEncoder(32, 4), decoderWeights: Float32Array.from({ length: 32 * 2 }, (_, i) => Math.cos(i)), dIn: 2, numLatents: 32 }),
};

describe.runIf(hasDemoTranscoder)("the cache job", () => {
  it("caches a coder of the pack under the pack's identity, and fails with the pack's coders named for an unknown hookpoint", async () => {
    const root = mkdtempSync(join(tmpdir(), "rewrite-cache-job-"));
    dirs.push(root);
    const packDir = transcoderOnlyPack(root);
    const db = openDatabase(join(root, "rewrite.sqlite"));
    const handler = cacheJobHandler({ db, dataDir: join(root, "data"), loadRuntime: async () => fakeRuntime });
    const job = await runNewJob(db, CACHE_JOB_KIND, { packDir, hookpoint: "layers.2.mlp", numTokens: 128 * 20 }, handler, { reportEveryMs: 0 });
    expect(job.status).toBe("done");
    expect(job.message).toBe("layers.2.mlp: summarizing latents");
    expect([job.progressDone, job.progressTotal]).toEqual([32, 32]);
    const cache = findActivationCache(db, computePackIdentity(packDir), "layers.2.mlp");
    expect(cache?.numTokens).toBe(128 * 20);
    expect(cache?.summarizedLatents).toBe(32);

    const bad = await runNewJob(db, CACHE_JOB_KIND, { packDir, hookpoint: "layers.3.mlp" }, handler);
    expect(bad.status).toBe("failed");
    expect(bad.error).toMatch(/no coder at hookpoint "layers.3.mlp"; it has layers.2.mlp/);
    db.$client.close();
  });
});
