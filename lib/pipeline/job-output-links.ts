// What a finished job made, as links for /jobs: a cache build → its latent list, a stage over latents → those
// latents, an explorer simulation → its latent's page, an evaluation → the runs it stored.
import { z } from "zod";

export interface JobOutputLink {
  href: string;
  label: string;
}

export interface JobOutputInput {
  kind: string;
  params: unknown;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobOutputContext {
  /** Stored runs (any order) with the hookpoint they evaluated. */
  runs: readonly { id: number; createdAt: string; hookpoint: string }[];
  /** Activation cache id → its coder's hookpoint. */
  cacheHookpoints: ReadonlyMap<number, string>;
}

const coderParams = z.object({ hookpoint: z.string(), latents: z.array(z.number().int().nonnegative()).optional() });
const explorerParams = z.object({ cacheId: z.number().int(), latent: z.number().int().nonnegative() });

const latentListHref = (hookpoint: string) => `/latents?coder=${encodeURIComponent(hookpoint)}`;
const latentHref = (latent: number, hookpoint?: string) => `/latents/${latent}${hookpoint ? `?coder=${encodeURIComponent(hookpoint)}` : ""}`;

/** Links to what the job made; none until it is done (a failed job made nothing to show). */
export function jobOutputLinks(job: JobOutputInput, context: JobOutputContext): JobOutputLink[] {
  if (job.status !== "done") return [];
  if (job.kind === "explore-simulation") {
    const p = explorerParams.safeParse(job.params);
    return p.success ? [{ href: latentHref(p.data.latent, context.cacheHookpoints.get(p.data.cacheId)), label: `latent ${p.data.latent}` }] : [];
  }
  const p = coderParams.safeParse(job.params);
  if (!p.success) return [];
  const { hookpoint, latents } = p.data;
  if (job.kind === "evaluate") {
    // A run is stored while its job runs; an evaluation that found its runs already stored made none.
    const made = context.runs
      .filter((run) => run.hookpoint === hookpoint && job.startedAt !== null && job.finishedAt !== null && run.createdAt >= job.startedAt && run.createdAt <= job.finishedAt)
      .sort((a, b) => a.id - b.id);
    return made.length > 0 ? made.map((run) => ({ href: `/runs/${run.id}`, label: `run ${run.id}` })) : [{ href: "/runs", label: "runs (reused, none new)" }];
  }
  if (job.kind === "cache") return [{ href: latentListHref(hookpoint), label: `latents of ${hookpoint}` }];
  if (["explain", "score", "simulate"].includes(job.kind)) {
    return latents?.length === 1 ? [{ href: latentHref(latents[0], hookpoint), label: `latent ${latents[0]}` }] : [{ href: latentListHref(hookpoint), label: `latents of ${hookpoint}` }];
  }
  return [];
}
