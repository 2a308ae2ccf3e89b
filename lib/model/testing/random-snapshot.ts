import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createSeededRng, type SeededRng } from "@/lib/core/seeded-rng";
import { writeSafetensors, type WritableTensor } from "@/lib/formats/safetensors-writer";

// Random-weight snapshots in the real on-disk layouts (HF GPT-NeoX folder, sparsify coder folder), so tests and
// benchmarks exercise the same loading code as a real Pythia checkpoint, without downloading one.

/** The embedded demo pack's config.json values (training/train_lm.py). */
export const DEMO_SHAPED_CONFIG = {
  model_type: "gpt_neox",
  vocab_size: 4096,
  hidden_size: 192,
  num_hidden_layers: 4,
  num_attention_heads: 4,
  intermediate_size: 768,
  rotary_pct: 0.25,
  rotary_emb_base: 10000,
  max_position_embeddings: 128,
  layer_norm_eps: 1e-5,
  use_parallel_residual: true,
  hidden_act: "gelu",
  tie_word_embeddings: false,
};

/** EleutherAI/pythia-160m's config.json values. */
export const PYTHIA_160M_CONFIG = {
  ...DEMO_SHAPED_CONFIG,
  vocab_size: 50304,
  hidden_size: 768,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  intermediate_size: 3072,
  max_position_embeddings: 2048,
};

export type RandomModelConfig = typeof DEMO_SHAPED_CONFIG;

function uniform(rng: SeededRng, count: number, center: number, halfWidth: number): Float32Array {
  const out = new Float32Array(count);
  const scale = (2 * halfWidth) / 4294967296;
  for (let i = 0; i < count; i++) out[i] = center - halfWidth + rng.nextUint32() * scale;
  return out;
}

/** Writes config.json + model.safetensors (F32 unless asked, HF names) with weights drawn from `seed`. */
export function writeRandomGptNeoXSnapshot(dir: string, config: RandomModelConfig, seed: number, dtype: "F32" | "F16" | "BF16" = "F32"): void {
  mkdirSync(dir, { recursive: true });
  const rng = createSeededRng(seed);
  const d = config.hidden_size;
  const inter = config.intermediate_size;
  const f32 = (shape: number[], center: number, halfWidth: number): WritableTensor => ({
    dtype,
    shape,
    data: uniform(rng, shape.reduce((a, b) => a * b, 1), center, halfWidth),
  });
  // Widths near 1/√fan_in keep activations O(1) through the layers; LayerNorm gains vary around 1.
  const wIn = Math.sqrt(3 / d);
  const tensors: Record<string, WritableTensor> = { "gpt_neox.embed_in.weight": f32([config.vocab_size, d], 0, 1) };
  for (let l = 0; l < config.num_hidden_layers; l++) {
    const p = `gpt_neox.layers.${l}`;
    Object.assign(tensors, {
      [`${p}.input_layernorm.weight`]: f32([d], 1, 0.2),
      [`${p}.input_layernorm.bias`]: f32([d], 0, 0.1),
      [`${p}.post_attention_layernorm.weight`]: f32([d], 1, 0.2),
      [`${p}.post_attention_layernorm.bias`]: f32([d], 0, 0.1),
      [`${p}.attention.query_key_value.weight`]: f32([3 * d, d], 0, 2 * wIn),
      [`${p}.attention.query_key_value.bias`]: f32([3 * d], 0, 0.1),
      [`${p}.attention.dense.weight`]: f32([d, d], 0, wIn),
      [`${p}.attention.dense.bias`]: f32([d], 0, 0.1),
      [`${p}.mlp.dense_h_to_4h.weight`]: f32([inter, d], 0, wIn),
      [`${p}.mlp.dense_h_to_4h.bias`]: f32([inter], 0, 0.1),
      [`${p}.mlp.dense_4h_to_h.weight`]: f32([d, inter], 0, Math.sqrt(3 / inter)),
      [`${p}.mlp.dense_4h_to_h.bias`]: f32([d], 0, 0.1),
    });
  }
  tensors["gpt_neox.final_layer_norm.weight"] = f32([d], 1, 0.2);
  tensors["gpt_neox.final_layer_norm.bias"] = f32([d], 0, 0.1);
  tensors["embed_out.weight"] = f32([config.vocab_size, d], 0, 2 * wIn);
  writeFileSync(join(dir, "config.json"), JSON.stringify({ architectures: ["GPTNeoXForCausalLM"], ...config }, null, 2));
  writeSafetensors(join(dir, "model.safetensors"), tensors, { format: "pt" });
}

export interface RandomCoderOptions {
  dIn: number;
  numLatents: number;
  k: number;
  transcode: boolean;
  skipConnection: boolean;
  dtype?: "F32" | "BF16";
}

/** Writes a sparsify coder folder (cfg.json + sae.safetensors, BF16 by default as sparsify saves them). */
export function writeRandomSparsifyCoder(dir: string, options: RandomCoderOptions, seed: number): void {
  mkdirSync(dir, { recursive: true });
  const rng = createSeededRng(seed);
  const { dIn, numLatents, k } = options;
  const dtype = options.dtype ?? "BF16";
  const tensor = (shape: number[], halfWidth: number): WritableTensor => ({ dtype, shape, data: uniform(rng, shape.reduce((a, b) => a * b, 1), 0, halfWidth) });
  const tensors: Record<string, WritableTensor> = {
    "encoder.weight": tensor([numLatents, dIn], Math.sqrt(3 / dIn)),
    "encoder.bias": tensor([numLatents], 0.05),
    W_dec: tensor([numLatents, dIn], Math.sqrt(3 / dIn)),
    b_dec: tensor([dIn], 0.1),
  };
  if (options.skipConnection) tensors.W_skip = tensor([dIn, dIn], Math.sqrt(3 / dIn) / 4);
  const cfg = {
    activation: "topk",
    expansion_factor: Math.max(1, Math.floor(numLatents / dIn)), // informative only: num_latents is set
    normalize_decoder: true,
    num_latents: numLatents,
    k,
    multi_topk: false,
    skip_connection: options.skipConnection,
    transcode: options.transcode,
    d_in: dIn,
  };
  writeFileSync(join(dir, "cfg.json"), JSON.stringify(cfg, null, 2));
  writeSafetensors(join(dir, "sae.safetensors"), tensors);
}
