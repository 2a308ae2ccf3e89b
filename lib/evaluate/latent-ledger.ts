// The fix-first ledger: per latent, what its simulation costs the model's output, measured two ways on the test
// prompts (calibrated simulations, the protocol of Fig. 3):
//   rewrite impact: CE(only this latent rewritten) − CE(transcoder alone), the editor's measure;
//   oracle gain:    CE(every latent rewritten) − CE(every latent rewritten but this one, which keeps the truth),
//                   the loss recovered if only this latent's simulation were perfect.
// Only the (prompt, latent) pairs whose TopK rows change are run (single-latent-swaps.ts), all latents together in
// batches of rows; every other pair's change is exactly 0. CIs resample prompts (sparse-mean-bootstrap.ts).
import type { BootstrapOptions } from "@/lib/core/bootstrap-ci";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { sparseColumnMeanCis, sparseColumnsOf } from "@/lib/core/sparse-mean-bootstrap";
import { topKRows } from "@/lib/core/topk";
import type { CoderAdapter } from "./coder-adapter";
import { derivedSeed } from "@/lib/core/derived-seed";
import { singleLatentSwaps } from "./single-latent-swaps";

/** What the truth fixes at one (prompt, latent) of the full rewrite. */
export const SIMULATION_ERRORS = ["false positive", "missed", "wrong magnitude"] as const;
export type SimulationError = (typeof SIMULATION_ERRORS)[number];

export interface LatentLedgerInputs {
  readonly coder: CoderAdapter;
  /** [P·L] the transcoder's TopK output on the test prompts (0 = not truly active). */
  readonly trueAfterTopK: Float32Array;
  /** [P·L] calibrated simulations there (0 = predicted inactive or missing). */
  readonly simulated: Float32Array;
}

/** Per latent: mean over all prompts (nats) with its CI, and the prompts where it changed the patch. */
export interface PerLatentEffect {
  readonly meanNats: Float64Array;
  readonly lowerNats: Float64Array;
  readonly upperNats: Float64Array;
  readonly changedPromptCount: Uint32Array;
}

export interface LatentLedger {
  readonly impact: PerLatentEffect;
  readonly oracleGain: PerLatentEffect;
  /**
   * Every (prompt, latent) whose truth changes the full rewrite: its oracle gain, the error it fixes (index into
   * SIMULATION_ERRORS), and the simulated and true values there.
   */
  readonly oracleEntries: {
    readonly prompt: Int32Array;
    readonly latent: Int32Array;
    readonly gainNats: Float64Array;
    readonly error: Int32Array;
    readonly simulated: Float32Array;
    readonly truth: Float32Array;
  };
  /** [P] the full calibrated rewrite and the transcoder alone, through the same row path as the swaps. */
  readonly fullRewriteCeNats: Float64Array;
  readonly coderAloneCeNats: Float64Array;
  /** Patched last-token rows run: 2P base rows + one per changed pair. */
  readonly forwardRowCount: number;
}

/** Rows per lastTokenCeOfRows call (the adapter splits further to bound memory). */
const ROWS_PER_CALL = 8192;

export async function latentLedger(
  settings: { readonly seed: number; readonly bootstrap: BootstrapOptions },
  inputs: LatentLedgerInputs,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<LatentLedger> {
  const { coder, trueAfterTopK, simulated } = inputs;
  const { numLatents, k } = coder;
  if (trueAfterTopK.length !== simulated.length || simulated.length % numLatents !== 0) {
    throw new Error(`trueAfterTopK (${trueAfterTopK.length}) and simulated (${simulated.length}) must both be [prompts × ${numLatents} latents]`);
  }
  const promptCount = simulated.length / numLatents;
  const impactSwaps = singleLatentSwaps(trueAfterTopK, simulated, numLatents, k);
  const oracleSwaps = singleLatentSwaps(simulated, trueAfterTopK, numLatents, k);
  const alone = topKRows(trueAfterTopK, numLatents, k);
  const full = topKRows(simulated, numLatents, k);
  const everyPrompt = Int32Array.from({ length: promptCount }, (_, p) => p);
  const parts = [
    { prompt: everyPrompt, ...alone },
    { prompt: everyPrompt, ...full },
    impactSwaps,
    oracleSwaps,
  ];
  const ce = await rowsCe(coder, parts, onProgress);
  const coderAloneCeNats = ce.subarray(0, promptCount);
  const fullRewriteCeNats = ce.subarray(promptCount, 2 * promptCount);
  const impactCe = ce.subarray(2 * promptCount, 2 * promptCount + impactSwaps.prompt.length);
  const oracleCe = ce.subarray(2 * promptCount + impactSwaps.prompt.length);

  const impactNats = Float64Array.from(impactCe, (x, i) => x - coderAloneCeNats[impactSwaps.prompt[i]]);
  const gainNats = Float64Array.from(oracleCe, (x, i) => fullRewriteCeNats[oracleSwaps.prompt[i]] - x);
  const effect = (latent: Int32Array, prompt: Int32Array, nats: Float64Array, label: string): PerLatentEffect => {
    const rng = createSeededRng(derivedSeed(settings.seed, `bootstrap/ledger/${label}`));
    const cis = sparseColumnMeanCis(sparseColumnsOf(numLatents, promptCount, latent, prompt, nats), rng, settings.bootstrap);
    const changedPromptCount = new Uint32Array(numLatents);
    for (const l of latent) changedPromptCount[l]++;
    return {
      meanNats: Float64Array.from(cis, (c) => c.estimate),
      lowerNats: Float64Array.from(cis, (c) => c.lower),
      upperNats: Float64Array.from(cis, (c) => c.upper),
      changedPromptCount,
    };
  };
  const error = Int32Array.from(oracleSwaps.prompt, (p, i) => {
    const at = p * numLatents + oracleSwaps.latent[i];
    if (trueAfterTopK[at] === 0) return SIMULATION_ERRORS.indexOf("false positive");
    return simulated[at] === 0 ? SIMULATION_ERRORS.indexOf("missed") : SIMULATION_ERRORS.indexOf("wrong magnitude");
  });
  return {
    impact: effect(impactSwaps.latent, impactSwaps.prompt, impactNats, "impact"),
    oracleGain: effect(oracleSwaps.latent, oracleSwaps.prompt, gainNats, "oracle-gain"),
    oracleEntries: {
      prompt: oracleSwaps.prompt,
      latent: oracleSwaps.latent,
      gainNats,
      error,
      simulated: Float32Array.from(oracleSwaps.prompt, (p, i) => simulated[p * numLatents + oracleSwaps.latent[i]]),
      truth: Float32Array.from(oracleSwaps.prompt, (p, i) => trueAfterTopK[p * numLatents + oracleSwaps.latent[i]]),
    },
    fullRewriteCeNats: fullRewriteCeNats.slice(),
    coderAloneCeNats: coderAloneCeNats.slice(),
    forwardRowCount: ce.length,
  };
}

/** CE of every row of every part, in order, in calls of at most ROWS_PER_CALL rows. */
async function rowsCe(
  coder: CoderAdapter,
  parts: readonly { prompt: Int32Array; indices: Int32Array; values: Float32Array }[],
  onProgress: (done: number, total: number) => void,
): Promise<Float64Array> {
  const k = coder.k;
  const total = parts.reduce((n, part) => n + part.prompt.length, 0);
  const prompt = new Int32Array(total);
  const indices = new Int32Array(total * k);
  const values = new Float32Array(total * k);
  let at = 0;
  for (const part of parts) {
    prompt.set(part.prompt, at);
    indices.set(part.indices, at * k);
    values.set(part.values, at * k);
    at += part.prompt.length;
  }
  const ce = new Float64Array(total);
  for (let start = 0; start < total; start += ROWS_PER_CALL) {
    const end = Math.min(total, start + ROWS_PER_CALL);
    const out = await coder.lastTokenCeOfRows(prompt.subarray(start, end), indices.subarray(start * k, end * k), values.subarray(start * k, end * k));
    if (out.length !== end - start) throw new Error(`lastTokenCeOfRows returned ${out.length} values for ${end - start} rows`);
    ce.set(out, start);
    onProgress(end, total);
  }
  const bad = ce.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new Error(`the patched row ${bad} (prompt ${prompt[bad]}) gave CE ${ce[bad]}; the patched forward pass must give a finite CE`);
  return ce;
}
