// The paper's scale for `bench evaluation-scale`: a random GPT-NeoX with Pythia-160M's hidden size, heads and MLP
// width (two layers, the transcoder at layers.0.mlp so one later layer keeps keys/values; a smaller vocabulary, since
// the unembedding of every clean position would otherwise dominate the time), a 32,768-latent k = 32 transcoder
// with skip, random prompts, and synthetic sparse raw predictions shaped like the lexical baseline's (integers 1–9).
import { join } from "node:path";
import { fitQuantileCalibration, type QuantileCalibrationSet } from "@/lib/calibrate";
import { SparseCoder } from "@/lib/coder/sparse-coder";
import { createSeededRng, type SeededRng } from "@/lib/core/seeded-rng";
import { sparsePredictions, type HeldoutPrompts, type SparsePredictions } from "@/lib/evaluate";
import { HookedGptNeoX } from "@/lib/model/hooked-model";
import { PYTHIA_160M_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder } from "@/lib/model/testing/random-snapshot";

export const SCALE_SHAPE = { layers: 2, hookpoint: "layers.0.mlp", vocab: 4096, promptLength: 8, k: 32, numLatents: 32_768 } as const;

/** Non-zero raw predictions per context, and the share of predictions that fail (NaN). */
const PREDICTED_PER_CONTEXT = 48;
const FAILED_FRACTION = 0.01;
/** Calibration contexts of the synthetic quantile fit (the calibration side is not what this bench measures). */
const CALIBRATION_CONTEXTS = 256;

export function writeScaleSnapshot(root: string, numLatents: number): { model: HookedGptNeoX; coder: SparseCoder } {
  const modelDir = join(root, "model");
  const config = { ...PYTHIA_160M_CONFIG, num_hidden_layers: SCALE_SHAPE.layers, vocab_size: SCALE_SHAPE.vocab, max_position_embeddings: 64 };
  writeRandomGptNeoXSnapshot(modelDir, config, 160, "F32");
  const coderDir = join(root, "coder", SCALE_SHAPE.hookpoint);
  const coder = { dIn: config.hidden_size, numLatents, k: SCALE_SHAPE.k, transcode: true, skipConnection: true, dtype: "F32" as const };
  writeRandomSparsifyCoder(coderDir, coder, 161);
  return { model: HookedGptNeoX.load(modelDir), coder: SparseCoder.load(coderDir) };
}

export function randomPrompts(promptCount: number, seed: number): HeldoutPrompts {
  const rng = createSeededRng(seed);
  const T = SCALE_SHAPE.promptLength;
  const ids = Int32Array.from({ length: promptCount * T }, () => rng.integerBelow(SCALE_SHAPE.vocab));
  const nextTokens = Int32Array.from({ length: promptCount }, () => rng.integerBelow(SCALE_SHAPE.vocab));
  return { promptCount, promptLength: T, ids, nextTokens, chunks: Uint32Array.from({ length: promptCount }, (_, i) => i), availableChunks: promptCount };
}

/** Distinct random latents of one row, ascending (CSR rows keep latent order). */
function rowLatents(rng: SeededRng, numLatents: number, count: number): Int32Array {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.integerBelow(numLatents));
  return Int32Array.from(chosen).sort();
}

/** [rows × L] sparse raw predictions: PREDICTED_PER_CONTEXT integers 1–9 per row, some failed; every latent simulated. */
export function syntheticPredictions(rowCount: number, numLatents: number, seed: number): SparsePredictions {
  const rng = createSeededRng(seed);
  const per = PREDICTED_PER_CONTEXT;
  const rowStarts = Float64Array.from({ length: rowCount + 1 }, (_, r) => r * per);
  const latents = new Int32Array(rowCount * per);
  const values = new Float32Array(rowCount * per);
  for (let r = 0; r < rowCount; r++) {
    latents.set(rowLatents(rng, numLatents, per), r * per);
    for (let j = r * per; j < (r + 1) * per; j++) values[j] = rng.uniform() < FAILED_FRACTION ? Number.NaN : 1 + rng.integerBelow(9);
  }
  return sparsePredictions({ rowCount, numLatents, rowStarts, latents, values, simulated: new Uint8Array(numLatents).fill(1) });
}

/** A quantile normalizer fitted on synthetic calibration contexts (target (b): their own TopK-like activations). */
export function syntheticQuantileCalibration(numLatents: number, seed: number): QuantileCalibrationSet {
  const rng = createSeededRng(seed);
  const raw = syntheticPredictions(CALIBRATION_CONTEXTS, numLatents, seed + 1).rows(0, CALIBRATION_CONTEXTS);
  const truth = new Float32Array(CALIBRATION_CONTEXTS * numLatents);
  for (let r = 0; r < CALIBRATION_CONTEXTS; r++) {
    for (const l of rowLatents(rng, numLatents, SCALE_SHAPE.k)) truth[r * numLatents + l] = 0.5 + 4 * rng.uniform();
  }
  return fitQuantileCalibration(raw, numLatents, { kind: "prompts", activationsAfterTopK: truth }, { estimator: "empirical", tieRule: "conditional-mean" });
}

/** Per latent a detection score in [0, 1] (the top-detection order only needs some order). */
export function syntheticScores(numLatents: number, seed: number): Float64Array {
  const rng = createSeededRng(seed);
  return Float64Array.from({ length: numLatents }, () => rng.uniform());
}
