import type { GptNeoXConfig } from "@/lib/formats/hf-config";
import type { OnnxGraph } from "./onnx-graph";
import type { GptNeoXLayerWeights, GptNeoXWeights } from "./gpt-neox-weights";

// Writes GPT-NeoX as transformers' GPTNeoXLayer computes it, into an OnnxGraph: parallel residual
// x + attn(ln1 x) + mlp(ln2 x), fused QKV with per-head [q | k | v] rows, rotary (rotate_half, non-interleaved) on
// the first rotaryDims of each head, causal softmax attention scaled by 1/√head_dim, GELU MLP.

/** How attention sees other positions: a causal mask over the whole sequence, or cached keys/values. */
export type AttentionMode = { kind: "causal"; mask: string; cos: string; sin: string } | { kind: "cached"; pastKey: string; pastValue: string; cos: string; sin: string };

export interface BlockOutputs {
  attnOut: string;
  mlpIn: string;
  mlpOut: string;
  residPost: string;
  /** Keys after rotary and values, [B, heads, T, head_dim], for a later last-token pass. */
  key: string;
  value: string;
}

const MASKED = -3.0e38; // adds to a score as transformers' masked_fill with finfo.min: zero weight after softmax

export class GptNeoXGraphWriter {
  private readonly config: GptNeoXConfig;

  constructor(
    readonly g: OnnxGraph,
    private readonly weights: GptNeoXWeights,
  ) {
    this.config = weights.config;
  }

  /** input_ids [B, T] (int32) → embeddings [B, T, d]. */
  embed(inputIds: string): string {
    const table = this.g.initializer("embed_in.weight", this.weights.embedIn, [this.config.vocab_size, this.config.hidden_size]);
    return this.g.op("Gather", [table, inputIds], { axis: 0 });
  }

  /** Final LayerNorm and unembedding: [B, T, d] → logits [B, T, vocab]. */
  logits(x: string): string {
    const { vocab_size: vocab, hidden_size: d } = this.config;
    const normed = this.layerNorm(x, "final_layer_norm", this.weights.finalLnWeight, this.weights.finalLnBias);
    const unembed = this.g.initializer("embed_out.weight", this.weights.embedOut, [vocab, d]);
    return this.g.op("MatMul", [normed, this.g.op("Transpose", [unembed], { perm: [1, 0] })]);
  }

  /** Additive causal mask [T, T] for a sequence as long as `sequenceLike`'s axis 1. */
  causalMask(sequenceLike: string): string {
    const length = this.g.op("Shape", [sequenceLike], { start: 1, end: 2 });
    const square = this.g.op("Concat", [length, length], { axis: 0 });
    const filled = this.g.op("Expand", [this.g.scalar(MASKED), square]);
    return this.g.op("Trilu", [filled, this.g.int64Scalar(1)], { upper: 1 });
  }

  /** Rotary cos and sign-folded sin rows [n, rotaryDims] for positions [start, end) (int64 [1] tensors). */
  rotaryRows(start: string, end: string): { cos: string; sin: string } {
    const { cos, sin } = rotaryTables(this.config);
    const rows = this.config.max_position_embeddings;
    const cosTable = this.g.initializer("rotary.cos", cos, [rows, this.config.rotaryDims]);
    const sinTable = this.g.initializer("rotary.sin_signed", sin, [rows, this.config.rotaryDims]);
    const axes = this.g.int64s([0]);
    return { cos: this.g.op("Slice", [cosTable, start, end, axes]), sin: this.g.op("Slice", [sinTable, start, end, axes]) };
  }

  block(layer: number, x: string, mode: AttentionMode): BlockOutputs {
    const w = this.weights.layers[layer];
    const name = `layers.${layer}`;
    const { key, value, attnOut } = this.attention(name, w, this.layerNorm(x, `${name}.input_layernorm`, w.ln1Weight, w.ln1Bias), mode);
    const mlpIn = this.layerNorm(x, `${name}.post_attention_layernorm`, w.ln2Weight, w.ln2Bias);
    const hidden = this.gelu(this.linear(mlpIn, `${name}.mlp.dense_h_to_4h`, w.fc1Weight, w.fc1Bias));
    const mlpOut = this.linear(hidden, `${name}.mlp.dense_4h_to_h`, w.fc2Weight, w.fc2Bias);
    // transformers: mlp_output + attn_output + residual, in that order
    const residPost = this.g.op("Add", [this.g.op("Add", [mlpOut, attnOut]), x]);
    return { attnOut, mlpIn, mlpOut, residPost, key, value };
  }

  private attention(name: string, w: GptNeoXLayerWeights, normed: string, mode: AttentionMode): { key: string; value: string; attnOut: string } {
    const { g } = this;
    const { num_attention_heads: heads, headDim, hidden_size: d } = this.config;
    const { weight, bias } = scaleQueries(w.qkvWeight, w.qkvBias, heads, headDim);
    const qkv = this.linear(normed, `${name}.attention.query_key_value`, weight, bias);
    // [B, T, 3d] → [B, T, heads, 3, head_dim] → [3, B, heads, T, head_dim]
    const split = g.op("Transpose", [g.op("Reshape", [qkv, g.int64s([0, 0, heads, 3, headDim])])], { perm: [3, 0, 2, 1, 4] });
    const [queryKey, value5] = g.opMulti("Split", [split, g.int64s([2, 1])], 2, { axis: 0 });
    const [query5, key5] = g.opMulti("Split", [this.rotary(queryKey, mode.cos, mode.sin), g.int64s([1, 1])], 2, { axis: 0 });
    const axis0 = g.int64s([0]);
    const query = g.op("Squeeze", [query5, axis0]);
    const key = g.op("Squeeze", [key5, axis0]);
    const value = g.op("Squeeze", [value5, axis0]);
    const allKeys = mode.kind === "cached" ? g.op("Concat", [mode.pastKey, key], { axis: 2 }) : key;
    const allValues = mode.kind === "cached" ? g.op("Concat", [mode.pastValue, value], { axis: 2 }) : value;
    let scores = g.op("MatMul", [query, g.op("Transpose", [allKeys], { perm: [0, 1, 3, 2] })]);
    if (mode.kind === "causal") scores = g.op("Add", [scores, mode.mask]);
    const context = g.op("MatMul", [g.op("Softmax", [scores], { axis: -1 }), allValues]);
    const merged = g.op("Reshape", [g.op("Transpose", [context], { perm: [0, 2, 1, 3] }), g.int64s([0, 0, d])]);
    return { key, value, attnOut: this.linear(merged, `${name}.attention.dense`, w.denseWeight, w.denseBias) };
  }

  /** q·cos + rotate_half(q)·sin on the first rotaryDims of the last axis; rotate_half(x)·sin = swap_halves(x)·[−sin, sin]. */
  private rotary(x: string, cos: string, sin: string): string {
    const { g } = this;
    const { rotaryDims: rot, headDim } = this.config;
    if (rot === 0) return x;
    const [rotated, pass] = rot < headDim ? g.opMulti("Split", [x, g.int64s([rot, headDim - rot])], 2, { axis: -1 }) : [x, ""];
    const [first, second] = g.opMulti("Split", [rotated, g.int64s([rot / 2, rot / 2])], 2, { axis: -1 });
    const swapped = g.op("Concat", [second, first], { axis: -1 });
    const embedded = g.op("Add", [g.op("Mul", [rotated, cos]), g.op("Mul", [swapped, sin])]);
    return pass ? g.op("Concat", [embedded, pass], { axis: -1 }) : embedded;
  }

  private layerNorm(x: string, name: string, weight: Float32Array, bias: Float32Array): string {
    const d = this.config.hidden_size;
    const scale = this.g.initializer(`${name}.weight`, weight, [d]);
    const shift = this.g.initializer(`${name}.bias`, bias, [d]);
    return this.g.op("LayerNormalization", [x, scale, shift], { axis: -1, epsilon: { float: this.config.layer_norm_eps } });
  }

  /** x·Wᵀ + b with W stored [out, in] as torch does; ORT folds the constant Transpose when the session loads. */
  private linear(x: string, name: string, weight: Float32Array, bias: Float32Array): string {
    const out = bias.length;
    const w = this.g.initializer(`${name}.weight`, weight, [out, weight.length / out]);
    const b = this.g.initializer(`${name}.bias`, bias, [out]);
    return this.g.op("Add", [this.g.op("MatMul", [x, this.g.op("Transpose", [w], { perm: [1, 0] })]), b]);
  }

  private gelu(x: string): string {
    const { g } = this;
    if (this.config.hidden_act === "gelu") {
      // exact GELU, written in the pattern ORT fuses into one Gelu kernel: x · 0.5 · (1 + erf(x / √2))
      const erf = g.op("Erf", [g.op("Div", [x, g.scalar(Math.SQRT2)])]);
      return g.op("Mul", [g.op("Mul", [x, g.op("Add", [erf, g.scalar(1)])]), g.scalar(0.5)]);
    }
    // tanh approximation (gelu_new / gelu_fast / gelu_pytorch_tanh): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    const cube = g.op("Mul", [g.op("Mul", [x, x]), x]);
    const inner = g.op("Mul", [g.op("Add", [x, g.op("Mul", [cube, g.scalar(0.044715)])]), g.scalar(Math.sqrt(2 / Math.PI))]);
    return g.op("Mul", [g.op("Mul", [x, g.scalar(0.5)]), g.op("Add", [g.op("Tanh", [inner]), g.scalar(1)])]);
  }
}

/** Folds attention's 1/√head_dim into the query rows of the fused QKV projection (rows h·3·hd + [0, hd)). */
function scaleQueries(weight: Float32Array, bias: Float32Array, heads: number, headDim: number): { weight: Float32Array; bias: Float32Array } {
  const scaledWeight = weight.slice();
  const scaledBias = bias.slice();
  const d = weight.length / bias.length;
  const scale = 1 / Math.sqrt(headDim);
  for (let h = 0; h < heads; h++) {
    for (let j = 0; j < headDim; j++) {
      const row = h * 3 * headDim + j;
      scaledBias[row] *= scale;
      for (let c = 0; c < d; c++) scaledWeight[row * d + c] *= scale;
    }
  }
  return { weight: scaledWeight, bias: scaledBias };
}

/**
 * transformers' GPTNeoXRotaryEmbedding in float32: inv_freq = 1 / base^(2i/dim), angle = position · inv_freq, the
 * table repeated twice along the last axis; sin returned with its first half negated (see rotary()).
 */
export function rotaryTables(config: GptNeoXConfig): { cos: Float32Array; sin: Float32Array } {
  const dim = config.rotaryDims;
  const half = dim / 2;
  const rows = config.max_position_embeddings;
  const invFreq = Array.from({ length: half }, (_, i) => Math.fround(1 / Math.fround(config.rotary_emb_base ** Math.fround((2 * i) / dim))));
  const cos = new Float32Array(rows * dim);
  const sin = new Float32Array(rows * dim);
  for (let p = 0; p < rows; p++) {
    for (let i = 0; i < half; i++) {
      const angle = Math.fround(p * invFreq[i]);
      cos[p * dim + i] = cos[p * dim + half + i] = Math.cos(angle);
      sin[p * dim + i] = -Math.sin(angle);
      sin[p * dim + half + i] = Math.sin(angle);
    }
  }
  return { cos, sin };
}
