// §2.3: the simulator predicts every latent on every context from the latent's explanation alone; the answers
// form the [contexts × latents] matrix of raw 0–9 predictions that calibration and the rewrite read, kept sparse.
import type { RewriteDatabase } from "@/db/client";
import { rawPredictionsFromOutcomes } from "@/lib/calibrate";
import { simulateContexts, type SimulationContext, type Simulator } from "@/lib/simulate";
import { SparsePredictionsBuilder, type SparsePredictions } from "./sparse-predictions";

/** One latent's raw 0–9 predictions on `contexts`, in their order; NaN where the simulation failed. */
export type PredictRaw = (latent: number, explanation: string, contexts: readonly SimulationContext[]) => Promise<Float64Array>;

/** Asks the simulator directly, with no prediction cache. */
export function uncachedPredictRaw(simulator: Simulator, signal?: AbortSignal): PredictRaw {
  return async (_latent, explanation, contexts) =>
    rawPredictionsFromOutcomes(await simulator.simulate(explanation, contexts.map((c) => c.tokens), { signal })).rawPredictions;
}

/**
 * An LLM's answers go through the simulate stage's prediction cache (nothing asked twice, resumable). The lexical
 * baseline is deterministic and takes microseconds: storing its millions of answers would cost more than
 * recomputing them, so it is asked directly.
 */
export function stagePredictRaw(db: RewriteDatabase, simulator: Simulator, signal?: AbortSignal): PredictRaw {
  if (simulator.kind === "baseline") return uncachedPredictRaw(simulator, signal);
  return async (_latent, explanation, contexts) =>
    rawPredictionsFromOutcomes(await simulateContexts(db, { simulator, explanation, contexts, signal })).rawPredictions;
}

export interface SimulationMatrix {
  /** [contexts × latents], sparse, float32; NaN for a failed prediction or a latent without an explanation. */
  readonly rawPredictions: SparsePredictions;
  /** Latents that had an explanation, so were simulated. */
  readonly simulatedLatentCount: number;
  /** Predictions of simulated latents that failed. */
  readonly failedCount: number;
}

export async function simulationMatrix(
  explanations: readonly (string | null)[],
  contexts: readonly SimulationContext[],
  predictRaw: PredictRaw,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<SimulationMatrix> {
  const numLatents = explanations.length;
  const builder = new SparsePredictionsBuilder(contexts.length, numLatents);
  let simulatedLatentCount = 0;
  let failedCount = 0;
  for (let latent = 0; latent < numLatents; latent++) {
    options.signal?.throwIfAborted();
    const explanation = explanations[latent];
    if (explanation !== null) {
      const column = await predictRaw(latent, explanation, contexts);
      builder.addColumn(latent, column);
      for (const x of column) if (Number.isNaN(x)) failedCount++;
      simulatedLatentCount++;
    }
    options.onProgress?.(latent + 1, numLatents);
  }
  return { rawPredictions: builder.finish(), simulatedLatentCount, failedCount };
}
