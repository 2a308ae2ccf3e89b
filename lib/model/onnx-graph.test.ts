import { describe, expect, it } from "vitest";
import { OnnxGraph } from "./onnx-graph";
import { OnnxDataType } from "./onnx-proto";
import { createOrtSession, floatTensor, runSession } from "./ort-session";

describe("OnnxGraph", () => {
  it("writes a ModelProto that onnxruntime runs: inputs, initializers, shared constants, attributes, outputs", async () => {
    const g = new OnnxGraph("tiny");
    const x = g.input("x", OnnxDataType.FLOAT, ["rows", 3]);
    const w = g.initializer("w", Float32Array.of(1, 2, 3, 4, 5, 6), [3, 2]);
    const scaled = g.op("Mul", [g.op("MatMul", [x, w]), g.scalar(0.5)]);
    expect(g.scalar(0.5)).toBe(g.scalar(0.5));
    g.output(scaled, "y", OnnxDataType.FLOAT, ["rows", 2]);
    g.output(g.op("Softmax", [scaled], { axis: -1 }), "p", OnnxDataType.FLOAT, ["rows", 2]);
    g.output(g.op("Reshape", [scaled, g.int64s([-1])]), "flat", OnnxDataType.FLOAT, ["n"]);
    g.output(g.op("LeakyRelu", [g.op("Neg", [scaled])], { alpha: { float: 0.25 } }), "leaky", OnnxDataType.FLOAT, ["rows", 2]);
    const session = await createOrtSession(g.toModelBytes(), { threads: 1 });
    const out = await runSession(session, { x: floatTensor(Float32Array.of(1, 0, -1, 0, 1, 0), [2, 3]) });
    // rows: [1,0,-1]·w = [1−5, 2−6] = [−4, −4] → ×0.5 = [−2, −2]; [0,1,0]·w = [3, 4] → [1.5, 2]
    expect(Array.from(out.y)).toEqual([-2, -2, 1.5, 2]);
    expect(Array.from(out.flat)).toEqual([-2, -2, 1.5, 2]);
    expect(out.p[0]).toBeCloseTo(0.5, 6);
    expect(out.p[3]).toBeCloseTo(1 / (1 + Math.exp(-0.5)), 6);
    expect(Array.from(out.leaky)).toEqual([2, 2, -0.375, -0.5]);
    await session.release();
  });

  it("rejects an initializer whose data does not fill its dims", () => {
    expect(() => new OnnxGraph("bad").initializer("w", new Float32Array(5), [2, 3])).toThrow(/dims \[2,3\] hold 6 values, data has 5/);
  });
});
