import { describe, expect, it } from "vitest";
import { describeDelphiImport } from "./describe-delphi-import";

describe("describeDelphiImport", () => {
  it("says which current explanations were kept, what a replaced cache took with it, and groups what was skipped", () => {
    const skipped = Array.from({ length: 7 }, (_, i) => ({ file: `e/m_latent${i}.txt`, reason: "empty explanation" }));
    const lines = describeDelphiImport({
      caches: [{ hookpoint: "layers.6.mlp", cacheId: 4, numContexts: 10, contextLength: 256, nonZeros: 81920, files: 5, droppedBelowThreshold: 0, replaced: { cacheId: 3, explanations: 12 } }],
      explanations: { added: 9, unchanged: 1, keptCurrent: { user: 2, baseline: 1 }, madeCurrent: 0 },
      scores: 18,
      skipped: [...skipped, { file: "latents/.DS_Store", reason: "not a hookpoint folder" }],
    });
    expect(lines).toEqual([
      "layers.6.mlp: cache 4 from 5 files, 10 contexts × 256 tokens, 81920 activations",
      "layers.6.mlp: these contexts differ from cache 3's, which is replaced; its 12 explanation versions (and their scores and runs) went with it",
      'explanations: 9 imported, 1 already stored; scores: 18 imported (labelled "imported from delphi")',
      "3 latents kept their current explanation (2 user, 1 baseline); the imported versions are stored beside them, not current. Pass --make-current to make the imported ones current.",
      "skipped 8:",
      "  empty explanation (7): e/m_latent0.txt, e/m_latent1.txt, e/m_latent2.txt, e/m_latent3.txt, e/m_latent4.txt and 2 more",
      "  not a hookpoint folder (1): latents/.DS_Store",
    ]);
  });
});
