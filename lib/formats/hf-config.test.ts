import { describe, expect, it } from "vitest";
import { parseGptNeoXConfig } from "./hf-config";

// Pythia-160M's config.json fields (EleutherAI/pythia-160m).
const pythia160m = {
  architectures: ["GPTNeoXForCausalLM"],
  model_type: "gpt_neox",
  vocab_size: 50304,
  hidden_size: 768,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  intermediate_size: 3072,
  rotary_pct: 0.25,
  rotary_emb_base: 10000,
  max_position_embeddings: 2048,
  layer_norm_eps: 1e-5,
  use_parallel_residual: true,
  hidden_act: "gelu",
  tie_word_embeddings: false,
};

describe("parseGptNeoXConfig", () => {
  it("derives head and rotary sizes as transformers does", () => {
    const config = parseGptNeoXConfig(pythia160m);
    expect(config.headDim).toBe(64); // 768 / 12
    expect(config.rotaryDims).toBe(16); // int(64 × 0.25)
  });

  it("names the offending field", () => {
    expect(() => parseGptNeoXConfig({ ...pythia160m, model_type: "llama" }, "x/config.json")).toThrow(/x\/config.json: model_type: model_type must be "gpt_neox" \(found "llama"\)/);
    expect(() => parseGptNeoXConfig({ ...pythia160m, hidden_size: "768" })).toThrow(/hidden_size/);
    expect(() => parseGptNeoXConfig({ ...pythia160m, num_attention_heads: 7 })).toThrow(/not divisible by num_attention_heads 7/);
  });
});
