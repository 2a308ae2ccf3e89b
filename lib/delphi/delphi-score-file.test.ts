import { describe, expect, it } from "vitest";
import { delphiScoreMetrics, parseDelphiScoreRecords } from "./delphi-score-file";
import { delphiScoreText, type DelphiClassifierOutput } from "./testing/delphi-run-writer";

/** Records as delphi's scorer leaves them: prediction and probability null where the answer failed to parse. */
function records(activating: boolean[], prediction: (boolean | null)[], probability: (number | null)[] = prediction.map(() => null)): DelphiClassifierOutput[] {
  return activating.map((a, i) => ({
    str_tokens: ["a", "b"],
    activations: a ? [0, 2.5] : [0, 0],
    distance: a ? 3 : -1,
    activating: a,
    prediction: prediction[i],
    probability: probability[i],
    correct: prediction[i] === null ? null : prediction[i] === a,
  }));
}

/** Through orjson-shaped text, as the import reads a score file. */
const metrics = (r: DelphiClassifierOutput[]) => delphiScoreMetrics(parseDelphiScoreRecords(JSON.parse(delphiScoreText(r)), "score.txt"));

describe("delphi's metrics of a score file", () => {
  it("leaves unanswered examples out of the counts and takes AUC over the examples with a probability", () => {
    // Answered: 2 activating (one said 1), 2 not (one said 1): TPR 1/2, TNR 1/2, precision 1/2, F1 1/2.
    // AUC over 0.9, 0.4 (activating) vs 0.6, 0.2: 3 of 4 pairs ordered right.
    const m = metrics(records([true, true, true, false, false], [true, false, null, true, false], [0.9, 0.4, null, 0.6, 0.2]));
    expect(m).toEqual({ balancedAccuracy: 0.5, precision: 0.5, recall: 0.5, f1: 0.5, auc: 0.75, exampleCount: 5, failedCount: 1 });
  });

  it("scores a file without any answer 0 everywhere, as delphi's x/0 → 0 does", () => {
    expect(metrics(records([true, false, true], [null, null, null]))).toEqual({ balancedAccuracy: 0, precision: 0, recall: 0, f1: 0, auc: null, exampleCount: 3, failedCount: 3 });
    expect(metrics([])).toEqual({ balancedAccuracy: 0, precision: 0, recall: 0, f1: 0, auc: null, exampleCount: 0, failedCount: 0 });
  });

  it("gives an absent class a rate of 0 and leaves AUC undefined for one class", () => {
    // Only activating answers, 2 of 3 said 1: TPR 2/3, TNR 0 → 1/3; precision 2/2; F1 2·(2/3)/(5/3) = 0.8.
    const positives = metrics(records([true, true, true], [true, true, false], [0.8, 0.7, 0.1]));
    expect(positives.balancedAccuracy).toBeCloseTo(1 / 3, 15);
    expect(positives).toMatchObject({ precision: 1, f1: 0.8, auc: null });
    expect(positives.recall).toBeCloseTo(2 / 3, 15);
    // Only non-activating answers, all said 0: TPR 0, TNR 1 → 1/2; nothing predicted 1, so precision, recall, F1 0.
    expect(metrics(records([false, false], [false, false], [0.1, 0.3]))).toEqual({ balancedAccuracy: 0.5, precision: 0, recall: 0, f1: 0, auc: null, exampleCount: 2, failedCount: 0 });
  });
});
