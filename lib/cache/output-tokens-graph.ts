import { OnnxGraph } from "@/lib/model/onnx-graph";
import { OnnxDataType } from "@/lib/model/onnx-proto";

// Direct logits of many decoder rows at once as one ONNX graph: the unembedding with the final layer norm's weight
// folded in (E ⊙ γ, [vocab, d]) is a constant, each run takes a block of decoder rows [B, d] and returns only the
// `count` largest and smallest logits per row (TopK sorts, and puts the lower index first among equal values).

const I64 = OnnxDataType.INT64;
const F32 = OnnxDataType.FLOAT;

export function buildOutputTokensGraph(scaledUnembed: Float32Array, vocab: number, d: number, count: number): Uint8Array {
  const g = new OnnxGraph("output_tokens");
  const rows = g.input("rows", F32, ["rows", d]);
  const unembed = g.initializer("scaled_unembed", scaledUnembed, [vocab, d]);
  const logits = g.op("Gemm", [rows, unembed], { transB: 1 });
  const k = g.int64s([count]);
  const [topValues, topIndices] = g.opMulti("TopK", [logits, k], 2, { axis: -1, largest: 1, sorted: 1 });
  const [bottomValues, bottomIndices] = g.opMulti("TopK", [logits, k], 2, { axis: -1, largest: 0, sorted: 1 });
  g.output(topValues, "promoted_logits", F32, ["rows", count]);
  g.output(topIndices, "promoted_tokens", I64, ["rows", count]);
  g.output(bottomValues, "suppressed_logits", F32, ["rows", count]);
  g.output(bottomIndices, "suppressed_tokens", I64, ["rows", count]);
  return g.toModelBytes();
}
