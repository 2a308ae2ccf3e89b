// /latents and GET /api/latents read the same URL search parameters, so every view of the list is a link: q, sort,
// dir, page, coder, minDetection, minFuzzing, minCorrelation, minSensitivity, maxImpact, minFreqPct, maxFreqPct,
// hideDead, edited. Bad values fall back to defaults rather than failing a bookmarked URL.
import { z } from "zod";
import { LATENT_SORT_KEYS, type LatentListQuery } from "@/db/latent-list";

export const LATENTS_PAGE_SIZE = 50;

/** Sort keys read from an evaluation run (its ledger and pre-TopK quality), not from the latents table. */
export const RUN_MEASURE_KEYS = ["correlation", "sensitivity", "impact"] as const;
export type RunMeasureKey = (typeof RUN_MEASURE_KEYS)[number];
export const LIST_SORT_KEYS = [...LATENT_SORT_KEYS, ...RUN_MEASURE_KEYS] as const;
export type ListSortKey = (typeof LIST_SORT_KEYS)[number];

export interface LatentListParams extends Omit<LatentListQuery, "sort"> {
  sort: ListSortKey;
  coder?: string;
  /** Simulation correlation (Pearson r of raw prediction vs activation) at least this. */
  minCorrelation?: number;
  /** Calibrated sensitivity before TopK at least this. */
  minSensitivity?: number;
  /** Rewrite impact (nats; > 0 costs loss) at most this. */
  maxImpact?: number;
}

const optionalFraction = z.coerce.number().min(0).max(1).optional().catch(undefined);
const optionalPercent = z.coerce.number().min(0).max(100).optional().catch(undefined);
const flag = z.enum(["1", "true", "on"]).optional().catch(undefined);

const paramsSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(LIST_SORT_KEYS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  minDetection: optionalFraction,
  minFuzzing: optionalFraction,
  minCorrelation: z.coerce.number().min(-1).max(1).optional().catch(undefined),
  minSensitivity: optionalFraction,
  maxImpact: z.coerce.number().min(-100).max(100).optional().catch(undefined),
  minFreqPct: optionalPercent,
  maxFreqPct: optionalPercent,
  hideDead: flag,
  edited: flag,
  coder: z.string().max(100).optional().catch(undefined),
});

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** Natural directions: biggest numbers first, except rewrite impact (smallest cost first); latent index and text ascending. */
export function defaultDirection(sort: ListSortKey): "asc" | "desc" {
  return sort === "latent" || sort === "explanation" || sort === "relevance" || sort === "impact" ? "asc" : "desc";
}

export function isRunMeasureKey(key: string): key is RunMeasureKey {
  return (RUN_MEASURE_KEYS as readonly string[]).includes(key);
}

function firstValues(record: SearchParamsRecord): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v === "" ? undefined : v]));
}

// Frequencies travel as percentages (what the table shows); the query works in fractions.
const fractionOf = (percent: number | undefined) => (percent === undefined ? undefined : percent / 100);
const percentOf = (fraction: number) => Number((fraction * 100).toPrecision(6));

export function parseLatentListParams(record: SearchParamsRecord): LatentListParams {
  const p = paramsSchema.parse(firstValues(record));
  const search = p.q || undefined;
  const sort = p.sort ?? (search ? "relevance" : "latent");
  return {
    search,
    sort,
    direction: p.dir ?? defaultDirection(sort),
    page: p.page,
    pageSize: LATENTS_PAGE_SIZE,
    minDetection: p.minDetection,
    minFuzzing: p.minFuzzing,
    minCorrelation: p.minCorrelation,
    minSensitivity: p.minSensitivity,
    maxImpact: p.maxImpact,
    minFrequency: fractionOf(p.minFreqPct),
    maxFrequency: fractionOf(p.maxFreqPct),
    hideDead: p.hideDead !== undefined,
    editedOnly: p.edited !== undefined,
    coder: p.coder,
  };
}

/** The URL search parameters of a list state: every filter, the sort and the page (defaults left out). */
export function latentListSearchParams(state: LatentListParams): URLSearchParams {
  const params = new URLSearchParams();
  const set = (name: string, value: number | string | undefined) => {
    if (value !== undefined) params.set(name, String(value));
  };
  set("q", state.search);
  set("coder", state.coder);
  params.set("sort", state.sort);
  params.set("dir", state.direction);
  set("minDetection", state.minDetection);
  set("minFuzzing", state.minFuzzing);
  set("minCorrelation", state.minCorrelation);
  set("minSensitivity", state.minSensitivity);
  set("maxImpact", state.maxImpact);
  set("minFreqPct", state.minFrequency === undefined ? undefined : percentOf(state.minFrequency));
  set("maxFreqPct", state.maxFrequency === undefined ? undefined : percentOf(state.maxFrequency));
  if (state.hideDead) params.set("hideDead", "1");
  if (state.editedOnly) params.set("edited", "1");
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}

/** The URL of the listing with some parameters changed (others kept; undefined removes one). */
export function latentListHref(current: LatentListParams, change: Partial<LatentListParams>): string {
  return `/latents?${latentListSearchParams({ ...current, ...change }).toString()}`;
}

/** "/latents/12" for a typed id inside [0, numLatents), else the message the jump box shows. */
export function latentJumpTarget(typed: string, numLatents: number, coder?: string): { href: string } | { error: string } {
  const text = typed.trim();
  const last = numLatents - 1;
  if (!/^\d{1,12}$/.test(text)) return { error: `"${typed}" is not a latent id: type a whole number from 0 to ${last}` };
  const id = Number(text);
  if (id > last) return { error: `latent ${id} is out of range: this coder has ${numLatents.toLocaleString("en-US")} latents, 0 to ${last}` };
  return { href: `/latents/${id}${coder ? `?coder=${encodeURIComponent(coder)}` : ""}` };
}
