// Integer tensors of a delphi cache (locations, tokens) as Uint32Array. delphi writes locations as uint16 or
// uint32 and its loader also takes int16/int32/int64/uint64 (to_int64_tensor); tokens are usually int64.
import { FormatError } from "@/lib/formats/format-error";
import type { SafetensorsFile } from "@/lib/formats/safetensors";

export const INDEX_DTYPES = ["U8", "U16", "I16", "U32", "I32", "U64", "I64"] as const;

/** Every value of an integer tensor, checked to be a non-negative integer below 2^32. */
export function readIndexTensor(file: SafetensorsFile, name: string): Uint32Array {
  const info = file.info(name);
  if (!(INDEX_DTYPES as readonly string[]).includes(info.dtype)) {
    throw new FormatError(file.path, `tensor "${name}" has dtype ${info.dtype}; delphi stores it as an integer dtype (${INDEX_DTYPES.join(", ")})`);
  }
  const bytes = file.readBytes(name);
  const count = info.shape.reduce((a, b) => a * b, 1);
  const buffer = bytes.buffer as ArrayBuffer;
  const fail = (index: number, value: string): never => {
    throw new FormatError(file.path, `tensor "${name}" (${info.dtype}) holds ${value} at element ${index}; indices must lie in [0, 2^32)`);
  };
  const out = new Uint32Array(count);
  if (info.dtype === "U8" || info.dtype === "U16" || info.dtype === "U32") {
    out.set(info.dtype === "U8" ? bytes : info.dtype === "U16" ? new Uint16Array(buffer, 0, count) : new Uint32Array(buffer, 0, count));
    return out;
  }
  if (info.dtype === "I16" || info.dtype === "I32") {
    const values = info.dtype === "I16" ? new Int16Array(buffer, 0, count) : new Int32Array(buffer, 0, count);
    for (let i = 0; i < count; i++) {
      if (values[i] < 0) fail(i, String(values[i]));
      out[i] = values[i];
    }
    return out;
  }
  // I64 / U64 as little-endian halves: a value fits when its high word is 0 (a negative int64 has it all ones).
  const words = new Uint32Array(buffer, 0, 2 * count);
  for (let i = 0; i < count; i++) {
    if (words[2 * i + 1] !== 0) {
      const view = new DataView(buffer);
      fail(i, String(info.dtype === "I64" ? view.getBigInt64(8 * i, true) : view.getBigUint64(8 * i, true)));
    }
    out[i] = words[2 * i];
  }
  return out;
}
