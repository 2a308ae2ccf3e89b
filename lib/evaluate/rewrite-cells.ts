// Fig. 3's grid: which latents each (selection, draw, fraction, treatment) cell rewrites, and how a cell's draws
// pool into one summary. Planned once, so every prompt block rewrites exactly the same latents per cell.
import type { CeIncreaseSummary } from "@/lib/core/ce-increase";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { derivedSeed } from "@/lib/core/derived-seed";
import { summarizeCeIncreaseOverDraws } from "./draw-pooled-summary";
import type { RewriteEvaluationConfig } from "./evaluation-config";
import { chosenLatentCount, randomOrder, topScoringOrder, type SelectionMethod } from "./latent-selection";
import type { RewriteRun, RewriteSummary, RewriteTreatment } from "./rewrite-evaluation";

export interface RewriteCell {
  readonly selection: SelectionMethod;
  readonly treatment: RewriteTreatment;
  readonly fraction: number;
  readonly draw: number;
  /** The rewritten latents: the first chosenLatentCount(fraction) of the selection's order. */
  readonly chosen: Int32Array;
  /** "selection/treatment/fraction/draw": names the cell's bootstrap seed and its progress line. */
  readonly label: string;
}

const drawsOf = (config: RewriteEvaluationConfig, selection: SelectionMethod) => (selection === "random" ? config.randomDraws : 1);

/** Cells in run order: selection, draw, fraction, treatment. */
export function rewriteCells(
  config: RewriteEvaluationConfig,
  treatments: readonly RewriteTreatment[],
  numLatents: number,
  scoresOf: Record<Exclude<SelectionMethod, "random">, Float64Array>,
): RewriteCell[] {
  const cells: RewriteCell[] = [];
  for (const selection of config.selections) {
    for (let draw = 0; draw < drawsOf(config, selection); draw++) {
      const order =
        selection === "random" ? randomOrder(numLatents, derivedSeed(config.seed, `random-selection/${draw}`)) : topScoringOrder(scoresOf[selection]);
      for (const fraction of config.fractions) {
        const chosen = order.subarray(0, chosenLatentCount(fraction, numLatents));
        for (const treatment of treatments) cells.push({ selection, treatment, fraction, draw, chosen, label: `${selection}/${treatment}/${fraction}/${draw}` });
      }
    }
  }
  return cells;
}

/** Per (selection, treatment, fraction): one draw's own summary, or its draws pooled (draw-pooled-summary.ts). */
export function rewriteSummaries(
  config: RewriteEvaluationConfig,
  treatments: readonly RewriteTreatment[],
  runs: readonly RewriteRun[],
  cleanCeNats: Float64Array,
): RewriteSummary[] {
  const bootstrap = { resamples: config.bootstrapResamples, level: config.ciLevel };
  const summaries: RewriteSummary[] = [];
  for (const selection of config.selections) {
    for (const treatment of treatments) {
      for (const fraction of config.fractions) {
        const cell = runs.filter((r) => r.selection === selection && r.treatment === treatment && r.fraction === fraction);
        const summary: CeIncreaseSummary =
          cell.length === 1
            ? cell[0].summary
            : summarizeCeIncreaseOverDraws(
                cell.map((r) => r.ceNats),
                cleanCeNats,
                createSeededRng(derivedSeed(config.seed, `bootstrap/${selection}/${treatment}/${fraction}/pooled`)),
                bootstrap,
              );
        summaries.push({
          selection,
          treatment,
          fraction,
          drawCount: cell.length,
          summary,
          drawMeanIncreaseNats: cell.map((r) => r.summary.meanIncreaseNats.estimate),
          drawMedianAbsoluteDifferenceNats: cell.map((r) => r.summary.medianAbsoluteDifferenceNats.estimate),
        });
      }
    }
  }
  return summaries;
}
