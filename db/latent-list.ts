// The /latents table: search (FTS5 over explanations), sort by any column, score filters and paging, in SQL so
// a page of 32K latents costs one indexed query.
import type { RewriteDatabase } from "./client";

export const LATENT_SORT_KEYS = ["latent", "explanation", "detection", "fuzzing", "frequency", "max", "relevance"] as const;
export type LatentSortKey = (typeof LATENT_SORT_KEYS)[number];

const SORT_COLUMNS: Record<Exclude<LatentSortKey, "relevance">, { column: string; nullable: boolean }> = {
  latent: { column: "l.latent", nullable: false },
  explanation: { column: "l.explanation", nullable: true },
  detection: { column: "l.detection_score", nullable: true },
  fuzzing: { column: "l.fuzzing_score", nullable: true },
  frequency: { column: "l.frequency", nullable: false },
  max: { column: "l.max_activation", nullable: false },
};

/**
 * Missing scores and explanations sort last whichever the direction; the latent index breaks ties. Columns that
 * are never NULL skip the `IS NULL` term so SQLite can walk their (cache_id, column) index instead of sorting.
 */
function orderBy(sort: Exclude<LatentSortKey, "relevance">, direction: "ASC" | "DESC"): string {
  const { column, nullable } = SORT_COLUMNS[sort];
  const tieBreak = sort === "latent" ? "" : ", l.latent ASC";
  return `${nullable ? `${column} IS NULL, ` : ""}${column} ${direction}${tieBreak}`;
}

export interface LatentListQuery {
  search?: string;
  sort: LatentSortKey;
  direction: "asc" | "desc";
  minDetection?: number;
  minFuzzing?: number;
  /** Firing frequency range (fractions of tokens), both ends included. */
  minFrequency?: number;
  maxFrequency?: number;
  /** Leave out latents that never fired on the cached tokens. */
  hideDead?: boolean;
  /** Only latents with an explanation version written by a user. */
  editedOnly?: boolean;
  /** Latents the search also matches by other means than their explanation (their top promoted tokens). */
  alsoLatents?: readonly number[];
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface LatentListRow {
  latent: number;
  explanation: string | null;
  detectionScore: number | null;
  fuzzingScore: number | null;
  frequency: number;
  maxActivation: number;
  /** Some version of its explanation was written by a user. */
  edited: boolean;
}

export interface LatentListPage {
  rows: LatentListRow[];
  total: number;
}

/**
 * Turns what a user typed into an FTS5 query: every word must occur, as a prefix (`"cap"*` finds "capital").
 * Quoting each word keeps FTS5 operators and punctuation from being parsed as syntax.
 */
export function ftsQueryOf(search: string): string | undefined {
  const words = search.match(/[\p{L}\p{N}]+/gu);
  return words ? words.map((word) => `"${word}"*`).join(" ") : undefined;
}

// Latents with an explanation version written on the latent page (explanations.source_kind "user"): few, so
// one scan per query beats a correlated lookup per row.
const EDITED = "SELECT latent FROM explanations WHERE cache_id = @cacheId AND source_kind = 'user'";

const SELECT_ROW = `SELECT l.latent AS latent, l.explanation AS explanation, l.detection_score AS detectionScore,
       l.fuzzing_score AS fuzzingScore, l.frequency AS frequency, l.max_activation AS maxActivation`;

type RawRow = Omit<LatentListRow, "edited">;

/** The FROM and WHERE of a query, its parameters, and whether it ranks by bm25. */
function filterSql(cacheId: number, query: Omit<LatentListQuery, "page" | "pageSize">) {
  const fts = query.search ? ftsQueryOf(query.search) : undefined;
  const params: Record<string, number | string> = { cacheId };
  const where = ["l.cache_id = @cacheId"];
  // The MATCH must run once, as the outer loop: relevance needs bm25() from a join, made a CROSS JOIN so the
  // planner cannot put latents outside (with a score filter it would, running the MATCH per row: seconds at
  // 32K latents); any other order filters by an IN subquery, also evaluated once.
  // Latents matched otherwise join the explanation matches; bm25 ranks only the latter, so relevance gives way to index order.
  const also = fts !== undefined && query.alsoLatents?.length ? query.alsoLatents : undefined;
  const byRelevance = fts !== undefined && query.sort === "relevance" && !also;
  if (fts) {
    const explained = byRelevance ? "latents_fts MATCH @fts" : "l.id IN (SELECT rowid FROM latents_fts WHERE latents_fts MATCH @fts)";
    where.push(also ? `(${explained} OR l.latent IN (SELECT value FROM json_each(@also)))` : explained);
    params.fts = fts;
    if (also) params.also = JSON.stringify(also);
  }
  const bounds: ["minDetection" | "minFuzzing" | "minFrequency" | "maxFrequency", string, ">=" | "<="][] = [
    ["minDetection", "l.detection_score", ">="],
    ["minFuzzing", "l.fuzzing_score", ">="],
    ["minFrequency", "l.frequency", ">="],
    ["maxFrequency", "l.frequency", "<="],
  ];
  for (const [key, column, op] of bounds) {
    const value = query[key];
    if (typeof value !== "number") continue;
    where.push(`${column} ${op} @${key}`);
    params[key] = value;
  }
  if (query.hideDead) where.push("l.non_zero_count > 0");
  if (query.editedOnly) where.push(`l.latent IN (${EDITED})`);
  const from = byRelevance ? "latents_fts CROSS JOIN latents l ON l.id = latents_fts.rowid" : "latents l";
  return { from, where: where.join(" AND "), params, byRelevance };
}

export function listLatents(db: RewriteDatabase, cacheId: number, query: LatentListQuery): LatentListPage {
  const { from, where, params, byRelevance } = filterSql(cacheId, query);
  const direction = query.direction === "asc" ? "ASC" : "DESC";
  const order = query.sort === "relevance" ? (byRelevance ? "bm25(latents_fts) ASC, l.latent ASC" : "l.latent ASC") : orderBy(query.sort, direction);
  const total = (db.$client.prepare(`SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`).get(params) as { n: number }).n;
  const rows = db.$client
    .prepare(`${SELECT_ROW} FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }) as RawRow[];
  const edited = new Set((db.$client.prepare(EDITED).raw().all({ cacheId }) as [number][]).map(([latent]) => latent));
  return { rows: rows.map((row) => ({ ...row, edited: edited.has(row.latent) })), total };
}

/** Every latent's firing frequency (fraction of cached tokens), for the density histogram. */
export function latentFrequencies(db: RewriteDatabase, cacheId: number): Float64Array {
  const rows = db.$client.prepare("SELECT frequency FROM latents WHERE cache_id = ? ORDER BY latent").raw().all(cacheId) as [number][];
  return Float64Array.from(rows, ([frequency]) => frequency);
}
