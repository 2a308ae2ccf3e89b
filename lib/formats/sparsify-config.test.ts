import { describe, expect, it } from "vitest";
import { parseSparsifyConfig } from "./sparsify-config";

describe("parseSparsifyConfig", () => {
  it("expands num_latents 0 to d_in × expansion_factor, as sparsify does", () => {
    const config = parseSparsifyConfig({ k: 32, d_in: 768, expansion_factor: 32, num_latents: 0, transcode: true, skip_connection: true });
    expect(config.numLatents).toBe(24576);
    expect(config.normalize_decoder).toBe(true);
  });

  it("gives a cfg.json without k sparsify's default k = 32 (SparseCoderConfig)", () => {
    const cfg = { activation: "topk", expansion_factor: 32, normalize_decoder: true, num_latents: 0, multi_topk: false, skip_connection: false, transcode: true, d_in: 768 };
    expect(parseSparsifyConfig(cfg)).toMatchObject({ k: 32, numLatents: 24576 });
  });

  it("rejects a k larger than the dictionary and a missing d_in", () => {
    expect(() => parseSparsifyConfig({ k: 64, d_in: 2, expansion_factor: 2 })).toThrow(/k 64 exceeds num_latents 4/);
    expect(() => parseSparsifyConfig({ k: 32 }, "c/cfg.json")).toThrow(/c\/cfg.json: d_in/);
  });
});
