import { OnnxGraph } from "@/lib/model/onnx-graph";
import { OnnxDataType } from "@/lib/model/onnx-proto";

// All-pairs cosines in row blocks as one ONNX graph: the unit rows U [L, d] are a constant (so onnxruntime packs
// them for its GEMM once), and each run takes a row range [start, end) and returns U[start:end] · Uᵀ [end − start, L].

const I64 = OnnxDataType.INT64;

export function buildCosineBlockGraph(unitRows: Float32Array, numRows: number, dIn: number): Uint8Array {
  const g = new OnnxGraph("cosine_block");
  const start = g.input("start", I64, [1]);
  const end = g.input("end", I64, [1]);
  const unit = g.initializer("unit_rows", unitRows, [numRows, dIn]);
  const block = g.op("Slice", [unit, start, end, g.int64s([0])]);
  g.output(g.op("Gemm", [block, unit], { transB: 1 }), "cosines", OnnxDataType.FLOAT, ["rows", numRows]);
  return g.toModelBytes();
}
