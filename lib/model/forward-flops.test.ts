import { describe, expect, it } from "vitest";
import { forwardFlops, transcoderFlops } from "./forward-flops";

describe("forwardFlops", () => {
  it("counts the matmuls of a tiny GPT-NeoX by hand", () => {
    // d = 2, I = 8, 1 layer, V = 10, 1 sequence of 3 tokens. Per token: QKV 2·6 = 12 MACs, out 4, MLP 2·8 + 8·2 = 32,
    // attention 3·2 (QKᵀ) + 3·2 (AV) = 12, unembed 20 → 80 MACs = 160 FLOPs per token, 480 for 3 tokens.
    expect(forwardFlops({ hidden_size: 2, intermediate_size: 8, num_hidden_layers: 1, vocab_size: 10 }, 1, 3)).toBe(480);
  });

  it("puts Pythia-160M at about 2 × 85 M non-embedding parameters + unembedding per token, plus attention", () => {
    const pythia = { hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 12, vocab_size: 50304 };
    const perToken = forwardFlops(pythia, 1, 1);
    // 12 layers × 12·768² = 84.9 M weights and 768 × 50,304 = 38.6 M unembedding weights, 2 FLOPs each, + attention at length 1.
    expect(perToken).toBe(2 * (12 * 12 * 768 ** 2 + 768 * 50_304) + 2 * 12 * 2 * 768);
  });
});

describe("transcoderFlops", () => {
  it("adds the encoder, the k decoder rows and the skip matrix per token", () => {
    expect(transcoderFlops(4, 32, 2, 5)).toBe(2 * 5 * (4 * 32 + 2 * 4 + 16));
  });
});
