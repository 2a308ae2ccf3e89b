// §3.1 and Fig. 4 / A4: per explanation, sensitivity and specificity of "predicted active" against "truly active
// (in the transcoder's TopK)", then binned by detection and by fuzzing score. The paper's measure compares
// predictions before the rewrite's TopK, raw and calibrated (PreTopKConfusion); the post-TopK variant
// counts from the sparse TopK rows directly, so no [prompts × latents] matrix is built.
import { classificationScores } from "@/lib/core/classification-scores";
import { binByScore, type ScoreBin } from "@/lib/core/score-bins";
import type { TopK } from "@/lib/core/topk";

export interface ScoreBinnedQuality {
  readonly sensitivity: ScoreBin[];
  readonly specificity: ScoreBin[];
  /** Latents without this score (NaN), left out of the bins. */
  readonly unscoredLatentCount: number;
}

export interface ExplanationQuality {
  /** Per latent; NaN when the latent is never truly active (sensitivity) or always active (specificity). */
  readonly sensitivity: Float64Array;
  readonly specificity: Float64Array;
  readonly trulyActiveCount: Uint32Array;
  readonly predictedActiveCount: Uint32Array;
  /** Means over latents where defined (§3.1 quotes ~80% specificity). */
  readonly meanSensitivity: number;
  readonly meanSpecificity: number;
  readonly byDetectionScore: ScoreBinnedQuality;
  readonly byFuzzingScore: ScoreBinnedQuality;
}

function meanDefined(values: Float64Array): number {
  const defined = values.filter((v) => !Number.isNaN(v));
  return defined.length === 0 ? Number.NaN : defined.reduce((s, v) => s + v, 0) / defined.length;
}

function binnedByScore(scores: Float64Array, sensitivity: Float64Array, specificity: Float64Array, edges: readonly number[]): ScoreBinnedQuality {
  const scored = Array.from(scores.keys()).filter((i) => !Number.isNaN(scores[i]));
  const pick = (values: Float64Array) => Float64Array.from(scored, (i) => values[i]);
  const scoresOfScored = pick(scores);
  return {
    sensitivity: binByScore(scoresOfScored, pick(sensitivity), edges),
    specificity: binByScore(scoresOfScored, pick(specificity), edges),
    unscoredLatentCount: scores.length - scored.length,
  };
}

/** `predicted` and `truth` are TopK rows [P·k] of the same prompts; active means a value > 0. */
export function explanationQuality(
  predicted: TopK,
  truth: TopK,
  numLatents: number,
  k: number,
  scores: { readonly detection: Float64Array; readonly fuzzing: Float64Array },
  scoreBinEdges: readonly number[],
): ExplanationQuality {
  const promptCount = truth.indices.length / k;
  const truePositives = new Uint32Array(numLatents);
  const trulyActiveCount = new Uint32Array(numLatents);
  const predictedActiveCount = new Uint32Array(numLatents);
  const activeAtPrompt = new Int32Array(numLatents).fill(-1); // the last prompt where the latent was truly active
  for (let p = 0; p < promptCount; p++) {
    for (let j = p * k; j < (p + 1) * k; j++) {
      if (truth.values[j] > 0) {
        trulyActiveCount[truth.indices[j]]++;
        activeAtPrompt[truth.indices[j]] = p;
      }
    }
    for (let j = p * k; j < (p + 1) * k; j++) {
      if (!(predicted.values[j] > 0)) continue;
      const latent = predicted.indices[j];
      predictedActiveCount[latent]++;
      if (activeAtPrompt[latent] === p) truePositives[latent]++;
    }
  }
  const sensitivity = new Float64Array(numLatents);
  const specificity = new Float64Array(numLatents);
  for (let latent = 0; latent < numLatents; latent++) {
    const tp = truePositives[latent];
    const fp = predictedActiveCount[latent] - tp;
    const fn = trulyActiveCount[latent] - tp;
    const scoresOfLatent = classificationScores({ truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: promptCount - tp - fp - fn });
    sensitivity[latent] = scoresOfLatent.recall;
    specificity[latent] = scoresOfLatent.specificity;
  }
  return qualityOf({ sensitivity, specificity, trulyActiveCount, predictedActiveCount }, scores, scoreBinEdges);
}

/**
 * §3.1 / Fig. 4 as the paper measures it: per latent, predictions (raw 0–9 scores or calibrated activations, NaN =
 * missing, left out) active above `predictedActiveAbove` against the transcoder's post-TopK truth (active > 0),
 * counted a block of [rows × latents] at a time. No TopK is applied to the predictions.
 */
export class PreTopKConfusion {
  private readonly counts: { tp: Uint32Array; fp: Uint32Array; fn: Uint32Array; tn: Uint32Array };

  constructor(
    private readonly numLatents: number,
    private readonly predictedActiveAbove: number,
  ) {
    const perLatent = () => new Uint32Array(numLatents);
    this.counts = { tp: perLatent(), fp: perLatent(), fn: perLatent(), tn: perLatent() };
  }

  add(predicted: ArrayLike<number>, truth: ArrayLike<number>): void {
    const L = this.numLatents;
    if (predicted.length !== truth.length || truth.length % L !== 0) {
      throw new Error(`predicted (${predicted.length}) and truth (${truth.length}) must both be [contexts × ${L} latents]`);
    }
    const { tp, fp, fn, tn } = this.counts;
    for (let i = 0; i < truth.length; i++) {
      if (Number.isNaN(predicted[i])) continue;
      const l = i % L;
      const active = predicted[i] > this.predictedActiveAbove;
      if (truth[i] > 0) (active ? tp : fn)[l]++;
      else (active ? fp : tn)[l]++;
    }
  }

  quality(scores: { readonly detection: Float64Array; readonly fuzzing: Float64Array }, scoreBinEdges: readonly number[]): ExplanationQuality {
    const { tp, fp, fn, tn } = this.counts;
    const perLatent = Array.from(tp, (_, l) => classificationScores({ truePositives: tp[l], falsePositives: fp[l], falseNegatives: fn[l], trueNegatives: tn[l] }));
    return qualityOf(
      {
        sensitivity: Float64Array.from(perLatent, (q) => q.recall),
        specificity: Float64Array.from(perLatent, (q) => q.specificity),
        trulyActiveCount: Uint32Array.from(tp, (n, l) => n + fn[l]),
        predictedActiveCount: Uint32Array.from(tp, (n, l) => n + fp[l]),
      },
      scores,
      scoreBinEdges,
    );
  }
}

function qualityOf(
  perLatent: Pick<ExplanationQuality, "sensitivity" | "specificity" | "trulyActiveCount" | "predictedActiveCount">,
  scores: { readonly detection: Float64Array; readonly fuzzing: Float64Array },
  scoreBinEdges: readonly number[],
): ExplanationQuality {
  const { sensitivity, specificity } = perLatent;
  return {
    ...perLatent,
    meanSensitivity: meanDefined(sensitivity),
    meanSpecificity: meanDefined(specificity),
    byDetectionScore: binnedByScore(scores.detection, sensitivity, specificity, scoreBinEdges),
    byFuzzingScore: binnedByScore(scores.fuzzing, sensitivity, specificity, scoreBinEdges),
  };
}
