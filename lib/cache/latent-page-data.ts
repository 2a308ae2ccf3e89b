// Everything the latent page (and GET /api/latents/[id]) shows about one latent, as plain serializable data:
// the summary row plus example windows read back from the cache files with their tokens and activations.
import type { RewriteDatabase } from "@/db/client";
import { findLatentDetail } from "@/db/latents";
import { openActivationCache, type ActivationCache, type LatentActivations } from "./activation-cache";
import { windowStartToken, type WindowShape } from "./activation-windows";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import type { LatentCacheSelection } from "./latent-cache-selection";
import { latentOutputTokens, type LatentOutputSide } from "./latent-output-side";
import { tokenDisplay, type TokenText } from "./token-display";
import { activationsInSpan } from "./window-activations";

export interface ExampleToken {
  id: number;
  text: string;
  activation: number;
}

export interface ExampleWindow {
  window: number;
  /** Context index in the cache and the window's first position in it. */
  sequence: number;
  position: number;
  /** Global index of the window's first token (context · contextLength + position). */
  start: number;
  maxActivation: number;
  tokens: ExampleToken[];
}

export interface LatentPageData {
  latent: number;
  hookpoint: string;
  coderKind: "transcoder" | "sae";
  numLatents: number;
  numTokens: number;
  nonZeroCount: number;
  frequency: number;
  maxActivation: number;
  meanNonZero: number;
  histogram: { edges: number[]; counts: number[] };
  /** Percentiles 0…100 of the non-zero activations. */
  percentiles: number[];
  explanation: string | null;
  detectionScore: number | null;
  fuzzingScore: number | null;
  topExamples: ExampleWindow[];
  /** Weakest bin first. */
  quantileExamples: { bin: number; examples: ExampleWindow[] }[];
  neighbours: { latent: number; cosine: number; explanation: string | null }[];
  /** Top promoted / suppressed tokens by direct logit (absent in snapshots shared before it existed). */
  output?: LatentOutputSide;
}

function exampleWindow(cache: ActivationCache, acts: LatentActivations, window: number, shape: WindowShape, text: TokenText | undefined): ExampleWindow {
  const start = windowStartToken(window, shape);
  const ids = cache.readTokens(start, shape.windowLength);
  const activations = activationsInSpan(acts, start, shape.windowLength);
  return {
    window,
    sequence: Math.floor(start / shape.contextLength),
    position: start % shape.contextLength,
    start,
    maxActivation: Math.max(...activations),
    tokens: Array.from(ids, (id, i) => ({ id, text: text ? text(id) : `#${id}`, activation: activations[i] })),
  };
}

/** A latent id from a URL: a plain non-negative integer, else undefined (the caller answers 404). */
export function parseLatentId(id: string): number | undefined {
  return /^\d{1,9}$/.test(id) ? Number(id) : undefined;
}

/**
 * undefined when the latent index is not in this cache (the page answers 404). `runtime`, the loaded pack, computes
 * the output side of caches built before it was stored.
 */
export function loadLatentPageData(db: RewriteDatabase, selection: LatentCacheSelection, latent: number, runtime?: PackRuntime): LatentPageData | undefined {
  const { cache: row } = selection;
  if (!Number.isInteger(latent) || latent < 0 || latent >= row.numLatents) return undefined;
  const detail = findLatentDetail(db, row.id, latent);
  if (!detail) return undefined;
  const cache = openActivationCache(row.dir);
  const acts = cache.latentActivations(latent);
  const shape = { contextLength: row.contextLength, windowLength: row.windowLength };
  const text = selection.modelDir ? tokenDisplay(selection.modelDir) : undefined;
  const windowsOf = (windows: Uint32Array) => Array.from(windows, (w) => exampleWindow(cache, acts, w, shape, text));
  return {
    latent,
    hookpoint: row.hookpoint,
    coderKind: row.coderKind,
    numLatents: row.numLatents,
    numTokens: row.numTokens,
    nonZeroCount: detail.nonZeroCount,
    frequency: detail.frequency,
    maxActivation: detail.maxActivation,
    meanNonZero: detail.meanNonZero,
    histogram: { edges: Array.from(detail.histogramEdges), counts: Array.from(detail.histogramCounts) },
    percentiles: Array.from(detail.percentiles),
    explanation: detail.explanation,
    detectionScore: detail.detectionScore,
    fuzzingScore: detail.fuzzingScore,
    topExamples: windowsOf(detail.topWindows),
    quantileExamples: detail.quantileWindows.map((windows, bin) => ({ bin, examples: windowsOf(windows) })),
    neighbours: detail.neighbours.map((n) => ({ latent: n.neighbour, cosine: n.cosine, explanation: n.explanation })),
    output: latentOutputTokens(row, latent, text ?? ((id) => `#${id}`), runtime),
  };
}
