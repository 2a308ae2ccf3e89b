import { describe, expect, it } from "vitest";
import { latentCostsOnPrompt, worstPrompts } from "./prompt-costs";

describe("worstPrompts", () => {
  it("orders prompts by the full rewrite's CE increase over the clean model", () => {
    // increases: 0.5, 2, −1, 2 → prompts 1 and 3 tie at 2 (lower index first), then 0
    const ledger = { fullRewriteCeNats: Float64Array.of(1.5, 4, 2, 5), coderAloneCeNats: Float64Array.of(1, 2, 3, 3) };
    const worst = worstPrompts([1, 2, 3, 3], ledger, 3);
    expect(worst.map((w) => w.prompt)).toEqual([1, 3, 0]);
    expect(worst[0]).toEqual({ prompt: 1, cleanCeNats: 2, coderAloneCeNats: 2, rewrittenCeNats: 4 });
  });
});

describe("latentCostsOnPrompt", () => {
  it("lists one prompt's latents by oracle gain with the error fixed", () => {
    // The hand example's oracle entries (latent-ledger.test.ts): p1 has latents 1 (missed, −68), 2 (magnitude, 12), 3 (false positive, 36).
    const entries = {
      prompt: Int32Array.of(0, 1, 1, 1),
      latent: Int32Array.of(3, 1, 2, 3),
      gainNats: Float64Array.of(56, -68, 12, 36),
      error: Int32Array.of(1, 1, 2, 0),
      simulated: Float32Array.of(0, 0, 5, 1),
      truth: Float32Array.of(2, 4, 1, 0),
    };
    expect(latentCostsOnPrompt(entries, 1)).toEqual([
      { latent: 3, error: "false positive", gainNats: 36, simulated: 1, truth: 0 },
      { latent: 2, error: "wrong magnitude", gainNats: 12, simulated: 5, truth: 1 },
      { latent: 1, error: "missed", gainNats: -68, simulated: 0, truth: 4 },
    ]);
    expect(latentCostsOnPrompt(entries, 2)).toEqual([]);
  });
});
