import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActivationCacheById } from "@/db/activation-caches";
import { openActivationCache, type ActivationCache } from "@/lib/cache/activation-cache";
import { openSyntheticStage, type SyntheticStage } from "@/lib/cache/testing/synthetic-stage-fixture";
import { activationsInSpan } from "@/lib/cache/window-activations";
import type { QuantileCalibrationSet } from "@/lib/calibrate";
import { startTestLlmClient } from "@/lib/llm/testing/test-client";
import { LlmSimulator } from "@/lib/simulate";
import { contextsEndingAt, type ContextTokens, type SimulateOptions, type SimulationOutcome, type Simulator } from "@/lib/simulate";
import type { PartialSimulation } from "./explorer-data";
import { simulateExplanation } from "./simulate-explanation";

let stage: SyntheticStage;
let cache: ActivationCache;
const LATENT = 5;
const info = { id: "oracle", kind: "baseline" as const, label: "oracle (test)" };

beforeAll(async () => {
  stage = await openSyntheticStage();
  cache = openActivationCache(findActivationCacheById(stage.db, stage.cacheId)?.dir as string);
});
afterAll(() => stage.cleanup());

/** Predicts 9 where the latent is truly active and 0 elsewhere, by looking the window up; counts its calls. */
function oracleSimulator(): Simulator & { calls: number } {
  const acts = cache.latentActivations(LATENT);
  const all = contextsEndingAt({ cacheId: stage.cacheId, cache }, Uint32Array.from({ length: cache.numTokens }, (_, t) => t), 32, stage.tokenText);
  const truth = new Map(all.map((c, t) => [c.tokens.join(""), activationsInSpan(acts, t, 1)[0]]));
  const oracle = {
    id: "oracle",
    kind: "baseline" as const,
    calls: 0,
    async simulate(_explanation: string, contexts: readonly ContextTokens[], options: SimulateOptions = {}): Promise<SimulationOutcome[]> {
      oracle.calls += contexts.length;
      return contexts.map((c, index) => {
        const outcome = { ok: true as const, prediction: (truth.get(c.join("")) ?? 0) > 0 ? 9 : 0 };
        options.onProgress?.({ index, outcome, done: index + 1, total: contexts.length });
        return outcome;
      });
    },
  };
  return oracle;
}

describe("simulateExplanation", () => {
  it("simulates the same contexts for every version, in batches with partial results, through the prediction cache", async () => {
    const simulator = oracleSimulator();
    const partials: PartialSimulation[] = [];
    const calibrations: QuantileCalibrationSet[] = [];
    const options = {
      db: stage.db,
      cache: { cacheId: stage.cacheId, activations: cache, tokenText: stage.tokenText },
      latent: LATENT,
      explanation: "oracle",
      simulator,
      simulatorInfo: info,
      counts: { active: 40, random: 60 },
      batchSize: 30,
    };
    const result = await simulateExplanation({
      ...options,
      onPartial: (p) => partials.push(p),
      measureRewriteImpact: async (calibration) => {
        calibrations.push(calibration);
        return { meanCeChangeNats: 0.25, promptCount: 3, changedPromptCount: 1, missingPredictionCount: 0, evaluationRunId: null };
      },
    });
    const n = result.contextCount;
    expect(result.uniformContextCount).toBe(60);
    expect(n).toBe(60 + result.activeContextCount);
    expect(simulator.calls).toBe(n);
    expect(partials.map((p) => p.done)).toEqual(Array.from({ length: Math.ceil(n / 30) }, (_, i) => Math.min(n, 30 * (i + 1))));
    expect(partials.at(-1)?.cdfs.predicted).toEqual(result.cdfs.predicted);

    // A perfect classifier: every truly active context predicted 9 (active), every silent one 0.
    expect(result.rawSensitivity).toBe(1);
    expect(result.rawSpecificity).toBe(1);
    expect(result.failedCount).toBe(0);
    // Predictions are 0 or 9 only, so the predicted CDF has at most two steps, and its 0-step is the true zero share.
    const trueZeroShare = result.cdfs.true[0].x === 0 ? result.cdfs.true[0].p : 0;
    expect(result.cdfs.predicted.map((s) => s.x)).toEqual(trueZeroShare > 0 ? [0, 9] : [9]);
    expect(result.cdfs.predicted[0].p).toBeCloseTo(trueZeroShare || 1, 12);
    // The map is fitted on the 60 uniform contexts only, and the impact measured under it.
    expect(result.quantileMap?.fittedPredictionCount).toBe(60);
    expect(calibrations).toHaveLength(1);
    expect(calibrations[0].latents).toHaveLength(1);
    expect(result.rewriteImpact?.meanCeChangeNats).toBe(0.25);
    expect(result.rewriteImpactNote).toBeNull();

    // A second version of the same text asks nothing again (prediction cache) and reproduces every number.
    const again = await simulateExplanation(options);
    expect(simulator.calls).toBe(n);
    expect(again.cdfs).toEqual(result.cdfs);
    // Per-context values for a paired A/B: the same contexts (key), in order, predictions 0 or 9 against the truth.
    expect(again.paired).toEqual(result.paired);
    expect(result.paired?.raw).toHaveLength(n);
    result.paired!.raw.forEach((raw, i) => expect(raw).toBe(result.paired!.truth[i] > 0 ? 9 : 0));
    expect(again.rewriteImpact).toBeNull();
    expect(again.rewriteImpactNote).toMatch(/not measured/);
  });

  it("calibrates a raw prediction of 0 by the tie rule when the latent is mostly silent in the cache", async () => {
    const acts = cache.latentActivations(LATENT);
    const n = cache.numTokens;
    const silentShare = 1 - acts.values.length / n;
    const run = (tieRule: "mid-rank" | "conditional-mean") =>
      simulateExplanation({
        db: stage.db,
        cache: { cacheId: stage.cacheId, activations: cache, tokenText: stage.tokenText },
        latent: LATENT,
        explanation: "oracle",
        simulator: oracleSimulator(),
        simulatorInfo: info,
        counts: { active: 40, random: 60 },
        tieRule,
      });
    const midRank = (await run("mid-rank")).quantileMap;
    expect(midRank?.trueZeroFraction).toBeCloseTo(silentShare, 12);
    // Over 90% of the 60 uniform contexts are predicted 0: their mid-rank CDF position (< 0.5) lies below the
    // silent share, so their quantile is 0 (§2.1's prior).
    expect(silentShare).toBeGreaterThan(0.9);
    expect(midRank?.observed.find((o) => o.rawPrediction === 0)?.calibratedActivation).toBe(0);
    if (midRank?.predictionZeroFraction === 1) expect(midRank.erasure).toMatch(/^Calibration sends every prediction to 0/);

    // conditional mean: the zero block covers the band [0, b] of the uniform predictions, b = its share of them;
    // its value is the target's mean over that band, summed here over the sorted full sample by hand.
    const result = await run("conditional-mean");
    const zeroBlockShare = result.quantileMap!.knots[0].cdfPosition! * 2; // the zero block's band middle, doubled
    const sorted = [...new Array(n - acts.values.length).fill(0), ...Array.from(acts.values).sort((a, b) => a - b)];
    const edge = n * zeroBlockShare;
    const expected = sorted.reduce((sum, v, r) => sum + v * Math.min(1, Math.max(0, edge - r)), 0) / edge;
    expect(result.quantileMap?.observed.find((o) => o.rawPrediction === 0)?.calibratedActivation).toBeCloseTo(expected, 10);
  });
});

describe("simulateExplanation with an LLM simulator", () => {
  it("sends its first partial results after one round of concurrent requests", async () => {
    const llm = await startTestLlmClient({}, { concurrency: 4 });
    try {
      const requestsAtPartial: number[] = [];
      const result = await simulateExplanation({
        db: stage.db,
        cache: { cacheId: stage.cacheId, activations: cache, tokenText: stage.tokenText },
        latent: LATENT,
        explanation: 'The token "w7"',
        simulator: new LlmSimulator(llm.client),
        simulatorInfo: { id: "llm:test-model", kind: "llm", label: "LLM (test-model)" },
        counts: { active: 4, random: 8 },
        batchSize: 4,
        onPartial: () => requestsAtPartial.push(llm.server.requestLog.length),
      });
      // Batches of the client's concurrency: the first partial result waits for 4 requests sent at once, no more.
      expect(requestsAtPartial[0]).toBe(4);
      expect(requestsAtPartial.at(-1)).toBe(result.contextCount);
      expect(result.failedCount).toBe(0);
    } finally {
      await llm.server.close();
    }
  });
});
