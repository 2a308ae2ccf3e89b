import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CoderSummary, PackSummary } from "@/db/pack-summary";
import { readGptNeoXConfig } from "@/lib/formats/hf-config";
import { parseHookpoint } from "@/lib/formats/hookpoint";
import { readSparsifyConfig } from "@/lib/formats/sparsify-config";
import { PACK_MANIFEST_FILE, packCoderDir, packModelDir, readPackManifest, type PackManifest } from "./pack-manifest";

export type { CoderSummary, PackSummary };

export type PackState = { status: "missing"; dir: string } | { status: "invalid"; dir: string; error: string } | { status: "ok"; pack: PackSummary };

/** Reads what a pack is from its own files (pack.json, config.json, each cfg.json), never from constants. */
export function readPackSummary(packDir: string, manifest: PackManifest = readPackManifest(resolve(packDir))): PackSummary {
  const dir = resolve(packDir);
  const config = readGptNeoXConfig(join(packModelDir(dir, manifest), "config.json"));
  const coders = manifest.coders.map((coder): CoderSummary => {
    parseHookpoint(coder.hookpoint, config.num_hidden_layers);
    const cfg = readSparsifyConfig(packCoderDir(dir, coder));
    return { kind: coder.kind, hookpoint: coder.hookpoint, numLatents: cfg.numLatents, k: cfg.k, skipConnection: cfg.skip_connection, dIn: cfg.d_in };
  });
  return {
    name: manifest.name,
    dir,
    model: {
      layers: config.num_hidden_layers,
      dModel: config.hidden_size,
      heads: config.num_attention_heads,
      vocabSize: config.vocab_size,
      rotaryPct: config.rotary_pct,
    },
    layer: manifest.layer,
    contextLength: manifest.context_length,
    coders,
  };
}

/** Like readPackSummary, but a missing or broken pack is a state to show, not an exception. */
export function readPackState(packDir: string): PackState {
  const dir = resolve(packDir);
  if (!existsSync(join(dir, PACK_MANIFEST_FILE))) return { status: "missing", dir };
  try {
    return { status: "ok", pack: readPackSummary(dir) };
  } catch (error) {
    return { status: "invalid", dir, error: (error as Error).message };
  }
}
