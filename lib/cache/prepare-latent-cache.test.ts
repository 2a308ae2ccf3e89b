import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { findLatentDetail } from "@/db/latents";
import { openActivationCache } from "./activation-cache";
import type { EncodeBatch } from "./encode-batch";
import { prepareLatentCache, type CacheRuntime, type CacheStage } from "./prepare-latent-cache";
import { syntheticEncoder } from "@/lib/cache/testing/synthetic-encoder";

const DEMO_CORPUS = "packs/demo/corpus.json";
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Characters as tokens (code points below 65536) and the synthetic encoder, counting encoded contexts. */
function fakeRuntime(): { runtime: CacheRuntime; encodedContexts: () => number } {
  let contexts = 0;
  const inner = syntheticEncoder(64, 4);
  const encode: EncodeBatch = (ids, batch, length) => {
    contexts += batch;
    return inner(ids, batch, length);
  };
  const runtime: CacheRuntime = {
    tokenize: (text) => Array.from(text, (c) => Math.min(c.codePointAt(0) ?? 0, 65535)),
    separatorId: 0,
    vocabSize: 65536,
    coder: async () => ({ encode, decoderWeights: Float32Array.from({ length: 64 * 4 }, (_, i) => Math.sin(i)), dIn: 4, numLatents: 64 }),
  };
  return { runtime, encodedContexts: () => contexts };
}

describe.runIf(existsSync(DEMO_CORPUS))("prepareLatentCache", () => {
  it("caches shuffled train documents as whole contexts, summarizes every latent, and reuses a finished cache", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rewrite-prepare-"));
    dirs.push(dataDir);
    const db = openDatabase(join(dataDir, "rewrite.sqlite"));
    const stages = new Set<CacheStage>();
    const first = fakeRuntime();
    const options = {
      dataDir,
      packIdentity: "demo0",
      hookpoint: "layers.2.mlp",
      coderKind: "transcoder" as const,
      contextLength: 64,
      corpusFile: DEMO_CORPUS,
      numTokens: 64 * 40 + 10, // 40 whole contexts; the 10 extra tokens are dropped
      seed: 3,
      contextsPerChunk: 16,
      runtime: first.runtime,
      onProgress: (stage: CacheStage) => stages.add(stage),
    };
    const row = await prepareLatentCache(db, options);
    expect(row.numContexts).toBe(40);
    expect(row.numTokens).toBe(2560);
    expect(first.encodedContexts()).toBe(40);
    expect([...stages]).toEqual(["tokenizing", "encoding", "summarizing"]);
    const cache = openActivationCache(row.dir);
    expect(cache.readTokens(0, 1)[0]).toBe(0); // the first document starts after the end-of-text separator
    expect(cache.manifest.tokenDtype).toBe("uint16");
    for (let latent = 0; latent < 64; latent++) expect(findLatentDetail(db, row.id, latent)).toBeDefined();
    expect(findLatentDetail(db, row.id, 5)?.neighbours).toHaveLength(10);

    const second = fakeRuntime();
    const again = await prepareLatentCache(db, { ...options, runtime: second.runtime });
    expect(second.encodedContexts()).toBe(0);
    expect(again.id).toBe(row.id);
    db.$client.close();
  });
});
