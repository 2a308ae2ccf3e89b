import { describe, expect, it } from "vitest";
import { buildContrastiveExplainerMessages, ContrastiveStatisticalExplainer, type ContrastExample } from "./contrastive-explainer";

// Corpus of 10,000 tokens: "a" is rare (10), "." common (1,000), "x" and "y" very common.
const background = { counts: new Map([["a", 10], [".", 1000], ["x", 4000], ["y", 4000], ["z", 990]]), total: 10000 };
// The latent fires on "a" and "." (both marked: above 0.3 of the max), after "x" and "y" (not enriched: common).
const examples = Array.from({ length: 10 }, () => ({ tokens: ["x", "a", "y", "."], activations: [0, 5, 0, 5] }));
// Its neighbours fire on "." where it is silent.
const negatives: ContrastExample[] = Array.from({ length: 10 }, () => ({ tokens: ["q", "."], neighbourActivations: [0, 4], activations: [0, 0] }));

describe("ContrastiveStatisticalExplainer", () => {
  const explainer = new ContrastiveStatisticalExplainer(background);

  it("keeps the tokens that separate the latent from its neighbours", async () => {
    // vs the corpus both "a" (z ≈ 5.7) and "." (z ≈ 5.0) stand out; vs the neighbours' 10 "." only "a" does:
    // ln(10.5/10.5) − ln(0.5/10.5) = 3.04 over √(2/10.5 + 1/0.5 + 1/10.5) = 1.51 → z 2.0.
    expect(await explainer.explainContrast(examples, negatives)).toMatchObject({ ok: true, explanation: 'Fires on "a"' });
  });

  it("is the plain baseline without neighbours, or when nothing separates them", async () => {
    expect(await explainer.explainContrast(examples, [])).toMatchObject({ ok: true, explanation: 'Fires on "a", "."' });
    // Firing on "." after "x" exactly where the neighbours do: no token separates them.
    const onlyDots = Array.from({ length: 10 }, () => ({ tokens: ["x", "."], activations: [0, 5] }));
    const sameContexts = onlyDots.map((e) => ({ tokens: e.tokens, neighbourActivations: e.activations, activations: [0, 0] }));
    expect(await explainer.explainContrast(onlyDots, sameContexts)).toMatchObject({ ok: true, explanation: 'Fires on "." (and after "x")' });
    // After "q" instead, the preceding token separates them (x: 10 of 10 vs 0 of 10, and enriched against the corpus).
    expect(await explainer.explainContrast(onlyDots, negatives)).toMatchObject({ ok: true, explanation: 'Fires after "x"' });
  });

  it("fails like the plain baseline with no examples", async () => {
    expect(await explainer.explainContrast([], negatives)).toMatchObject({ ok: false, reason: "no-examples" });
  });
});

describe("buildContrastiveExplainerMessages", () => {
  it("shows the latent's excerpts with << >> and its neighbours' with [[ ]] and this latent's levels there", () => {
    const [system, user] = buildContrastiveExplainerMessages([examples[0]], [{ tokens: ["q", "."], neighbourActivations: [0, 4], activations: [0, 2.5] }]);
    expect(system.content).toContain("similar latents are active, at the tokens wrapped in [[ and ]]");
    expect(user.content).toContain("Excerpts where this latent is active:");
    expect(user.content).toContain("x<<a>>y<<.>>");
    // this latent's 2.5 on its own max of 5 → level ceil(10 · 2.5 / 5) = 5
    expect(user.content).toContain('q[[.]]\nActivations: (".", 5)');
  });
});
