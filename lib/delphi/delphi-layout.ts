// Names in a delphi results folder: `latents/<hookpoint>/<start>_<end>.safetensors` (end inclusive, as
// delphi's save_splits names them), `explanations/<hookpoint>_latent<i>.txt`, `scores/<scorer>/<hookpoint>_latent<i>.txt`.
import type { ScoringTask } from "@/db/explanation-scores";

export const DELPHI_DIRS = { latents: "latents", explanations: "explanations", scores: "scores" } as const;

/** delphi's per-hookpoint cache config (its CacheConfig plus model_name), read by its LatentDataset. */
export const DELPHI_CACHE_CONFIG = "config.json";

/** delphi's scorer folder names for Rewrite's two classification tasks (its fuzzing scorer is "fuzz"). */
export const DELPHI_SCORER_DIRS: Readonly<Record<ScoringTask, string>> = { detection: "detection", fuzzing: "fuzz" };

export interface LatentRange {
  start: number;
  /** Inclusive, as in delphi's file names. */
  end: number;
}

export function latentFileName({ start, end }: LatentRange): string {
  return `${start}_${end}.safetensors`;
}

export function parseLatentFileName(name: string): LatentRange | undefined {
  const match = /^(\d+)_(\d+)\.safetensors$/.exec(name);
  return match ? { start: Number(match[1]), end: Number(match[2]) } : undefined;
}

/** delphi names a latent `<hookpoint>_latent<i>` (Latent.__repr__). */
export function latentResultFileName(hookpoint: string, latent: number): string {
  return `${hookpoint}_latent${latent}.txt`;
}

export function parseLatentResultFileName(name: string): { hookpoint: string; latent: number } | undefined {
  const match = /^(.+)_latent(\d+)\.txt$/.exec(name);
  return match ? { hookpoint: match[1], latent: Number(match[2]) } : undefined;
}

/** delphi's split of [0, numLatents) into `splits` ranges of nearly equal width (empty ranges dropped). */
export function delphiLatentRanges(numLatents: number, splits: number): LatentRange[] {
  const ranges: LatentRange[] = [];
  for (let i = 0; i < splits; i++) {
    const start = Math.floor((i * numLatents) / splits);
    const end = Math.floor(((i + 1) * numLatents) / splits) - 1;
    if (end >= start) ranges.push({ start, end });
  }
  return ranges;
}
