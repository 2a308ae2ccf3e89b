// Everything /latents shows, from one call: the chosen coder's cache, one page of latents sorted and filtered
// (in SQL, or by an evaluation run's per-latent measures when asked for them), the coder selector, the density
// histogram of firing frequencies and where the explanations came from.
import type { ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { latentFrequencies, listLatents, type LatentListRow } from "@/db/latent-list";
import { newestRunLatentMeasures, type RunLatentMeasures } from "@/db/run-latent-measures";
import { selectLatentCache } from "@/lib/cache/latent-cache-selection";
import { latentsPromotingWord } from "@/lib/cache/latent-output-side";
import { tokenDisplay } from "@/lib/cache/token-display";
import { isRunMeasureKey, type LatentListParams, type RunMeasureKey } from "@/lib/cache/latent-list-params";
import { logFrequencyHistogram, type LogFrequencyHistogram } from "@/lib/core/log-frequency-histogram";
import { filterByMeasures, sortByMeasure, type MeasureBound } from "@/lib/core/measure-order";
import { provenanceCounts } from "@/lib/explain";
import type { OpenedPackState } from "@/lib/packs/open-pack";
import { coderChoices, type CoderChoice } from "./coder-choices";

export interface LatentListViewRow extends LatentListRow {
  /** From the evaluation run named in `measures`; null where the run has none for this latent. */
  correlation: number | null;
  sensitivity: number | null;
  impact: number | null;
}

export interface LatentMeasureSource {
  runId: number;
  createdAt: string;
  /** Which run measures the run holds (sensitivity is missing in runs stored before pre-TopK quality). */
  available: RunMeasureKey[];
}

export type LatentListPageData =
  /** `coder`: the coder asked for (or the first without a cache); undefined when the pack has no such coder. */
  | { status: "no-cache"; state: LatentListParams; coders: CoderChoice[]; coder?: CoderChoice }
  | {
      status: "ok";
      state: LatentListParams;
      cache: ActivationCacheRow;
      coders: CoderChoice[];
      rows: LatentListViewRow[];
      total: number;
      measures: LatentMeasureSource | null;
      /** Why part of the request was not applied (a measure this cache has no run for). */
      notices: string[];
      histogram: LogFrequencyHistogram;
      provenance: ReturnType<typeof provenanceCounts>;
      /** A word of a real explanation, so the search box's example finds something. */
      searchExample: string | null;
    };

const MEASURE_LABELS: Record<RunMeasureKey, string> = {
  correlation: "simulation correlation",
  sensitivity: "calibrated sensitivity",
  impact: "rewrite impact",
};

function valueAt(array: Float64Array | undefined, explained: Uint32Array, latent: number): number | null {
  const x = array?.[latent];
  return explained[latent] === 1 && x !== undefined && !Number.isNaN(x) ? x : null;
}

function withMeasures(rows: LatentListRow[], run: RunLatentMeasures | undefined): LatentListViewRow[] {
  return rows.map((row) => ({
    ...row,
    correlation: run ? valueAt(run.correlation, run.explained, row.latent) : null,
    sensitivity: run ? valueAt(run.sensitivity, run.explained, row.latent) : null,
    impact: run ? valueAt(run.impact, run.explained, row.latent) : null,
  }));
}

/** The request without the measures the run lacks, and a sentence for each one dropped. */
function applicable(state: LatentListParams, available: readonly RunMeasureKey[]): { state: LatentListParams; notices: string[] } {
  const wanted: [RunMeasureKey, boolean][] = [
    ["correlation", state.sort === "correlation" || state.minCorrelation !== undefined],
    ["sensitivity", state.sort === "sensitivity" || state.minSensitivity !== undefined],
    ["impact", state.sort === "impact" || state.maxImpact !== undefined],
  ];
  const missing = wanted.filter(([key, asked]) => asked && !available.includes(key)).map(([key]) => key);
  if (missing.length === 0) return { state, notices: [] };
  const next = { ...state };
  if (isRunMeasureKey(next.sort) && missing.includes(next.sort)) Object.assign(next, { sort: "latent", direction: "asc" });
  if (missing.includes("correlation")) next.minCorrelation = undefined;
  if (missing.includes("sensitivity")) next.minSensitivity = undefined;
  if (missing.includes("impact")) next.maxImpact = undefined;
  const names = missing.map((key) => MEASURE_LABELS[key]).join(", ");
  return {
    state: next,
    notices: [`No evaluation run of this cache has stored ${names} per latent, so the list is not sorted or filtered by it; \`npm run rewrite -- evaluate\` measures it.`],
  };
}

function searchExampleOf(db: RewriteDatabase, cacheId: number): string | null {
  const [best] = listLatents(db, cacheId, { sort: "detection", direction: "desc", page: 1, pageSize: 1 }).rows;
  return best?.explanation?.match(/[\p{L}]{3,}/u)?.[0].toLowerCase() ?? null;
}

export function loadLatentListPage(db: RewriteDatabase, pack: OpenedPackState, requested: LatentListParams): LatentListPageData {
  const coders = coderChoices(db, pack);
  const selection = selectLatentCache(db, pack, requested.coder);
  if (!selection) {
    const coder = requested.coder ? coders.find((c) => c.hookpoint === requested.coder) : (coders.find((c) => !c.cached) ?? coders[0]);
    return { status: "no-cache", state: requested, coders, coder };
  }
  const cacheId = selection.cache.id;
  const run = newestRunLatentMeasures(db, cacheId);
  const available: RunMeasureKey[] = run ? (run.sensitivity ? ["correlation", "sensitivity", "impact"] : ["correlation", "impact"]) : [];
  const { state: applied, notices } = applicable(requested, available);
  // "Search explanations and top tokens": latents whose top promoted tokens include the typed word join the matches.
  const text = applied.search && selection.modelDir ? tokenDisplay(selection.modelDir) : undefined;
  const state: LatentListParams = text && applied.search ? { ...applied, alsoLatents: latentsPromotingWord(selection.cache, applied.search, text) } : applied;
  let page: { rows: LatentListViewRow[]; total: number };
  const byMeasure = isRunMeasureKey(state.sort) || state.minCorrelation !== undefined || state.minSensitivity !== undefined || state.maxImpact !== undefined;
  if (byMeasure && run) {
    // Measures live in the run's arrays, not in SQL: filter the SQL matches, then order and page them here.
    const bounds: MeasureBound<LatentListViewRow>[] = [
      { value: (r) => r.correlation, min: state.minCorrelation },
      { value: (r) => r.sensitivity, min: state.minSensitivity },
      { value: (r) => r.impact, max: state.maxImpact },
    ];
    const sort = state.sort;
    const everyMatch = listLatents(db, cacheId, { ...state, sort: isRunMeasureKey(sort) ? "latent" : sort, page: 1, pageSize: selection.cache.numLatents }).rows;
    const kept = filterByMeasures(withMeasures(everyMatch, run), bounds);
    const ordered = isRunMeasureKey(sort) ? sortByMeasure(kept, (r) => r[sort], state.direction) : kept;
    page = { rows: ordered.slice((state.page - 1) * state.pageSize, state.page * state.pageSize), total: ordered.length };
  } else {
    const { rows, total } = listLatents(db, cacheId, { ...state, sort: isRunMeasureKey(state.sort) ? "latent" : state.sort });
    page = { rows: withMeasures(rows, run), total };
  }
  return {
    status: "ok",
    state: applied,
    cache: selection.cache,
    coders,
    ...page,
    measures: run ? { runId: run.runId, createdAt: run.createdAt, available } : null,
    notices,
    histogram: logFrequencyHistogram(latentFrequencies(db, cacheId)),
    provenance: provenanceCounts(db, cacheId),
    searchExample: searchExampleOf(db, cacheId),
  };
}
