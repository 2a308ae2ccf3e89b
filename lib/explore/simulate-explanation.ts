// One explanation text of one latent, simulated on the explorer's contexts (§2.2) through the prediction cache,
// calibrated by a quantile normalizer fitted for this latent on the uniform contexts against the cache (§2.1,
// target (a)), and measured: the three CDFs, the quantile map, correlation, sensitivity / specificity (§3.1) and,
// when a measurer is given, the rewrite impact (§2.3 with only this latent rewritten).
import { createHash } from "node:crypto";
import type { RewriteDatabase } from "@/db/client";
import type { ActivationCache } from "@/lib/cache/activation-cache";
import type { TokenText } from "@/lib/cache/token-display";
import { activationsInSpan } from "@/lib/cache/window-activations";
import { fitQuantileCalibration, type QuantileCalibrationSet } from "@/lib/calibrate";
import { pearsonCorrelation } from "@/lib/core/correlation";
import { calibratePrediction, type QuantileNormalizer, type TieRule } from "@/lib/core/quantile-normalizer";
import { sensitivitySpecificity } from "@/lib/core/sensitivity-specificity";
import { zeroInflatedSample } from "@/lib/core/zero-inflated-sample";
import { derivedSeed } from "@/lib/core/derived-seed";
import { contextsEndingAt, simulateContexts, type Simulator } from "@/lib/simulate";
import { cdfSteps } from "./activation-cdf";
import { EXPLORER_CONTEXT_COUNTS, explorerContextPlan, type ExplorerContextCounts } from "./explorer-contexts";
import type { ExplanationSimulationResult, ExplorerProgress, PartialSimulation, RewriteImpactData, SimulatorInfo } from "./explorer-data";
import { quantileMapData } from "./quantile-map-data";

export interface ExplanationSimulationOptions {
  readonly db: RewriteDatabase;
  readonly cache: { readonly cacheId: number; readonly activations: ActivationCache; readonly tokenText: TokenText };
  readonly latent: number;
  readonly explanation: string;
  readonly simulator: Simulator;
  readonly simulatorInfo: SimulatorInfo;
  readonly counts?: ExplorerContextCounts;
  /** Tokens the simulator sees, ending at the simulated one (delphi: 32). */
  readonly windowLength?: number;
  readonly seed?: number;
  /** How tied raw predictions calibrate (default conditional-mean, as the evaluation stage). */
  readonly tieRule?: TieRule;
  /** Contexts per simulate call; partial results follow each. */
  readonly batchSize?: number;
  /** The rewrite impact of this latent under the fitted calibration (null normalizer: nothing fitted). */
  readonly measureRewriteImpact?: (calibration: QuantileCalibrationSet) => Promise<RewriteImpactData>;
  readonly onProgress?: (progress: ExplorerProgress) => void;
  readonly onPartial?: (partial: PartialSimulation) => void;
  readonly signal?: AbortSignal;
}

const DEFAULT_BATCH = 100;

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/** Names the simulated contexts, so two versions' per-context values pair only on the same ones. */
function contextKeyOf(cacheId: number, windowLength: number, positions: Uint32Array): string {
  return `${cacheId}:${windowLength}:${createHash("sha256").update(positions).digest("hex").slice(0, 16)}`;
}

/** Pearson r over the pairs whose prediction did not fail (NaN); null when undefined. */
function correlationOf(predicted: ArrayLike<number>, truth: ArrayLike<number>, count: number): number | null {
  const p: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < count; i++) {
    if (Number.isNaN(predicted[i])) continue;
    p.push(predicted[i]);
    t.push(truth[i]);
  }
  return p.length > 1 ? finiteOrNull(pearsonCorrelation(p, t)) : null;
}

function activeAgreement(predicted: Float64Array, truth: Float64Array): { sensitivity: number | null; specificity: number | null } {
  const ok = Array.from(predicted.keys()).filter((i) => !Number.isNaN(predicted[i]));
  if (ok.length === 0) return { sensitivity: null, specificity: null };
  const s = sensitivitySpecificity(ok.map((i) => predicted[i]), ok.map((i) => truth[i]));
  return { sensitivity: finiteOrNull(s.sensitivity), specificity: finiteOrNull(s.specificity) };
}

export async function simulateExplanation(options: ExplanationSimulationOptions): Promise<ExplanationSimulationResult> {
  const started = performance.now();
  const { db, cache, latent, explanation, simulator, signal } = options;
  const progress = options.onProgress ?? (() => {});
  const acts = cache.activations.latentActivations(latent);
  const plan = explorerContextPlan(acts, cache.activations.numTokens, options.counts ?? EXPLORER_CONTEXT_COUNTS, derivedSeed(options.seed ?? 0, `explore/${latent}`));
  const windowLength = options.windowLength ?? 32;
  const contexts = contextsEndingAt({ cacheId: cache.cacheId, cache: cache.activations }, plan.positions, windowLength, cache.tokenText);
  const truth = Float64Array.from(plan.positions, (t) => activationsInSpan(acts, t, 1)[0]);
  const n = contexts.length;

  const raw = new Float64Array(n).fill(Number.NaN);
  const batch = options.batchSize ?? DEFAULT_BATCH;
  for (let start = 0; start < n; start += batch) {
    const end = Math.min(n, start + batch);
    const outcomes = await simulateContexts(db, {
      simulator,
      explanation,
      contexts: contexts.slice(start, end),
      signal,
      onProgress: (p) => progress({ stage: "simulating", done: start + p.done, total: n }),
    });
    outcomes.forEach((o, i) => (raw[start + i] = o.ok ? o.prediction : Number.NaN));
    options.onPartial?.({
      done: end,
      total: n,
      cdfs: { true: cdfSteps(truth.subarray(0, end)), predicted: cdfSteps(raw.subarray(0, end)) },
      correlation: correlationOf(raw, truth, end),
    });
  }

  progress({ stage: "calibrating", done: 0, total: 1 });
  const uniformRaw = raw.filter((_, i) => plan.uniform[i] === 1);
  const target = { kind: "cache" as const, sampleOfLatent: () => zeroInflatedSample(cache.activations.numTokens, acts.values) };
  const fitted = uniformRaw.some((x) => !Number.isNaN(x)) ? fitQuantileCalibration(uniformRaw, 1, target, { tieRule: options.tieRule }) : null;
  const normalizer: QuantileNormalizer | null = fitted?.latents[0].normalizer ?? null;
  const calibrated = Float64Array.from(raw, (x) => (Number.isNaN(x) ? Number.NaN : normalizer ? calibratePrediction(normalizer, x) : 0));
  progress({ stage: "calibrating", done: 1, total: 1 });

  let rewriteImpact: RewriteImpactData | null = null;
  let rewriteImpactNote: string | null = null;
  if (!options.measureRewriteImpact) rewriteImpactNote = "not measured: no model runtime for this cache";
  else if (!fitted) rewriteImpactNote = "not measured: every simulation on the uniform contexts failed, so no calibration could be fitted";
  else {
    progress({ stage: "rewrite impact", done: 0, total: 1 });
    try {
      rewriteImpact = await options.measureRewriteImpact(fitted);
    } catch (error) {
      // The charts and scores stand without it; say why it is missing.
      if (signal?.aborted) throw error;
      rewriteImpactNote = `not measured: ${error instanceof Error ? error.message : String(error)}`;
    }
    progress({ stage: "rewrite impact", done: 1, total: 1 });
  }

  const calibratedAgreement = activeAgreement(calibrated, truth);
  const rawAgreement = activeAgreement(raw, truth);
  const uniformCount = plan.uniform.reduce((s, u) => s + u, 0);
  return {
    format: "rewrite-explanation-simulation",
    version: 1,
    latent,
    simulator: options.simulatorInfo,
    contextCount: n,
    uniformContextCount: uniformCount,
    activeContextCount: n - uniformCount,
    failedCount: raw.filter((x) => Number.isNaN(x)).length,
    cdfs: { true: cdfSteps(truth), predicted: cdfSteps(raw), calibrated: cdfSteps(calibrated) },
    quantileMap: quantileMapData(normalizer, raw),
    correlation: correlationOf(raw, truth, n),
    sensitivity: calibratedAgreement.sensitivity,
    specificity: calibratedAgreement.specificity,
    rawSensitivity: rawAgreement.sensitivity,
    rawSpecificity: rawAgreement.specificity,
    rewriteImpact,
    rewriteImpactNote,
    elapsedMs: Math.round(performance.now() - started),
    paired: {
      contextKey: contextKeyOf(cache.cacheId, windowLength, plan.positions),
      truth: Array.from(truth),
      raw: Array.from(raw, finiteOrNull),
      calibrated: Array.from(calibrated, finiteOrNull),
    },
  };
}
