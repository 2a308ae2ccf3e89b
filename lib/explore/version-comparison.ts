// Paired A/B of two explanation versions of one latent: the child against its parent on the same simulated contexts
// (Δcorrelation, Δsensitivity, Δspecificity of the calibrated predictions, §3.1) and the same development prompts
// (Δrewrite impact), each a bootstrap CI that resamples contexts / prompts with both versions' values together,
// and a verdict. Higher correlation, sensitivity and specificity are better; a lower CE change is better.
import type { BootstrapOptions } from "@/lib/core/bootstrap-ci";
import { pearsonCorrelation } from "@/lib/core/correlation";
import { indexBootstrapCi } from "@/lib/core/index-bootstrap";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { derivedSeed } from "@/lib/core/derived-seed";
import type { ExplanationSimulationResult } from "./explorer-data";

export const COMPARISON_METRICS = ["correlation", "sensitivity", "specificity", "rewrite-impact"] as const;
export type ComparisonMetric = (typeof COMPARISON_METRICS)[number];

export type ComparisonVerdict = "better" | "worse" | "no detectable difference";

export interface MetricChange {
  readonly metric: ComparisonMetric;
  /** child − parent, with its paired bootstrap CI. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly verdict: ComparisonVerdict;
  /** Contexts or prompts the pair was measured on. */
  readonly pairCount: number;
}

export interface VersionComparison {
  readonly parentId: number;
  readonly level: number;
  readonly changes: readonly MetricChange[];
  /** Why a metric is missing (older results, other contexts or prompts, undefined on both). */
  readonly notes: readonly string[];
}

/** "better" when the whole CI is on the improving side of 0, "worse" on the other, else no detectable difference. */
export function comparisonVerdict(metric: ComparisonMetric, ci: { lower: number; upper: number }): ComparisonVerdict {
  const sign = metric === "rewrite-impact" ? -1 : 1;
  const [low, high] = sign > 0 ? [ci.lower, ci.upper] : [-ci.upper, -ci.lower];
  if (low > 0) return "better";
  if (high < 0) return "worse";
  return "no detectable difference";
}

const truthActive = (t: number) => t > 0;

/** Sensitivity or specificity of calibrated predictions (> 0 = predicted active) on the drawn contexts; NaN when no context qualifies. */
function agreement(calibrated: readonly (number | null)[], truth: readonly number[], idx: Int32Array, active: boolean): number {
  let n = 0;
  let hit = 0;
  for (const i of idx) {
    const c = calibrated[i];
    if (c === null || truthActive(truth[i]) !== active) continue;
    n++;
    if ((c > 0) === active) hit++;
  }
  return n === 0 ? Number.NaN : hit / n;
}

function correlationAt(raw: readonly (number | null)[], truth: readonly number[], idx: Int32Array): number {
  const x: number[] = [];
  const y: number[] = [];
  for (const i of idx) {
    const r = raw[i];
    if (r === null) continue;
    x.push(r);
    y.push(truth[i]);
  }
  return x.length > 1 ? pearsonCorrelation(x, y) : Number.NaN;
}

/** The child version's changes against its parent, from their stored simulations (same simulator). */
export function compareVersions(
  parent: { readonly id: number; readonly simulation: ExplanationSimulationResult },
  child: { readonly id: number; readonly simulation: ExplanationSimulationResult },
  options: BootstrapOptions = {},
): VersionComparison {
  const changes: MetricChange[] = [];
  const notes: string[] = [];
  const level = options.level ?? 0.95;
  const measure = (metric: ComparisonMetric, n: number, statistic: (idx: Int32Array) => number) => {
    const ci = indexBootstrapCi(n, statistic, createSeededRng(derivedSeed(parent.id, `ab/${child.id}/${metric}`)), options);
    if (Number.isNaN(ci.estimate) || Number.isNaN(ci.lower)) notes.push(`Δ${metric}: undefined on these contexts`);
    else changes.push({ metric, estimate: ci.estimate, lower: ci.lower, upper: ci.upper, verdict: comparisonVerdict(metric, ci), pairCount: n });
  };

  const a = parent.simulation.paired;
  const b = child.simulation.paired;
  if (!a || !b) notes.push(`version ${a ? child.id : parent.id}'s simulation was stored before per-context values were kept; re-simulate it for a paired comparison`);
  else if (a.contextKey !== b.contextKey || a.truth.length !== b.truth.length) notes.push("the two versions were simulated on different contexts");
  else {
    const { truth } = a;
    measure("correlation", truth.length, (idx) => correlationAt(b.raw, truth, idx) - correlationAt(a.raw, truth, idx));
    measure("sensitivity", truth.length, (idx) => agreement(b.calibrated, truth, idx, true) - agreement(a.calibrated, truth, idx, true));
    measure("specificity", truth.length, (idx) => agreement(b.calibrated, truth, idx, false) - agreement(a.calibrated, truth, idx, false));
  }

  const x = parent.simulation.rewriteImpact;
  const y = child.simulation.rewriteImpact;
  if (!x?.ceChangeNats || !y?.ceChangeNats) notes.push("Δrewrite impact: a version's impact was not measured per prompt");
  else if (x.promptSetKey !== y.promptSetKey || x.ceChangeNats.length !== y.ceChangeNats.length) notes.push("Δrewrite impact: the versions were measured on different development prompts");
  else {
    const [before, after] = [x.ceChangeNats, y.ceChangeNats];
    measure("rewrite-impact", after.length, (idx) => idx.reduce((s, i) => s + after[i] - before[i], 0) / idx.length);
  }
  return { parentId: parent.id, level, changes, notes };
}
