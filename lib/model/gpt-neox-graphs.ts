import { OnnxDataType } from "./onnx-proto";
import { OnnxGraph } from "./onnx-graph";
import { GptNeoXGraphWriter } from "./gpt-neox-block";
import type { GptNeoXWeights } from "./gpt-neox-weights";

// The graphs the runtime needs, all cut at one hooked layer L (§2.3 patches the MLP output of layer L):
//   forward     input_ids → logits
//   clean       input_ids → logits + hooks at L + keys/values of positions < T−1 in layers > L
//   prefix      input_ids → hooks at L
//   suffix      resid_pre, attn_out, mlp_out of L → logits (layers after L)
//   last-token  last-position resid_pre, attn_out, mlp_out of L + cached keys/values → last-position logits

export type GptNeoXGraphKind = "forward" | "clean" | "prefix" | "suffix" | "last-token";

/** Hook tensors at layer L, each [B, T, d]: mlp_in is ln2's output, resid_post = resid_pre + attn_out + mlp_out. */
export const HOOK_NAMES = ["resid_pre", "attn_out", "mlp_in", "mlp_out", "resid_post"] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** The inputs the suffix and last-token graphs take in place of layer L's block. */
export const SPLICE_INPUTS = ["resid_pre", "attn_out", "mlp_out"] as const;

export const pastKeyName = (layer: number) => `past_key.${layer}`;
export const pastValueName = (layer: number) => `past_value.${layer}`;

const F = OnnxDataType.FLOAT;

export function buildGptNeoXGraph(weights: GptNeoXWeights, kind: GptNeoXGraphKind, layer = 0): Uint8Array {
  const config = weights.config;
  const numLayers = config.num_hidden_layers;
  if (!Number.isInteger(layer) || layer < 0 || layer >= numLayers) throw new Error(`layer ${layer} is outside 0–${numLayers - 1}`);
  const g = new OnnxGraph(`gpt_neox_${kind}_${layer}`);
  const w = new GptNeoXGraphWriter(g, weights);
  const { hidden_size: d, vocab_size: vocab, num_attention_heads: heads, headDim } = config;
  const hidden: (number | string)[] = ["batch", "seq", d];
  const later = Array.from({ length: numLayers - layer - 1 }, (_, i) => layer + 1 + i);

  if (kind === "last-token") {
    const [residPre, attnOut, mlpOut] = SPLICE_INPUTS.map((name) => g.op("Unsqueeze", [g.input(name, F, ["batch", d]), g.int64s([1])]));
    const pastDims = ["batch", heads, "past", headDim];
    const past = later.map((l) => ({ key: g.input(pastKeyName(l), F, pastDims), value: g.input(pastValueName(l), F, pastDims) }));
    let x = g.op("Add", [g.op("Add", [mlpOut, attnOut]), residPre]);
    if (past.length > 0) {
      // The new position's index is the number of cached positions.
      const position = g.op("Shape", [past[0].key], { start: 2, end: 3 });
      const { cos, sin } = w.rotaryRows(position, g.op("Add", [position, g.int64s([1])]));
      later.forEach((l, i) => {
        x = w.block(l, x, { kind: "cached", pastKey: past[i].key, pastValue: past[i].value, cos, sin }).residPost;
      });
    }
    g.output(g.op("Squeeze", [w.logits(x), g.int64s([1])]), "logits", F, ["batch", vocab]);
    return g.toModelBytes();
  }

  const sequenceInput = kind === "suffix" ? SPLICE_INPUTS.map((name) => g.input(name, F, hidden)) : [g.input("input_ids", OnnxDataType.INT32, ["batch", "seq"])];
  const mask = w.causalMask(sequenceInput[0]);
  const { cos, sin } = w.rotaryRows(g.int64s([0]), g.op("Shape", [sequenceInput[0]], { start: 1, end: 2 }));
  const causal = { kind: "causal" as const, mask, cos, sin };

  let x: string;
  if (kind === "suffix") {
    const [residPre, attnOut, mlpOut] = sequenceInput;
    x = g.op("Add", [g.op("Add", [mlpOut, attnOut]), residPre]);
  } else {
    x = w.embed(sequenceInput[0]);
    for (let l = 0; l < layer; l++) x = w.block(l, x, causal).residPost;
    const hooked = w.block(layer, x, causal);
    if (kind === "prefix" || kind === "clean") {
      const hooks: Record<HookName, string> = { resid_pre: x, attn_out: hooked.attnOut, mlp_in: hooked.mlpIn, mlp_out: hooked.mlpOut, resid_post: hooked.residPost };
      for (const name of HOOK_NAMES) g.output(hooks[name], name, F, hidden);
    }
    if (kind === "prefix") return g.toModelBytes();
    x = hooked.residPost;
  }
  const allButLast = [g.int64s([0]), g.int64s([-1]), g.int64s([2])];
  for (const l of later) {
    const out = w.block(l, x, causal);
    if (kind === "clean") {
      const pastDims = ["batch", heads, "past", headDim];
      g.output(g.op("Slice", [out.key, ...allButLast]), pastKeyName(l), F, pastDims);
      g.output(g.op("Slice", [out.value, ...allButLast]), pastValueName(l), F, pastDims);
    }
    x = out.residPost;
  }
  g.output(w.logits(x), "logits", F, ["batch", "seq", vocab]);
  return g.toModelBytes();
}
