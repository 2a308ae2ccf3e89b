import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { FormatError } from "./format-error";
import { jsonSyntaxProblem } from "./json-syntax";
import { DTYPE_BYTES, floatBytesToFloat32, isFloatDtype } from "./safetensors-dtypes";

// safetensors: an 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}},
// then the raw little-endian data; offsets are relative to the end of the header.

export interface TensorInfo {
  name: string;
  dtype: string;
  shape: number[];
  /** Absolute byte range in the file. */
  start: number;
  end: number;
}

export type IntTensorData = Int32Array | BigInt64Array | Uint16Array | Uint32Array | Uint8Array;

const MAX_HEADER_BYTES = 100_000_000;
const INT_ARRAYS: Readonly<Record<string, new (buffer: ArrayBuffer) => IntTensorData>> = {
  I32: Int32Array,
  I64: BigInt64Array,
  U16: Uint16Array,
  U32: Uint32Array,
  U8: Uint8Array,
};

/** Parses the JSON header, checking every entry's dtype size, shape and offsets against the data section. */
export function parseSafetensorsHeader(headerText: string, dataStart: number, fileSize: number, file: string): { tensors: Map<string, TensorInfo>; metadata: Record<string, string> } {
  let json: unknown;
  try {
    json = JSON.parse(headerText);
  } catch (error) {
    throw new FormatError(file, `safetensors header ${jsonSyntaxProblem(error)}; the file is not safetensors or is corrupt`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new FormatError(file, "safetensors header must be a JSON object of tensor entries");
  }
  const tensors = new Map<string, TensorInfo>();
  let metadata: Record<string, string> = {};
  const dataLength = fileSize - dataStart;
  for (const [name, entry] of Object.entries(json as Record<string, unknown>)) {
    if (name === "__metadata__") {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const isDims = Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0);
    const isOffsets = Array.isArray(offsets) && offsets.length === 2 && offsets.every((o) => Number.isInteger(o) && o >= 0) && offsets[0] <= offsets[1];
    if (typeof dtype !== "string" || !isDims || !isOffsets) {
      throw new FormatError(file, `tensor "${name}" has a malformed header entry ${JSON.stringify(entry)} (needs dtype, shape, data_offsets [begin, end])`);
    }
    const [begin, end] = offsets as [number, number];
    if (end > dataLength) {
      throw new FormatError(file, `tensor "${name}" ends at data byte ${end} but the file has only ${dataLength} data bytes: the file is truncated`);
    }
    const elementBytes = DTYPE_BYTES[dtype];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (elementBytes !== undefined && count * elementBytes !== end - begin) {
      throw new FormatError(file, `tensor "${name}" (${dtype} ${JSON.stringify(shape)}) should span ${count * elementBytes} bytes but its offsets span ${end - begin}`);
    }
    tensors.set(name, { name, dtype, shape: shape as number[], start: dataStart + begin, end: dataStart + end });
  }
  return { tensors, metadata };
}

/** A safetensors file opened for per-tensor reads: only the header is parsed up front. */
export class SafetensorsFile {
  private constructor(
    readonly path: string,
    private fd: number,
    readonly tensors: ReadonlyMap<string, TensorInfo>,
    readonly metadata: Readonly<Record<string, string>>,
  ) {}

  static open(path: string): SafetensorsFile {
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch (error) {
      throw new FormatError(path, `cannot be opened (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    try {
      const fileSize = fstatSync(fd).size;
      if (fileSize < 8) throw new FormatError(path, `is ${fileSize} bytes, too short for a safetensors header length: the file is truncated`);
      const lengthBytes = readExactly(fd, 0, 8, path);
      const headerLength = Number(Buffer.from(lengthBytes).readBigUInt64LE(0));
      if (headerLength > MAX_HEADER_BYTES) throw new FormatError(path, `declares a ${headerLength}-byte header (limit ${MAX_HEADER_BYTES}); the file is not safetensors or is corrupt`);
      if (8 + headerLength > fileSize) {
        throw new FormatError(path, `declares a ${headerLength}-byte header but only ${fileSize - 8} bytes follow: the file is truncated`);
      }
      const headerText = Buffer.from(readExactly(fd, 8, headerLength, path)).toString("utf8");
      const { tensors, metadata } = parseSafetensorsHeader(headerText, 8 + headerLength, fileSize, path);
      return new SafetensorsFile(path, fd, tensors, metadata);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  names(): string[] {
    return [...this.tensors.keys()];
  }

  has(name: string): boolean {
    return this.tensors.has(name);
  }

  /** The entry for `name`, checked against `expectedShape` when given. */
  info(name: string, expectedShape?: readonly number[]): TensorInfo {
    const info = this.tensors.get(name);
    if (!info) {
      const names = this.names();
      const listed = names.length > 20 ? `${names.slice(0, 20).join(", ")}, … (${names.length} in all)` : names.join(", ");
      throw new FormatError(this.path, `has no tensor "${name}"; it holds: ${listed || "(none)"}`);
    }
    if (expectedShape && (expectedShape.length !== info.shape.length || expectedShape.some((d, i) => d !== info.shape[i]))) {
      throw new FormatError(this.path, `tensor "${name}" has shape [${info.shape.join(", ")}] but [${expectedShape.join(", ")}] was expected`);
    }
    return info;
  }

  /** The tensor's raw little-endian bytes, read from disk now. */
  readBytes(name: string, expectedShape?: readonly number[]): Uint8Array {
    const info = this.info(name, expectedShape);
    return readExactly(this.fd, info.start, info.end - info.start, this.path);
  }

  /** A float tensor (F32, F16, BF16 or F64) as a Float32Array. */
  readFloat32(name: string, expectedShape?: readonly number[]): Float32Array {
    const info = this.info(name, expectedShape);
    if (!isFloatDtype(info.dtype)) {
      throw new FormatError(this.path, `tensor "${name}" has dtype ${info.dtype}; a float dtype (F32, F16, BF16, F64) is needed here`);
    }
    return floatBytesToFloat32(this.readBytes(name), info.dtype);
  }

  /** An integer tensor (I32, I64, U16, U32, U8) as the matching typed array. */
  readInt(name: string, expectedShape?: readonly number[]): IntTensorData {
    const info = this.info(name, expectedShape);
    const ArrayType = INT_ARRAYS[info.dtype];
    if (!ArrayType) {
      throw new FormatError(this.path, `tensor "${name}" has dtype ${info.dtype}; an integer dtype (${Object.keys(INT_ARRAYS).join(", ")}) is needed here`);
    }
    return new ArrayType(this.readBytes(name).buffer as ArrayBuffer);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** Opens `path`, runs `use`, and closes the file whatever happens. */
export function withSafetensors<T>(path: string, use: (file: SafetensorsFile) => T): T {
  const file = SafetensorsFile.open(path);
  try {
    return use(file);
  } finally {
    file.close();
  }
}

function readExactly(fd: number, position: number, length: number, path: string): Uint8Array {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const chunk = Math.min(length - done, 1 << 30);
    const read = readSync(fd, out, done, chunk, position + done);
    if (read === 0) throw new FormatError(path, `ended after ${done} of ${length} bytes read at offset ${position}: the file is truncated`);
    done += read;
  }
  return out;
}
