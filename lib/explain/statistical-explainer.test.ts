import { describe, expect, it } from "vitest";
import { countFiringTokens, StatisticalExplainer } from "./statistical-explainer";
import { enrichedTokens, logOddsRatio, type TokenCounts } from "./token-enrichment";

const counts = (entries: Record<string, number>, total: number): TokenCounts => ({ counts: new Map(Object.entries(entries)), total });

const background = counts({ " cat": 2, " dog": 1, " the": 50, " black": 2, a: 40, the: 50 }, 1000);

describe("logOddsRatio", () => {
  it("matches the hand computation with a 0.5 prior", () => {
    // 6 of 10 firing tokens vs 2 of 1000 corpus tokens:
    // ln(6.5/4.5) − ln(2.5/998.5) = 6.35769; var = 1/6.5 + 1/4.5 + 1/2.5 + 1/998.5 = 0.77707; z = 6.35769/0.88152 = 7.21222
    const { logOdds, z } = logOddsRatio(6, 10, 2, 1000, 0.5);
    expect(logOdds).toBeCloseTo(6.35769, 4);
    expect(z).toBeCloseTo(7.21222, 4);
  });
});

describe("enrichedTokens", () => {
  it("ranks by z, drops tokens seen once, keeps z ≥ 2", () => {
    // z: " black" 5.773, " the" 4.733, "a" 2.635 (a = 2 of 10 vs 40 of 1000)
    const preceding = counts({ " the": 5, " black": 3, a: 2 }, 10);
    expect(enrichedTokens(preceding, background).map((t) => t.token)).toEqual([" black", " the", "a"]);
    expect(enrichedTokens(preceding, background, { minZ: 3 }).map((t) => t.token)).toEqual([" black", " the"]);
    expect(enrichedTokens(counts({ " cat": 1 }, 1), background)).toEqual([]);
  });
});

describe("StatisticalExplainer", () => {
  const explainer = new StatisticalExplainer(background, { maxPreceding: 2 });

  it("writes a plain sentence from the most enriched tokens and preceding tokens", () => {
    // on: " cat" z 7.21 > " dog" z 5.51 ("the" once: dropped); after: " black" 5.77 > " the" 4.73 > "a" (cut at 2)
    const result = explainer.explainCounts({
      firing: counts({ " cat": 6, " dog": 3, the: 1 }, 10),
      preceding: counts({ " the": 5, " black": 3, a: 2 }, 10),
    });
    expect(result).toEqual({
      ok: true,
      explanation: 'Fires on "cat", "dog" (and after "black", "the")',
      source: { kind: "statistical-baseline" },
    });
    expect(explainer.id).toBe("statistical-baseline");
  });

  it("fails with a reason when nothing stands out", async () => {
    const result = explainer.explainCounts({ firing: counts({ the: 1 }, 1), preceding: counts({}, 0) });
    expect(result).toMatchObject({ ok: false, reason: "no-enriched-token" });
    expect(await explainer.explain([])).toMatchObject({ ok: false, reason: "no-examples" });
  });

  it("counts the marked positions and their predecessors from examples", () => {
    const { firing, preceding } = countFiringTokens([
      { tokens: ["The", " cat", " sat"], activations: [0, 5, 1] }, // threshold 1.5: " cat"
      { tokens: [" cat", " cat"], activations: [4, 0.5] }, // threshold 1.2: the first " cat" (no predecessor)
    ]);
    expect([...firing.counts]).toEqual([[" cat", 2]]);
    expect(firing.total).toBe(2);
    expect([...preceding.counts]).toEqual([["The", 1]]);
    expect(preceding.total).toBe(1);
  });

  it("rejects empty corpus counts", () => {
    expect(() => new StatisticalExplainer(counts({}, 0))).toThrow(/positive total, got total 0/);
  });
});
