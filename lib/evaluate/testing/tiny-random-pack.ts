// A whole pack on disk with random weights, small enough for unit tests to run every stage on it: a 2-layer,
// d_model 16 GPT-NeoX with the demo pack's tokenizer and corpus, a transcoder with skip at layers.1.mlp and a
// residual SAE at layers.1 (64 latents, k = 4), contexts of 32 tokens.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEMO_SHAPED_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder } from "@/lib/model/testing/random-snapshot";

const DEMO_PACK = resolve("packs/demo");

export const TINY_PACK = { layer: 1, dModel: 16, numLatents: 64, k: 4, contextLength: 32, transcoder: "layers.1.mlp", sae: "layers.1" } as const;

/** Whether the demo pack's tokenizer and corpus manifest, which the tiny pack borrows, are present. */
export function canWriteTinyRandomPack(): boolean {
  return existsSync(join(DEMO_PACK, "model", "tokenizer.json")) && existsSync(join(DEMO_PACK, "corpus.json"));
}

export function writeTinyRandomPack(root: string, seed = 1): string {
  const pack = join(root, "tiny-pack");
  const model = join(pack, "model");
  writeRandomGptNeoXSnapshot(
    model,
    { ...DEMO_SHAPED_CONFIG, hidden_size: TINY_PACK.dModel, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 32, max_position_embeddings: 64 },
    seed,
  );
  for (const file of ["tokenizer.json", "tokenizer_config.json"]) {
    if (existsSync(join(DEMO_PACK, "model", file))) copyFileSync(join(DEMO_PACK, "model", file), join(model, file));
  }
  const coder = { dIn: TINY_PACK.dModel, numLatents: TINY_PACK.numLatents, k: TINY_PACK.k, dtype: "F32" as const };
  writeRandomSparsifyCoder(join(pack, "coders", TINY_PACK.transcoder), { ...coder, transcode: true, skipConnection: true }, seed + 1);
  writeRandomSparsifyCoder(join(pack, "coders", TINY_PACK.sae), { ...coder, transcode: false, skipConnection: false }, seed + 2);
  mkdirSync(pack, { recursive: true });
  copyFileSync(join(DEMO_PACK, "corpus.json"), join(pack, "corpus.json"));
  const coders = [
    { kind: "transcoder", hookpoint: TINY_PACK.transcoder, path: `coders/${TINY_PACK.transcoder}` },
    { kind: "sae", hookpoint: TINY_PACK.sae, path: `coders/${TINY_PACK.sae}` },
  ];
  writeFileSync(
    join(pack, "pack.json"),
    JSON.stringify({ name: "tiny-random", model: "model", layer: TINY_PACK.layer, coders, corpus: "corpus.json", context_length: TINY_PACK.contextLength }),
  );
  return pack;
}
