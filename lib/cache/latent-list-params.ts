// /latents and GET /api/latents read the same URL search parameters: q, sort, dir, page, minDetection,
// minFuzzing, coder. Bad values fall back to defaults rather than failing a bookmarked URL.
import { z } from "zod";
import { LATENT_SORT_KEYS, type LatentListQuery } from "@/db/latent-list";

export const LATENTS_PAGE_SIZE = 50;

const optionalScore = z.coerce.number().min(0).max(1).optional().catch(undefined);

const paramsSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(LATENT_SORT_KEYS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  minDetection: optionalScore,
  minFuzzing: optionalScore,
  coder: z.string().max(100).optional().catch(undefined),
});

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** Natural directions: biggest numbers first; latent index and text ascending. */
export function defaultDirection(sort: LatentListQuery["sort"]): "asc" | "desc" {
  return sort === "latent" || sort === "explanation" || sort === "relevance" ? "asc" : "desc";
}

export function parseLatentListParams(record: SearchParamsRecord): LatentListQuery & { coder?: string } {
  const first = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v === "" ? undefined : v]));
  const p = paramsSchema.parse(first);
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
    coder: p.coder,
  };
}

/** The URL of the listing with some parameters changed (others kept; undefined removes one). */
export function latentListHref(current: LatentListQuery & { coder?: string }, change: Partial<LatentListQuery & { coder?: string }>): string {
  const next = { ...current, ...change };
  const params = new URLSearchParams();
  if (next.search) params.set("q", next.search);
  if (next.coder) params.set("coder", next.coder);
  params.set("sort", next.sort);
  params.set("dir", next.direction);
  if (next.minDetection !== undefined) params.set("minDetection", String(next.minDetection));
  if (next.minFuzzing !== undefined) params.set("minFuzzing", String(next.minFuzzing));
  if (next.page > 1) params.set("page", String(next.page));
  return `/latents?${params.toString()}`;
}
