// The machine's measured matmul peak as onnxruntime reaches it: one large float32 sgemm (n×n by n×n) in a session
// with the benchmark's threads, 2n³ FLOPs a call. Achieved GFLOP/s of a model run read against this figure.
import { OnnxGraph } from "@/lib/model/onnx-graph";
import { OnnxDataType } from "@/lib/model/onnx-proto";
import { createOrtSession, floatTensor } from "@/lib/model/ort-session";

export const PEAK_MATMUL_SIZE = 1536;

export async function ortMatmulPeakGflops(threads: number, n = PEAK_MATMUL_SIZE): Promise<number> {
  const g = new OnnxGraph("sgemm-peak");
  const a = g.input("a", OnnxDataType.FLOAT, [n, n]);
  const b = g.initializer("b", Float32Array.from({ length: n * n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5), [n, n]);
  g.output(g.op("MatMul", [a, b]), "c", OnnxDataType.FLOAT, [n, n]);
  const session = await createOrtSession(g.toModelBytes(), { threads });
  const feeds = { a: floatTensor(Float32Array.from({ length: n * n }, (_, i) => ((i * 104729) % 1000) / 1000 - 0.5), [n, n]) };
  try {
    await session.run(feeds); // warm-up: packing, thread pool
    const times: number[] = [];
    const began = performance.now();
    // At least 10 calls over at least 2 s: on shared cores the fastest call needs a quiet moment to land in.
    while (times.length < 10 || performance.now() - began < 2_000) {
      const start = performance.now();
      await session.run(feeds);
      times.push((performance.now() - start) / 1000);
    }
    // The fastest call: the peak is what the cores can do when nothing else takes them.
    return (2 * n ** 3) / Math.min(...times) / 1e9;
  } finally {
    await session.release();
  }
}
