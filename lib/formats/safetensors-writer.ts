import { writeFileSync } from "node:fs";
import { float32ToBf16Bits, float32ToF16Bits } from "./safetensors-dtypes";

// Writes safetensors files (random-weight snapshots, test fixtures): header padded with spaces to 8 bytes, as
// the reference implementation does, tensors laid out in insertion order.

export type WritableTensor =
  | { dtype: "F32" | "F16" | "BF16"; shape: number[]; data: Float32Array }
  | { dtype: "I32"; shape: number[]; data: Int32Array }
  | { dtype: "U16"; shape: number[]; data: Uint16Array }
  | { dtype: "U32"; shape: number[]; data: Uint32Array }
  | { dtype: "I64"; shape: number[]; data: BigInt64Array };

function tensorBytes(tensor: WritableTensor): Uint8Array {
  const data = tensor.dtype === "BF16" ? float32ToBf16Bits(tensor.data) : tensor.dtype === "F16" ? float32ToF16Bits(tensor.data) : tensor.data;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Encodes tensors as one safetensors buffer. */
export function encodeSafetensors(tensors: Record<string, WritableTensor>, metadata?: Record<string, string>): Buffer {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of Object.entries(tensors)) {
    const count = tensor.shape.reduce((a, b) => a * b, 1);
    if (count !== tensor.data.length) throw new Error(`tensor "${name}": shape [${tensor.shape}] holds ${count} values, data has ${tensor.data.length}`);
    const bytes = tensorBytes(tensor);
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + bytes.byteLength] };
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  let headerText = JSON.stringify(header);
  headerText += " ".repeat((8 - (Buffer.byteLength(headerText) % 8)) % 8);
  const headerBytes = Buffer.from(headerText, "utf8");
  const lengthBytes = Buffer.alloc(8);
  lengthBytes.writeBigUInt64LE(BigInt(headerBytes.length));
  return Buffer.concat([lengthBytes, headerBytes, ...chunks]);
}

export function writeSafetensors(path: string, tensors: Record<string, WritableTensor>, metadata?: Record<string, string>): void {
  writeFileSync(path, encodeSafetensors(tensors, metadata));
}
