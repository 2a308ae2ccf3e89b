// Two runs of the same coder on the same test prompts, differing in what was explained (say, the plain and the
// contrastive explainer): the Figure-3 CE paired per prompt, and sensitivity, specificity and detection score paired
// per latent, each b − a with a bootstrap CI and a verdict.
import type { BootstrapOptions, ConfidenceInterval } from "@/lib/core/bootstrap-ci";
import { bootstrapCi, mean } from "@/lib/core/bootstrap-ci";
import { pairedMeanDifference, pairedVerdictKind, type PairedVerdictKind } from "@/lib/core/paired-difference";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { derivedSeed } from "@/lib/core/derived-seed";
import { evaluationRunExtras } from "./evaluation-stage";
import type { StoredEvaluationRun } from "./evaluation-run-store";

export interface RunComparisonRow {
  /** e.g. "Figure-3 CE increase at fraction 1" or "specificity (calibrated, before TopK)". */
  readonly measure: string;
  /** Means of each run over what was paired. */
  readonly a: number;
  readonly b: number;
  readonly difference: ConfidenceInterval;
  /** Of b − a: "beats" = the CI lies below 0. */
  readonly kind: PairedVerdictKind;
  /** Prompts or latents paired. */
  readonly pairCount: number;
  readonly pairedOver: "prompts" | "latents";
}

/** The inputs two runs must share for a paired comparison, with the offending key when they do not. */
const SHARED_REFS = ["cacheId", "coderKind", "hookpoint", "corpusSha256", "promptCount", "promptLength", "calibrationTarget"] as const;

function meanOf(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

export function compareRuns(a: StoredEvaluationRun, b: StoredEvaluationRun, fractions: readonly number[], bootstrap: BootstrapOptions): RunComparisonRow[] {
  for (const key of SHARED_REFS) {
    if (a.inputRefs[key] !== b.inputRefs[key]) throw new Error(`the runs differ in ${key} (${a.inputRefs[key]} vs ${b.inputRefs[key]}); compare runs of the same coder, prompts and calibration`);
  }
  if (a.result.config.seed !== b.result.config.seed) throw new Error(`the runs have seeds ${a.result.config.seed} and ${b.result.config.seed}, so different test prompts`);
  const seed = a.result.config.seed;
  const rows: RunComparisonRow[] = [];
  const clean = a.result.baselines.cleanCeNats;
  for (const fraction of fractions) {
    const ceOf = (run: StoredEvaluationRun) => run.result.runs.find((r) => r.selection === "top-detection" && r.treatment === "calibrated-quantile" && r.fraction === fraction)?.ceNats;
    const [x, y] = [ceOf(a), ceOf(b)];
    if (!x || !y) throw new Error(`fraction ${fraction} is not in both runs' top-detection calibrated cells`);
    const difference = pairedMeanDifference([y], x, createSeededRng(derivedSeed(seed, `compare/ce/${fraction}`)), bootstrap);
    rows.push({
      measure: `Figure-3 CE increase at fraction ${fraction} (top-detection, calibrated)`,
      a: meanOf(x) - meanOf(clean),
      b: meanOf(y) - meanOf(clean),
      difference,
      kind: pairedVerdictKind(difference),
      pairCount: x.length,
      pairedOver: "prompts",
    });
  }
  const perLatent: [string, (run: StoredEvaluationRun) => Float64Array | undefined][] = [
    ["sensitivity (calibrated, before TopK)", (run) => evaluationRunExtras(run.result)?.preTopKQuality?.calibrated.sensitivity],
    ["specificity (calibrated, before TopK)", (run) => evaluationRunExtras(run.result)?.preTopKQuality?.calibrated.specificity],
    ["detection score", (run) => evaluationRunExtras(run.result)?.ledger?.detectionScores],
  ];
  for (const [measure, of] of perLatent) {
    const [x, y] = [of(a), of(b)];
    if (!x || !y) throw new Error(`a run lacks per-latent ${measure}; compare runs stored with a ledger`);
    const both = Array.from(x.keys()).filter((l) => !Number.isNaN(x[l]) && !Number.isNaN(y[l]));
    if (both.length === 0) continue;
    const differences = Float64Array.from(both, (l) => y[l] - x[l]);
    const difference = bootstrapCi(differences, mean, createSeededRng(derivedSeed(seed, `compare/${measure}`)), bootstrap);
    rows.push({
      measure,
      a: meanOf(Float64Array.from(both, (l) => x[l])),
      b: meanOf(Float64Array.from(both, (l) => y[l])),
      difference,
      kind: pairedVerdictKind(difference),
      pairCount: both.length,
      pairedOver: "latents",
    });
  }
  return rows;
}

/** Which run a row favours: for CE (paired over prompts) lower is better, for the rest higher is. */
export function comparisonVerdict(row: RunComparisonRow, labels: { a: string; b: string }): string {
  if (row.kind === "indistinguishable") return "no detectable difference";
  const lowerIsBetter = row.pairedOver === "prompts";
  return (row.kind === "beats") === lowerIsBetter ? `${labels.b} better` : `${labels.a} better`;
}

/** The rows as a markdown table: for CE lower is better, for the rest higher is. */
export function runComparisonMarkdown(rows: readonly RunComparisonRow[], labels: { a: string; b: string }): string {
  const level = Math.round((rows[0]?.difference.level ?? 0.95) * 100);
  const verdict = (row: RunComparisonRow) => comparisonVerdict(row, labels);
  const f = (x: number) => x.toFixed(4);
  return [
    `| measure | ${labels.a} | ${labels.b} | ${labels.b} − ${labels.a} [${level}% paired CI] | paired over | verdict |`,
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.measure} | ${f(r.a)} | ${f(r.b)} | ${f(r.difference.estimate)} [${f(r.difference.lower)}, ${f(r.difference.upper)}] | ${r.pairCount} ${r.pairedOver} | ${verdict(r)} |`),
  ].join("\n");
}
