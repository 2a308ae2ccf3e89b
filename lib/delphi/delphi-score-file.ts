// delphi's detection / fuzzing score files: `scores/<scorer>/<hookpoint>_latent<i>.txt`, a JSON list of its
// ClassifierOutput records. Its result analysis leaves unanswered examples (prediction null) out of the
// confusion counts and computes AUC over the examples that have a probability; so does the import.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { classificationScores, confusionCounts, rocAuc } from "@/lib/core/classification-scores";
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
  const parsed = z.array(recordSchema).min(1).safeParse(json);
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
  precision: number | null;
  recall: number | null;
  f1: number | null;
  auc: number | null;
  exampleCount: number;
  failedCount: number;
}

const orNull = (x: number) => (Number.isNaN(x) ? null : x);

/** The metrics of one score file, or why there are none (no answers, or answers for one class only). */
export function delphiScoreMetrics(records: readonly DelphiScoreRecord[]): DelphiScoreMetrics | { problem: string } {
  const answered = records.filter((r) => r.prediction !== null);
  const scores = classificationScores(confusionCounts(answered.map((r) => r.prediction as boolean), answered.map((r) => r.activating)));
  if (Number.isNaN(scores.balancedAccuracy)) {
    return { problem: `${answered.length} of ${records.length} examples have a prediction and they are not of both classes, so balanced accuracy is undefined` };
  }
  const withProbability = records.filter((r) => r.probability !== null && r.probability !== undefined);
  return {
    balancedAccuracy: scores.balancedAccuracy,
    precision: orNull(scores.precision),
    recall: orNull(scores.recall),
    f1: orNull(scores.f1),
    auc: withProbability.length ? orNull(rocAuc(withProbability.map((r) => r.probability as number), withProbability.map((r) => r.activating))) : null,
    exampleCount: records.length,
    failedCount: records.length - answered.length,
  };
}
