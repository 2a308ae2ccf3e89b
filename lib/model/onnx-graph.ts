import { encodeModelProto, OnnxAttributeType, OnnxDataType, type AttributeProto, type NodeProto, type OnnxDataTypeCode, type TensorProto, type ValueInfoProto } from "./onnx-proto";

// A small builder for ONNX graphs: each op call returns its output names, initializers are raw little-endian
// bytes (Float32Array views, no copies), and toModelBytes() writes an opset-17 ModelProto that both
// onnxruntime-node and onnxruntime-web load.

export const OPSET_VERSION = 17;
const IR_VERSION = 8; // the IR version that introduced opset 17

/** Attribute values: integers and integer lists as plain numbers, floats wrapped as {float}. */
export type AttributeValue = number | number[] | { float: number } | string;

export type Dim = number | string;

export class OnnxGraph {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;

  constructor(readonly name: string) {}

  input(name: string, elemType: OnnxDataTypeCode, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** Declares `value` a graph output named `name` (an Identity node renames it). */
  output(value: string, name: string, elemType: OnnxDataTypeCode, dims: Dim[]): void {
    this.op("Identity", [value], {}, name);
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  initializer(name: string, data: Float32Array | Int32Array | BigInt64Array, dims: number[]): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (count !== data.length) throw new Error(`initializer ${name}: dims [${dims}] hold ${count} values, data has ${data.length}`);
    const dataType = data instanceof Float32Array ? OnnxDataType.FLOAT : data instanceof Int32Array ? OnnxDataType.INT32 : OnnxDataType.INT64;
    this.initializers.push({ name, dims, dataType, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  /** A shared int64 constant (shapes, axes, slice bounds). */
  int64s(values: number[]): string {
    return this.constant(`i64:${values.join(",")}`, () => BigInt64Array.from(values, BigInt), [values.length]);
  }

  /** A shared int64 scalar (0-D) constant. */
  int64Scalar(value: number): string {
    return this.constant(`i64s:${value}`, () => BigInt64Array.of(BigInt(value)), []);
  }

  /** A shared float scalar constant. */
  scalar(value: number): string {
    return this.constant(`f32:${value}`, () => Float32Array.of(value), []);
  }

  private constant(key: string, make: () => Float32Array | BigInt64Array, dims: number[]): string {
    const existing = this.constants.get(key);
    if (existing) return existing;
    const name = this.initializer(`const_${this.constants.size}`, make(), dims);
    this.constants.set(key, name);
    return name;
  }

  /** Adds one node with a single output; returns the output name. */
  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputName?: string): string {
    return this.opMulti(opType, inputs, 1, attributes, outputName ? [outputName] : undefined)[0];
  }

  /** Adds one node with `outputCount` outputs; returns their names. */
  opMulti(opType: string, inputs: string[], outputCount: number, attributes: Record<string, AttributeValue> = {}, outputNames?: string[]): string[] {
    const id = this.counter++;
    const output = outputNames ?? Array.from({ length: outputCount }, (_, i) => `${opType.toLowerCase()}_${id}${outputCount > 1 ? `_${i}` : ""}`);
    this.nodes.push({ input: inputs, output, name: `${opType}_${id}`, opType, attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)) });
    return output;
  }

  toModelBytes(): Uint8Array {
    return encodeModelProto({
      irVersion: IR_VERSION,
      producerName: "rewrite",
      opsetImport: [{ domain: "", version: OPSET_VERSION }],
      graph: { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
  }
}

function valueInfo(name: string, elemType: OnnxDataTypeCode, dims: Dim[]): ValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } } };
}

function attribute(name: string, value: AttributeValue): AttributeProto {
  if (typeof value === "number") return { name, type: OnnxAttributeType.INT, i: value };
  if (Array.isArray(value)) return { name, type: OnnxAttributeType.INTS, ints: value };
  if (typeof value === "string") return { name, type: OnnxAttributeType.STRING, s: new TextEncoder().encode(value) };
  return { name, type: OnnxAttributeType.FLOAT, f: value.float };
}
