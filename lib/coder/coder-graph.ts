import type { SparsifyCoderWeights } from "@/lib/formats/sparsify-coder";
import { OnnxGraph } from "@/lib/model/onnx-graph";
import { OnnxDataType } from "@/lib/model/onnx-proto";

// sparsify's TopK coder as ONNX graphs over rows x [N, d_in]:
//   encode  x → top_values, top_indices [N, k] (largest first), decoded [N, d_in] (+ pre_acts [N, latents] on request)
//   decode  top_values, top_indices [N, k'] (+ x for the skip term) → decoded
// Encode: relu((x − b_dec if SAE) · W_encᵀ + b_enc), TopK(k). Decode: Σ_j values_j · W_dec[indices_j] + b_dec + x · W_skipᵀ.

export type CoderGraphKind = "encode" | "encode-with-pre-acts" | "decode";

const F = OnnxDataType.FLOAT;
const I32 = OnnxDataType.INT32;

export function buildCoderGraph(weights: SparsifyCoderWeights, kind: CoderGraphKind): Uint8Array {
  const { numLatents, d_in: dIn, k, transcode } = weights.config;
  const g = new OnnxGraph(`sparse_coder_${kind}`);
  const x = g.input("x", F, ["rows", dIn]);
  const bDec = g.initializer("b_dec", weights.decoderBias, [dIn]);

  const decode = (values: string, indices: string): string => {
    const wDec = g.initializer("W_dec", weights.decoderWeight, [numLatents, dIn]);
    const rows = g.op("Gather", [wDec, indices], { axis: 0 }); // [N, k, d_in]
    const weighted = g.op("MatMul", [g.op("Unsqueeze", [values, g.int64s([1])]), rows]); // [N, 1, d_in]
    let out = g.op("Add", [g.op("Squeeze", [weighted, g.int64s([1])]), bDec]);
    if (weights.skipWeight) {
      const wSkip = g.initializer("W_skip", weights.skipWeight, [dIn, dIn]);
      out = g.op("Gemm", [x, wSkip, out], { transB: 1 }); // x · W_skipᵀ + out
    }
    return out;
  };

  if (kind === "decode") {
    const values = g.input("top_values", F, ["rows", "k"]);
    const indices = g.input("top_indices", I32, ["rows", "k"]);
    g.output(decode(values, indices), "decoded", F, ["rows", dIn]);
    return g.toModelBytes();
  }

  // sparsify: an SAE encodes x − b_dec; a transcoder (transcode: true) encodes its input as is.
  const input = transcode ? x : g.op("Sub", [x, bDec]);
  const wEnc = g.initializer("encoder.weight", weights.encoderWeight, [numLatents, dIn]);
  const bEnc = g.initializer("encoder.bias", weights.encoderBias, [numLatents]);
  const preActs = g.op("Relu", [g.op("Gemm", [input, wEnc, bEnc], { transB: 1 })]);
  const [values, indices64] = g.opMulti("TopK", [preActs, g.int64s([k])], 2, { axis: -1, largest: 1, sorted: 1 });
  const indices = g.op("Cast", [indices64], { to: I32 });
  g.output(values, "top_values", F, ["rows", k]);
  g.output(indices, "top_indices", I32, ["rows", k]);
  g.output(decode(values, indices), "decoded", F, ["rows", dIn]);
  if (kind === "encode-with-pre-acts") g.output(preActs, "pre_acts", F, ["rows", numLatents]);
  return g.toModelBytes();
}
