import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatErrorMessage } from "@/lib/model/fixtures/expectations";
import { writeRandomSparsifyCoder } from "@/lib/model/testing/random-snapshot";
import { SafetensorsFile } from "./safetensors";
import { float32ToBf16Bits } from "./safetensors-dtypes";
import { readSparsifyCoder } from "./sparsify-coder";

const root = mkdtempSync(join(tmpdir(), "sparsify-coder-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
function coder(options: { skipConnection: boolean }, editCfg?: Record<string, unknown>): string {
  const dir = join(root, `c${count++}`);
  writeRandomSparsifyCoder(dir, { dIn: 8, numLatents: 16, k: 4, transcode: true, skipConnection: options.skipConnection }, 9);
  if (editCfg) {
    const cfg = join(dir, "cfg.json");
    writeFileSync(cfg, JSON.stringify({ ...JSON.parse(readFileSync(cfg, "utf8")), ...editCfg }));
  }
  return dir;
}

const loadError = (dir: string) => formatErrorMessage(() => readSparsifyCoder(dir));

describe("readSparsifyCoder", () => {
  it("reads a BF16 sparsify checkpoint into float32 with its config", () => {
    const dir = coder({ skipConnection: true });
    const weights = readSparsifyCoder(dir);
    expect(weights.config).toMatchObject({ k: 4, numLatents: 16, transcode: true, skip_connection: true });
    expect(weights.encoderWeight).toHaveLength(16 * 8);
    expect(weights.skipWeight).toHaveLength(64);
    // every value is exactly representable in bf16: its bits survive a round trip unchanged
    const file = SafetensorsFile.open(join(dir, "sae.safetensors"));
    expect(file.info("W_dec").dtype).toBe("BF16");
    file.close();
    expect(Array.from(float32ToBf16Bits(weights.decoderWeight)).map((bits) => (bits << 16) >>> 0)).toEqual(Array.from(new Uint32Array(weights.decoderWeight.buffer)));
  });

  it("has no skip weight without skip_connection", () => {
    expect(readSparsifyCoder(coder({ skipConnection: false })).skipWeight).toBeNull();
  });

  it("reports a missing W_skip when cfg.json promises a skip connection", () => {
    expect(loadError(coder({ skipConnection: false }, { skip_connection: true }))).toMatch(/no tensor "W_skip" although cfg.json sets skip_connection: true/);
  });

  it("reports tensors whose shape disagrees with cfg.json", () => {
    expect(loadError(coder({ skipConnection: false }, { num_latents: 32 }))).toMatch(/"encoder.weight" has shape \[16, 8\] but \[32, 8\] was expected/);
  });
});
