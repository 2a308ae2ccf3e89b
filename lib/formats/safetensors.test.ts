import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatErrorMessage } from "@/lib/model/fixtures/expectations";
import { SafetensorsFile, withSafetensors } from "./safetensors";
import { encodeSafetensors, writeSafetensors } from "./safetensors-writer";

const dir = mkdtempSync(join(tmpdir(), "safetensors-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function fileWith(bytes: Uint8Array | Buffer): string {
  const path = join(dir, `t${fileCount++}.safetensors`);
  writeFileSync(path, bytes);
  return path;
}

/** A file with a hand-written header and `dataBytes` zero bytes of data. */
function rawFile(header: string, dataBytes: number): string {
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(Buffer.byteLength(header)));
  return fileWith(Buffer.concat([length, Buffer.from(header), Buffer.alloc(dataBytes)]));
}

describe("safetensors reader", () => {
  it("reads F32, I32 and I64 tensors back exactly, header padded to 8 bytes", () => {
    const bytes = encodeSafetensors({
      a: { dtype: "F32", shape: [2, 2], data: Float32Array.of(1, -2.5, 3e-8, 1e30) },
      b: { dtype: "I32", shape: [3], data: Int32Array.of(-1, 0, 2147483647) },
      c: { dtype: "I64", shape: [1], data: BigInt64Array.of(-(2n ** 40n)) },
    });
    expect(Number(bytes.readBigUInt64LE(0)) % 8).toBe(0);
    withSafetensors(fileWith(bytes), (file) => {
      expect(file.names()).toEqual(["a", "b", "c"]);
      expect(Array.from(file.readFloat32("a", [2, 2]))).toEqual([1, -2.5, Math.fround(3e-8), Math.fround(1e30)]);
      expect(Array.from(file.readInt("b") as Int32Array)).toEqual([-1, 0, 2147483647]);
      expect(Array.from(file.readInt("c") as BigInt64Array)).toEqual([-(2n ** 40n)]);
    });
  });

  it("decodes F16 and BF16 bit patterns to the values they stand for", () => {
    // F16: 1, −2, 2^−24 (smallest subnormal), 65504 (largest finite), +∞; BF16: 1, 3.140625, −0.5
    const f16 = Uint16Array.of(0x3c00, 0xc000, 0x0001, 0x7bff, 0x7c00);
    const bf16 = Uint16Array.of(0x3f80, 0x4049, 0xbf00);
    const header = JSON.stringify({ h: { dtype: "F16", shape: [5], data_offsets: [0, 10] }, b: { dtype: "BF16", shape: [3], data_offsets: [10, 16] } });
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(header.length));
    const path = fileWith(Buffer.concat([length, Buffer.from(header), Buffer.from(f16.buffer), Buffer.from(bf16.buffer)]));
    withSafetensors(path, (file) => {
      expect(Array.from(file.readFloat32("h"))).toEqual([1, -2, 2 ** -24, 65504, Infinity]);
      expect(Array.from(file.readFloat32("b"))).toEqual([1, 3.140625, -0.5]);
    });
  });

  it("writes BF16 and F16 rounded to nearest even", () => {
    // bf16 keeps 7 fraction bits: 1 + 2^−8 is a tie → even (1); 1 + 3·2^−9 rounds up. f16 keeps 10: 1 + 2^−11 ties → 1,
    // 1 + 3·2^−12 ties → 1 + 2^−10 (even), 1e6 overflows to ∞.
    const values = Float32Array.of(1 + 2 ** -8, 1 + 3 * 2 ** -9, 1 + 2 ** -11, 1 + 3 * 2 ** -12, 1e6);
    const path = join(dir, "rounding.safetensors");
    writeSafetensors(path, { b: { dtype: "BF16", shape: [5], data: values }, h: { dtype: "F16", shape: [5], data: values } });
    withSafetensors(path, (file) => {
      expect(Array.from(file.readFloat32("b"))).toEqual([1, 1 + 2 ** -7, 1, 1, 999424]);
      expect(Array.from(file.readFloat32("h"))).toEqual([1 + 2 ** -8, 1 + 3 * 2 ** -9, 1, 1 + 2 ** -10, Infinity]);
    });
  });

  it("reports a file shorter than the length prefix as truncated", () => {
    expect(formatErrorMessage(() => SafetensorsFile.open(fileWith(Buffer.alloc(5))))).toMatch(/too short.*truncated/);
  });

  it("reports a header longer than the file as truncated", () => {
    const bytes = encodeSafetensors({ a: { dtype: "F32", shape: [4], data: new Float32Array(4) } });
    const cut = bytes.subarray(0, 20);
    expect(formatErrorMessage(() => SafetensorsFile.open(fileWith(cut)))).toMatch(/header but only 12 bytes follow: the file is truncated/);
  });

  it("reports data cut short (offsets past the end of the file) as truncated, naming the tensor", () => {
    const bytes = encodeSafetensors({ a: { dtype: "F32", shape: [4], data: new Float32Array(4) }, b: { dtype: "F32", shape: [4], data: new Float32Array(4) } });
    const message = formatErrorMessage(() => SafetensorsFile.open(fileWith(bytes.subarray(0, bytes.length - 4))));
    expect(message).toMatch(/tensor "b" ends at data byte 32 but the file has only 28 data bytes: the file is truncated/);
  });

  it("reports a header that is not JSON", () => {
    expect(formatErrorMessage(() => SafetensorsFile.open(rawFile("{not json", 0)))).toMatch(/header is not valid JSON/);
  });

  it("reports a malformed entry and an entry whose offsets disagree with its shape", () => {
    expect(formatErrorMessage(() => SafetensorsFile.open(rawFile(JSON.stringify({ a: { dtype: "F32", shape: [2] } }), 8)))).toMatch(/tensor "a" has a malformed header entry/);
    const header = JSON.stringify({ a: { dtype: "F32", shape: [3], data_offsets: [0, 8] } });
    expect(formatErrorMessage(() => SafetensorsFile.open(rawFile(header, 8)))).toMatch(/should span 12 bytes but its offsets span 8/);
  });

  it("names a missing tensor and lists the ones that exist", () => {
    const path = fileWith(encodeSafetensors({ "encoder.weight": { dtype: "F32", shape: [1], data: new Float32Array(1) }, b_dec: { dtype: "F32", shape: [1], data: new Float32Array(1) } }));
    const message = withSafetensors(path, (file) => formatErrorMessage(() => file.readFloat32("W_dec")));
    expect(message).toContain('has no tensor "W_dec"; it holds: encoder.weight, b_dec');
  });

  it("reports a wrong shape with the expected and found shapes", () => {
    const path = fileWith(encodeSafetensors({ w: { dtype: "F32", shape: [2, 3], data: new Float32Array(6) } }));
    const message = withSafetensors(path, (file) => formatErrorMessage(() => file.readFloat32("w", [3, 2])));
    expect(message).toContain('tensor "w" has shape [2, 3] but [3, 2] was expected');
  });

  it("reports unsupported dtypes when the tensor is read", () => {
    const path = rawFile(JSON.stringify({ q: { dtype: "F8_E4M3", shape: [4], data_offsets: [0, 4] }, i: { dtype: "I32", shape: [1], data_offsets: [4, 8] } }), 8);
    withSafetensors(path, (file) => {
      expect(formatErrorMessage(() => file.readFloat32("q"))).toContain('tensor "q" has dtype F8_E4M3; a float dtype (F32, F16, BF16, F64) is needed here');
      expect(formatErrorMessage(() => file.readFloat32("i"))).toContain("has dtype I32; a float dtype");
      expect(formatErrorMessage(() => file.readInt("q"))).toContain("has dtype F8_E4M3; an integer dtype");
    });
  });

  it("reads only the requested tensor's bytes from disk", () => {
    const path = fileWith(encodeSafetensors({ big: { dtype: "F32", shape: [1000], data: new Float32Array(1000).fill(7) }, small: { dtype: "F32", shape: [2], data: Float32Array.of(8, 9) } }));
    withSafetensors(path, (file) => {
      const info = file.info("small");
      expect(info.end - info.start).toBe(8);
      expect(Buffer.from(readFileSync(path)).subarray(info.start, info.end)).toEqual(Buffer.from(Float32Array.of(8, 9).buffer));
      expect(Array.from(file.readFloat32("small"))).toEqual([8, 9]);
    });
  });
});
