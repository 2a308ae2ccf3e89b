// safetensors dtype names, their byte sizes, and the half-precision conversions (F16 / BF16 ↔ F32) that
// sparsify checkpoints need (they are usually saved in bf16).

export const DTYPE_BYTES: Readonly<Record<string, number>> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U64: 8,
  U32: 4,
  U16: 2,
  U8: 1,
  BOOL: 1,
};

export const FLOAT_DTYPES = ["F64", "F32", "F16", "BF16"] as const;
export type FloatDtype = (typeof FLOAT_DTYPES)[number];

export function isFloatDtype(dtype: string): dtype is FloatDtype {
  return (FLOAT_DTYPES as readonly string[]).includes(dtype);
}

/** Decodes little-endian float bytes of any float dtype into a new Float32Array. */
export function floatBytesToFloat32(bytes: Uint8Array, dtype: FloatDtype): Float32Array {
  const aligned = alignedCopy(bytes, DTYPE_BYTES[dtype]);
  switch (dtype) {
    case "F32":
      return new Float32Array(aligned);
    case "F64":
      return Float32Array.from(new Float64Array(aligned));
    case "BF16": {
      // bf16 is the top half of an f32: shift it back into place.
      const halves = new Uint16Array(aligned);
      const words = new Uint32Array(halves.length);
      for (let i = 0; i < halves.length; i++) words[i] = halves[i] << 16;
      return new Float32Array(words.buffer);
    }
    case "F16": {
      const halves = new Uint16Array(aligned);
      const out = new Float32Array(halves.length);
      for (let i = 0; i < halves.length; i++) out[i] = f16BitsToNumber(halves[i]);
      return out;
    }
  }
}

/** A fresh, aligned ArrayBuffer holding `bytes` (typed-array views need offsets aligned to their element size). */
function alignedCopy(bytes: Uint8Array, elementBytes: number): ArrayBuffer {
  if (bytes.byteOffset % elementBytes === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

function f16BitsToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Rounds f32 values to bf16 bits (round to nearest even, NaN kept quiet), as torch's .to(bfloat16) does. */
export function float32ToBf16Bits(values: Float32Array): Uint16Array {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w & 0x7f800000) === 0x7f800000 && w & 0x7fffff) {
      out[i] = (w >>> 16) | 0x40;
      continue;
    }
    out[i] = (w + 0x7fff + ((w >>> 16) & 1)) >>> 16;
  }
  return out;
}

/** Rounds f32 values to IEEE half bits (round to nearest even; overflow to ±Infinity). */
export function float32ToF16Bits(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const scratch = new Float32Array(1);
  const bits = new Uint32Array(scratch.buffer);
  for (let i = 0; i < values.length; i++) {
    scratch[0] = values[i];
    const w = bits[0];
    const sign = (w >>> 16) & 0x8000;
    const exponent = (w >>> 23) & 0xff;
    let mantissa = w & 0x7fffff;
    if (exponent === 0xff) {
      out[i] = sign | 0x7c00 | (mantissa ? 0x200 : 0);
      continue;
    }
    let e = exponent - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00;
      continue;
    }
    if (e <= 0) {
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      // Subnormal half: shift the implicit-one mantissa right, rounding to nearest even.
      mantissa |= 0x800000;
      const shift = 14 - e;
      const half = 1 << (shift - 1);
      const rest = mantissa & ((1 << shift) - 1);
      let value = mantissa >>> shift;
      if (rest > half || (rest === half && value & 1)) value++;
      out[i] = sign | value;
      continue;
    }
    let value = (e << 10) | (mantissa >>> 13);
    const rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && value & 1)) value++;
    e = value >> 10;
    out[i] = sign | (e >= 0x1f ? 0x7c00 : value);
  }
  return out;
}
