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

export function listLatents(db: RewriteDatabase, cacheId: number, query: LatentListQuery): LatentListPage {
  const fts = query.search ? ftsQueryOf(query.search) : undefined;
  const params: Record<string, number | string> = { cacheId };
  const where = ["l.cache_id = @cacheId"];
  // The MATCH must run once, as the outer loop: relevance needs bm25() from a join, made a CROSS JOIN so the
  // planner cannot put latents outside (with a score filter it would, running the MATCH per row: seconds at
  // 32K latents); any other order filters by an IN subquery, also evaluated once.
  const byRelevance = fts !== undefined && query.sort === "relevance";
  if (fts) {
    where.push(byRelevance ? "latents_fts MATCH @fts" : "l.id IN (SELECT rowid FROM latents_fts WHERE latents_fts MATCH @fts)");
    params.fts = fts;
  }
  if (query.minDetection !== undefined) {
    where.push("l.detection_score >= @minDetection");
    params.minDetection = query.minDetection;
  }
  if (query.minFuzzing !== undefined) {
    where.push("l.fuzzing_score >= @minFuzzing");
    params.minFuzzing = query.minFuzzing;
  }
  const from = byRelevance ? "latents_fts CROSS JOIN latents l ON l.id = latents_fts.rowid" : "latents l";
  const direction = query.direction === "asc" ? "ASC" : "DESC";
  const order = query.sort === "relevance" ? (byRelevance ? "bm25(latents_fts) ASC, l.latent ASC" : "l.latent ASC") : orderBy(query.sort, direction);
  const whereSql = where.join(" AND ");
  const total = (db.$client.prepare(`SELECT COUNT(*) AS n FROM ${from} WHERE ${whereSql}`).get(params) as { n: number }).n;
  const rows = db.$client
    .prepare(
      `SELECT l.latent AS latent, l.explanation AS explanation, l.detection_score AS detectionScore,
              l.fuzzing_score AS fuzzingScore, l.frequency AS frequency, l.max_activation AS maxActivation
       FROM ${from} WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }) as LatentListRow[];
  return { rows, total };
}
