// The fix-first ledger: per latent, what its simulation costs the model's output, measured two ways on the test
// prompts (calibrated simulations, the protocol of Fig. 3):
//   rewrite impact: CE(only this latent rewritten) − CE(transcoder alone), the editor's measure;
//   oracle gain:    CE(every latent rewritten) − CE(every latent rewritten but this one, which keeps the truth),
//                   the loss recovered if only this latent's simulation were perfect.
// Only the (prompt, latent) pairs whose TopK rows change are run (single-latent-swaps.ts), all latents together in
// batches of rows, one prompt block at a time; every other pair's change is exactly 0. CIs resample prompts
// (sparse-mean-bootstrap.ts).
import { activationsAfterTopK } from "@/lib/calibrate";
import type { BootstrapOptions } from "@/lib/core/bootstrap-ci";
import { derivedSeed } from "@/lib/core/derived-seed";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { sparseColumnMeanCis, sparseColumnsOf } from "@/lib/core/sparse-mean-bootstrap";
import { topKRows } from "@/lib/core/topk";
import type { CoderAdapter } from "./coder-adapter";
import { singleBlock, type PromptBlocks } from "./prompt-blocks";
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

/** The same read block by block: the truth from each block's pre-activations, simulations as [size·L] rows. */
export interface BlockLedgerInputs {
  readonly blocks: PromptBlocks;
  readonly simulatedRows: (start: number, size: number) => Float32Array;
}

function blockLedgerInputs(inputs: LatentLedgerInputs | BlockLedgerInputs): BlockLedgerInputs {
  if ("blocks" in inputs) return inputs;
  const { coder, trueAfterTopK, simulated } = inputs;
  if (trueAfterTopK.length !== simulated.length || simulated.length % coder.numLatents !== 0) {
    throw new Error(`trueAfterTopK (${trueAfterTopK.length}) and simulated (${simulated.length}) must both be [prompts × ${coder.numLatents} latents]`);
  }
  // TopK of a row already after TopK keeps it as it is, so the block's "pre-activations" may be the truth itself.
  const blocks = singleBlock(coder, trueAfterTopK, simulated.length / coder.numLatents);
  return { blocks, simulatedRows: (start, size) => simulated.subarray(start * coder.numLatents, (start + size) * coder.numLatents) };
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
  denseOrBlockInputs: LatentLedgerInputs | BlockLedgerInputs,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<LatentLedger> {
  const { blocks, simulatedRows } = blockLedgerInputs(denseOrBlockInputs);
  const { numLatents, k, promptCount } = blocks;
  const coderAloneCeNats = new Float64Array(promptCount);
  const fullRewriteCeNats = new Float64Array(promptCount);
  // Changed pairs only, in prompt order: what outlives a block.
  const impact = new PairList();
  const oracle = new PairList();
  let forwardRowCount = 0;
  await blocks.forEachBlock(async ({ start, size, coder, trueActivations }) => {
    const truth = activationsAfterTopK(trueActivations, numLatents, k);
    const simulated = simulatedRows(start, size);
    if (simulated.length !== truth.length) throw new Error(`simulated rows of prompts [${start}, ${start + size}) have ${simulated.length} values; expected ${truth.length}`);
    const impactSwaps = singleLatentSwaps(truth, simulated, numLatents, k);
    const oracleSwaps = singleLatentSwaps(simulated, truth, numLatents, k);
    const everyPrompt = Int32Array.from({ length: size }, (_, p) => p);
    const parts = [{ prompt: everyPrompt, ...topKRows(truth, numLatents, k) }, { prompt: everyPrompt, ...topKRows(simulated, numLatents, k) }, impactSwaps, oracleSwaps];
    const ce = await rowsCe(coder, parts, (done, total) => onProgress(start + Math.floor((size * done) / total), promptCount));
    forwardRowCount += ce.length;
    const alone = ce.subarray(0, size);
    const full = ce.subarray(size, 2 * size);
    coderAloneCeNats.set(alone, start);
    fullRewriteCeNats.set(full, start);
    const impactCe = ce.subarray(2 * size, 2 * size + impactSwaps.prompt.length);
    const oracleCe = ce.subarray(2 * size + impactSwaps.prompt.length);
    impactSwaps.prompt.forEach((p, i) => impact.push(start + p, impactSwaps.latent[i], impactCe[i] - alone[p]));
    oracleSwaps.prompt.forEach((p, i) => {
      const at = p * numLatents + oracleSwaps.latent[i];
      const error = truth[at] === 0 ? "false positive" : simulated[at] === 0 ? "missed" : "wrong magnitude";
      oracle.push(start + p, oracleSwaps.latent[i], full[p] - oracleCe[i], SIMULATION_ERRORS.indexOf(error), simulated[at], truth[at]);
    });
  });

  const effect = (pairs: PairList, label: string): PerLatentEffect => {
    const rng = createSeededRng(derivedSeed(settings.seed, `bootstrap/ledger/${label}`));
    const cis = sparseColumnMeanCis(sparseColumnsOf(numLatents, promptCount, pairs.latent(), pairs.prompt(), pairs.nats()), rng, settings.bootstrap);
    const changedPromptCount = new Uint32Array(numLatents);
    for (const l of pairs.latent()) changedPromptCount[l]++;
    return {
      meanNats: Float64Array.from(cis, (c) => c.estimate),
      lowerNats: Float64Array.from(cis, (c) => c.lower),
      upperNats: Float64Array.from(cis, (c) => c.upper),
      changedPromptCount,
    };
  };
  return {
    impact: effect(impact, "impact"),
    oracleGain: effect(oracle, "oracle-gain"),
    oracleEntries: {
      prompt: oracle.prompt(),
      latent: oracle.latent(),
      gainNats: oracle.nats(),
      error: Int32Array.from(oracle.error),
      simulated: Float32Array.from(oracle.simulated),
      truth: Float32Array.from(oracle.truth),
    },
    fullRewriteCeNats,
    coderAloneCeNats,
    forwardRowCount,
  };
}

/** (prompt, latent, nats) of changed pairs, and for oracle pairs the error fixed and the two values there. */
class PairList {
  private readonly prompts: number[] = [];
  private readonly latents: number[] = [];
  private readonly values: number[] = [];
  readonly error: number[] = [];
  readonly simulated: number[] = [];
  readonly truth: number[] = [];

  push(prompt: number, latent: number, nats: number, error?: number, simulated?: number, truth?: number): void {
    this.prompts.push(prompt);
    this.latents.push(latent);
    this.values.push(nats);
    if (error !== undefined) this.error.push(error);
    if (simulated !== undefined) this.simulated.push(simulated);
    if (truth !== undefined) this.truth.push(truth);
  }

  prompt = () => Int32Array.from(this.prompts);
  latent = () => Int32Array.from(this.latents);
  nats = () => Float64Array.from(this.values);
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
