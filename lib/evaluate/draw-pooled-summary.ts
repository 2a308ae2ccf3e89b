// Fig. 3's "Sampling" bars over several random draws of the rewritten latents: every (draw, prompt) increase
// is pooled, and the bootstrap resamples prompts (each bringing all its draws), because the draws share prompts
// and are not independent samples. With one draw this is exactly summarizeCeIncrease.
import { mean, medianOfAbsolute, type BootstrapOptions, type ConfidenceInterval, type SampleStatistic } from "@/lib/core/bootstrap-ci";
import { ceIncreasePerPrompt, type CeIncreaseSummary } from "@/lib/core/ce-increase";
import { quantileSorted } from "@/lib/core/sample-quantiles";
import type { SeededRng } from "@/lib/core/seeded-rng";

function promptClusterBootstrapCi(
  increasesByDraw: readonly Float64Array[],
  statistic: SampleStatistic,
  rng: SeededRng,
  resamples: number,
  level: number,
): ConfidenceInterval {
  const promptCount = increasesByDraw[0].length;
  const pooled = new Float64Array(increasesByDraw.length * promptCount);
  increasesByDraw.forEach((increases, d) => pooled.set(increases, d * promptCount));
  const estimate = statistic(pooled.slice());
  const statistics = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < promptCount; i++) {
      const prompt = rng.integerBelow(promptCount);
      for (let d = 0; d < increasesByDraw.length; d++) pooled[d * promptCount + i] = increasesByDraw[d][prompt];
    }
    statistics[b] = statistic(pooled);
  }
  statistics.sort();
  const tail = (1 - level) / 2;
  return { estimate, lower: quantileSorted(statistics, tail, 7), upper: quantileSorted(statistics, 1 - tail, 7), level, resamples };
}

/** Mean increase and median |increase| over all draws and prompts, with prompt-resampling percentile CIs. */
export function summarizeCeIncreaseOverDraws(
  patchedCeNatsByDraw: readonly ArrayLike<number>[],
  cleanCeNats: ArrayLike<number>,
  rng: SeededRng,
  options: BootstrapOptions = {},
): CeIncreaseSummary {
  if (patchedCeNatsByDraw.length === 0) throw new Error("no draws to summarise; pass at least one draw's per-prompt CE");
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`resamples must be an integer ≥ 1, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new Error(`level must lie strictly between 0 and 1, got ${level}`);
  const increasesByDraw = patchedCeNatsByDraw.map((patched) => ceIncreasePerPrompt(patched, cleanCeNats));
  return {
    promptCount: cleanCeNats.length,
    meanIncreaseNats: promptClusterBootstrapCi(increasesByDraw, mean, rng, resamples, level),
    medianAbsoluteDifferenceNats: promptClusterBootstrapCi(increasesByDraw, medianOfAbsolute, rng, resamples, level),
  };
}
