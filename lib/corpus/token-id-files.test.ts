import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeSafetensors } from "@/lib/formats/safetensors-writer";
import { parseNpyTokenIds, readTokenIdFile } from "./token-id-files";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A version-1.0 .npy file as numpy.save writes it: magic, version, header padded with spaces to a multiple of 64 bytes, data. */
function npyBytes(descr: string, shape: string, data: Uint8Array): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  header += " ".repeat(128 - 10 - header.length - 1) + "\n";
  const prefix = Buffer.alloc(10);
  prefix.write("\x93NUMPY", 0, "latin1");
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, "latin1"), data]);
}

describe("token id files", () => {
  it("reads a little-endian int64 .npy of shape (2, 3) row-major", () => {
    const data = new BigInt64Array([0n, 5n, 7n, 50276n, 0n, 1n]);
    const parsed = parseNpyTokenIds(npyBytes("<i8", "(2, 3)", new Uint8Array(data.buffer)), "ids.npy");
    expect(parsed.shape).toEqual([2, 3]);
    expect(Array.from(parsed.ids)).toEqual([0, 5, 7, 50276, 0, 1]);
  });

  it("reads uint16 and a 1-D shape written as (n,)", () => {
    const parsed = parseNpyTokenIds(npyBytes("<u2", "(3,)", new Uint8Array(new Uint16Array([65535, 2, 3]).buffer)), "ids.npy");
    expect(parsed.shape).toEqual([3]);
    expect(Array.from(parsed.ids)).toEqual([65535, 2, 3]);
  });

  it("names what is wrong: float data, Fortran order, a truncated file, no magic", () => {
    expect(() => parseNpyTokenIds(npyBytes("<f4", "(1,)", new Uint8Array(4)), "x.npy")).toThrow(/x\.npy: holds dtype <f4; token ids must be an integer array/);
    const fortran = Buffer.from(npyBytes("<i4", "(1,)", new Uint8Array(4))).toString("latin1").replace("False", "True ");
    expect(() => parseNpyTokenIds(Buffer.from(fortran, "latin1"), "x.npy")).toThrow(/Fortran order/);
    expect(() => parseNpyTokenIds(npyBytes("<i4", "(4,)", new Uint8Array(8)), "x.npy")).toThrow(/needs 16 data bytes but only 8 follow: the file is truncated/);
    expect(() => parseNpyTokenIds(new Uint8Array(20), "x.npy")).toThrow(/not a NumPy \.npy file/);
  });

  it("reads the input_ids (or tokens, or only) tensor of a .safetensors file", () => {
    const dir = mkdtempSync(join(tmpdir(), "rewrite-ids-"));
    dirs.push(dir);
    const file = join(dir, "ids.safetensors");
    writeSafetensors(file, { tokens: { dtype: "I32", shape: [2, 2], data: new Int32Array([0, 9, 8, 0]) } });
    expect(readTokenIdFile(file)).toEqual({ ids: new Int32Array([0, 9, 8, 0]), shape: [2, 2] });
    writeSafetensors(file, { a: { dtype: "I32", shape: [1], data: new Int32Array([1]) }, b: { dtype: "I32", shape: [1], data: new Int32Array([2]) } });
    expect(() => readTokenIdFile(file)).toThrow(/has no tensor named input_ids or tokens \(it holds a, b\)/);
    writeFileSync(join(dir, "x.npy"), npyBytes("<i4", "(2,)", new Uint8Array(new Int32Array([4, 0]).buffer)));
    expect(Array.from(readTokenIdFile(join(dir, "x.npy")).ids)).toEqual([4, 0]);
  });
});
