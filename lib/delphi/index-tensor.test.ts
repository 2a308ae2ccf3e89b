import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withSafetensors } from "@/lib/formats/safetensors";
import { writeSafetensors } from "@/lib/formats/safetensors-writer";
import { readIndexTensor } from "./index-tensor";

const dir = mkdtempSync(join(tmpdir(), "rewrite-index-tensor-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readIndexTensor", () => {
  it("reads int64 and int32 indices, and names a negative or too large one", () => {
    const path = join(dir, "t.safetensors");
    writeSafetensors(path, {
      ok64: { dtype: "I64", shape: [3], data: BigInt64Array.from([0n, 7n, 4294967295n]) },
      ok32: { dtype: "I32", shape: [2], data: Int32Array.from([5, 65536]) },
      negative: { dtype: "I64", shape: [2], data: BigInt64Array.from([1n, -3n]) },
      large: { dtype: "I64", shape: [1], data: BigInt64Array.from([4294967296n]) },
    });
    withSafetensors(path, (file) => {
      expect(Array.from(readIndexTensor(file, "ok64"))).toEqual([0, 7, 4294967295]);
      expect(Array.from(readIndexTensor(file, "ok32"))).toEqual([5, 65536]);
      expect(() => readIndexTensor(file, "negative")).toThrow(/tensor "negative" \(I64\) holds -3 at element 1; indices must lie in \[0, 2\^32\)/);
      expect(() => readIndexTensor(file, "large")).toThrow(/holds 4294967296 at element 0/);
    });
  });
});
