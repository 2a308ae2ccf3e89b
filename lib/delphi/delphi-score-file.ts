// delphi's detection / fuzzing score files: `scores/<scorer>/<hookpoint>_latent<i>.txt`, a JSON list of its
// ClassifierOutput records, scored by delphi's own metric definitions.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { rocAuc } from "@/lib/core/classification-scores";
import { FormatError } from "@/lib/formats/format-error";
import { describeZodIssues } from "@/lib/formats/zod-issues";

// Extra keys are kept: the records are stored as read and exported back unchanged.
const recordSchema = z.looseObject({
  str_tokens: z.array(z.string()),
  activations: z.array(z.number()),
  distance: z.number(),
  activating: z.boolean(),
  prediction: z.boolean().nullable(),
  probability: z.number().min(0).max(1).nullable().optional(),
  correct: z.boolean().nullable().optional(),
});

export type DelphiScoreRecord = z.infer<typeof recordSchema>;

export function parseDelphiScoreRecords(json: unknown, path: string): DelphiScoreRecord[] {
  // An empty list is what delphi writes for a latent with no examples to score; its metrics are all 0.
  const parsed = z.array(recordSchema).safeParse(json);
  if (!parsed.success) throw new FormatError(path, `is not a list of delphi score records {str_tokens, activations, distance, activating, prediction, probability, correct}: ${describeZodIssues(parsed.error)}`);
  return parsed.data;
}

export function readDelphiScoreFile(path: string): DelphiScoreRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new FormatError(path, `is not JSON (${(error as Error).message})`);
  }
  return parseDelphiScoreRecords(json, path);
}

export interface DelphiScoreMetrics {
  balancedAccuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Undefined (null) without probabilities or unless both classes have one. */
  auc: number | null;
  exampleCount: number;
  failedCount: number;
}

/** tp / pos when pos > 0, else 0: delphi's rule for every ratio whose denominator is empty. */
const ratioOrZero = (num: number, den: number) => (den > 0 ? num / den : 0);

/** The metrics of one score file, degenerate ones included (no answers, one class only). */
// delphi log/result_analysis.py compute_confusion/compute_classification_metrics: unanswered left out, x/0 → 0; AUC = sklearn roc_auc_score (None without probabilities, undefined for one class).
export function delphiScoreMetrics(records: readonly DelphiScoreRecord[]): DelphiScoreMetrics {
  const answered = records.filter((r) => r.prediction !== null);
  const positives = answered.filter((r) => r.activating).length;
  const negatives = answered.length - positives;
  const truePositives = answered.filter((r) => r.activating && r.prediction).length;
  const trueNegatives = answered.filter((r) => !r.activating && !r.prediction).length;
  const predictedPositive = answered.filter((r) => r.prediction).length;
  const precision = ratioOrZero(truePositives, predictedPositive);
  const recall = ratioOrZero(truePositives, positives);
  const withProbability = records.filter((r) => r.probability !== null && r.probability !== undefined);
  const auc = withProbability.length ? rocAuc(withProbability.map((r) => r.probability as number), withProbability.map((r) => r.activating)) : Number.NaN;
  return {
    balancedAccuracy: (recall + ratioOrZero(trueNegatives, negatives)) / 2,
    precision,
    recall,
    f1: ratioOrZero(2 * precision * recall, precision + recall),
    auc: Number.isNaN(auc) ? null : auc,
    exampleCount: records.length,
    failedCount: records.length - answered.length,
  };
}
