import { describe, expect, it } from "vitest";
import { delphiLatentRanges, latentFileName, parseLatentFileName, parseLatentResultFileName } from "./delphi-layout";

describe("delphi's names", () => {
  it("splits a 32K-latent coder into delphi's five files (torch.linspace(0, 32768, 6).long(), ends inclusive)", () => {
    // linspace: 0, 6553.6, 13107.2, 19660.8, 26214.4, 32768 → truncated boundaries, each end one before the next start.
    expect(delphiLatentRanges(32768, 5).map(latentFileName)).toEqual([
      "0_6552.safetensors",
      "6553_13106.safetensors",
      "13107_19659.safetensors",
      "19660_26213.safetensors",
      "26214_32767.safetensors",
    ]);
  });

  it("parses file names back, hookpoints with dots included", () => {
    expect(parseLatentFileName("13107_19659.safetensors")).toEqual({ start: 13107, end: 19659 });
    expect(parseLatentFileName("config.json")).toBeUndefined();
    expect(parseLatentResultFileName("layers.6.mlp_latent42.txt")).toEqual({ hookpoint: "layers.6.mlp", latent: 42 });
    expect(parseLatentResultFileName("notes.txt")).toBeUndefined();
  });
});
