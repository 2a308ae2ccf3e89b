// The coder selector of /latents and the coder rows of /packs: every coder of the pack, whether its activation
// cache is ready, and the live job building it, so a coder without a cache offers to build one.
import { listActivationCaches, type ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { listJobs } from "@/db/jobs";
import { CACHE_JOB_KIND, cacheJobParamsSchema } from "@/lib/cache/cache-job";
import { deadJobReason } from "@/lib/jobs/job-liveness";
import { livenessCheck } from "@/lib/jobs/job-runner";
import type { OpenedPackState } from "@/lib/packs/open-pack";

export interface CoderChoice {
  hookpoint: string;
  kind: "transcoder" | "sae";
  numLatents: number;
  /** Summarized: the latent pages can show it. */
  cached: boolean;
  cachedTokens: number | null;
  /** The live job building its cache, if any. */
  buildJobId: number | null;
  /** Whether this server can build its cache (the coder belongs to a readable pack). */
  buildable: boolean;
}

/** Live cache jobs by hookpoint, for the pack in `packDir`. */
function liveCacheJobs(db: RewriteDatabase, packDir: string): Map<string, number> {
  const check = livenessCheck();
  const jobs = listJobs(db, { kind: CACHE_JOB_KIND, statuses: ["queued", "running"] }).filter((job) => deadJobReason(job, check) === undefined);
  const byHookpoint = new Map<string, number>();
  for (const job of jobs) {
    const params = cacheJobParamsSchema.safeParse(JSON.parse(job.paramsJson));
    if (params.success && params.data.packDir === packDir && !byHookpoint.has(params.data.hookpoint)) byHookpoint.set(params.data.hookpoint, job.id);
  }
  return byHookpoint;
}

/** A coder known only by its finished cache (browse-only: no build offer). */
export function cachedCoderChoice(cache: ActivationCacheRow): CoderChoice {
  return { hookpoint: cache.hookpoint, kind: cache.coderKind, numLatents: cache.numLatents, cached: true, cachedTokens: cache.numTokens, buildJobId: null, buildable: false };
}

export function coderChoices(db: RewriteDatabase, pack: OpenedPackState): CoderChoice[] {
  if (pack.status !== "ok") {
    // Without a readable pack (while developing), the caches of the newest pack in the database.
    const all = listActivationCaches(db).filter((c) => c.summarizedAt !== null);
    return all.filter((c) => c.packIdentity === all[0]?.packIdentity).map(cachedCoderChoice);
  }
  const caches = listActivationCaches(db, pack.identity);
  const building = liveCacheJobs(db, pack.dir);
  return pack.pack.coders.map((coder) => {
    const cache = caches.find((c) => c.hookpoint === coder.hookpoint);
    return {
      hookpoint: coder.hookpoint,
      kind: coder.kind,
      numLatents: coder.numLatents,
      cached: cache?.summarizedAt != null,
      cachedTokens: cache?.numTokens ?? null,
      buildJobId: building.get(coder.hookpoint) ?? null,
      buildable: pack.manifest.corpus !== undefined,
    };
  });
}
