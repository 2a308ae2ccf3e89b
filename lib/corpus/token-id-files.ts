// Pre-tokenized corpora: token ids already produced by the pack's own tokenizer, as a NumPy .npy array or a
// .safetensors tensor ("input_ids" as HF datasets name it, "tokens" as delphi's cache does, or the file's only
// tensor). Any shape; the ids are read row-major as one token stream.
import { readFileSync } from "node:fs";
import { FormatError } from "@/lib/formats/format-error";
import { withSafetensors } from "@/lib/formats/safetensors";

export const TOKEN_ID_EXTENSIONS = [".npy", ".safetensors"] as const;

const SAFETENSORS_NAMES = ["input_ids", "tokens"];

const NPY_MAGIC = "\x93NUMPY";
const NPY_DTYPES: Readonly<Record<string, { bytes: number; read: (view: DataView, offset: number) => number }>> = {
  "<i2": { bytes: 2, read: (v, o) => v.getInt16(o, true) },
  "<u2": { bytes: 2, read: (v, o) => v.getUint16(o, true) },
  "<i4": { bytes: 4, read: (v, o) => v.getInt32(o, true) },
  "<u4": { bytes: 4, read: (v, o) => v.getUint32(o, true) },
  "<i8": { bytes: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  "<u8": { bytes: 8, read: (v, o) => Number(v.getBigUint64(o, true)) },
};

export interface TokenIdArray {
  ids: Int32Array;
  shape: number[];
}

function checkedInt32(file: string, count: number, idAt: (i: number) => number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const id = idAt(i);
    if (id < 0 || id > 0x7fffffff) throw new FormatError(file, `token id ${id} at index ${i} is not a valid token id`);
    out[i] = id;
  }
  return out;
}

/** NumPy format 1.0–3.0: magic, version, little-endian header length, a Python dict header, raw C-order data. */
export function parseNpyTokenIds(bytes: Uint8Array, file: string): TokenIdArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 10 || Buffer.from(bytes.subarray(0, 6)).toString("latin1") !== NPY_MAGIC) throw new FormatError(file, "is not a NumPy .npy file (no \\x93NUMPY magic)");
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = Buffer.from(bytes.subarray(headerStart, headerStart + headerLength)).toString("latin1");
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new FormatError(file, "has an unreadable .npy header (no descr, fortran_order and shape)");
  const dtype = NPY_DTYPES[descr.replace("|", "<")];
  if (!dtype) throw new FormatError(file, `holds dtype ${descr}; token ids must be an integer array (${Object.keys(NPY_DTYPES).join(", ")})`);
  if (fortran === "True") throw new FormatError(file, "is stored in Fortran order; save it C-ordered (np.ascontiguousarray)");
  const shape = shapeText.split(",").map((d) => d.trim()).filter(Boolean).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLength;
  if (dataStart + count * dtype.bytes > bytes.length) {
    throw new FormatError(file, `shape (${shape.join(", ")}) needs ${count * dtype.bytes} data bytes but only ${bytes.length - dataStart} follow: the file is truncated`);
  }
  return { ids: checkedInt32(file, count, (i) => dtype.read(view, dataStart + i * dtype.bytes)), shape };
}

function readSafetensorsTokenIds(file: string): TokenIdArray {
  return withSafetensors(file, (tensors) => {
    const names = tensors.names();
    const name = SAFETENSORS_NAMES.find((n) => tensors.has(n)) ?? (names.length === 1 ? names[0] : undefined);
    if (name === undefined) throw new FormatError(file, `has no tensor named ${SAFETENSORS_NAMES.join(" or ")} (it holds ${names.join(", ") || "none"})`);
    const values = tensors.readInt(name);
    return { ids: checkedInt32(file, values.length, (i) => Number(values[i])), shape: [...tensors.info(name).shape] };
  });
}

export function isTokenIdFile(path: string): boolean {
  return TOKEN_ID_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/** The ids of a .npy or .safetensors file, row-major. */
export function readTokenIdFile(path: string): TokenIdArray {
  return path.endsWith(".npy") ? parseNpyTokenIds(readFileSync(path), path) : readSafetensorsTokenIds(path);
}
