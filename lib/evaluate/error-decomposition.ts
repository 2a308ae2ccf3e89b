// "Where the loss comes from" (§3.1): at each fraction of top-detection latents rewritten, the CE increase over
// the clean model when the rewritten latents take each decomposition variant's values (decomposition-variants.ts);
// the rest keep the transcoder's TopK output, as in Fig. 3. Identical TopK rows share one forward pass.
import { summarizeCeIncrease, type CeIncreaseSummary } from "@/lib/core/ce-increase";
import { createSeededRng } from "@/lib/core/seeded-rng";
import type { BootstrapOptions, ConfidenceInterval } from "@/lib/core/bootstrap-ci";
import { pairedMeanDifference } from "@/lib/core/paired-difference";
import { topKRows, type TopK } from "@/lib/core/topk";
import { decodeChecked, lastTokenCeChecked, type CoderAdapter } from "./coder-adapter";
import { DECOMPOSITION_VARIANTS, MISSED_MAGNITUDE_RULE, variantValue, type DecompositionVariant } from "./decomposition-variants";
import { derivedSeed } from "@/lib/core/derived-seed";
import { chosenLatentCount } from "./latent-selection";
import { rewrittenTopK } from "./rewritten-topk";
import { TopKForwardCache } from "./topk-forward-cache";

export interface ErrorDecompositionInputs {
  readonly coder: CoderAdapter;
  /** [P·L] true relu'd pre-activations at the prompts' last tokens. */
  readonly trueActivations: Float32Array;
  /** [P·L] the same after the transcoder's TopK (0 = not truly active). */
  readonly trueAfterTopK: Float32Array;
  /** [P·L] calibrated simulations (0 where predicted inactive or missing). */
  readonly simulated: Float32Array;
  /** [L] each latent's typical simulated magnitude (typicalSimulatedMagnitudes). */
  readonly typicalMagnitude: Float32Array;
  /** The latents in rewrite order (top detection score first). */
  readonly order: Int32Array;
  readonly cleanCeNats: Float64Array;
}

export interface ErrorDecompositionCell {
  readonly variant: DecompositionVariant;
  readonly fraction: number;
  readonly ceNats: Float64Array;
  readonly summary: CeIncreaseSummary;
}

/** At one fraction: mean over prompts of CE(simulated) − CE(variant), what repairing that kind of error saves. */
export interface ErrorRepairSaving {
  readonly variant: Exclude<DecompositionVariant, "simulated">;
  readonly fraction: number;
  readonly savingNats: ConfidenceInterval;
}

export interface ErrorDecomposition {
  /** Which latents each fraction rewrites, and how a missed latent's simulated magnitude is chosen. */
  readonly selection: "top-detection";
  readonly missedMagnitudeRule: string;
  readonly cells: readonly ErrorDecompositionCell[];
  /** Paired per prompt, so the shared difficulty of a prompt cancels. */
  readonly savings: readonly ErrorRepairSaving[];
  readonly forwardPassCount: number;
}

export interface ErrorDecompositionSettings {
  readonly seed: number;
  readonly fractions: readonly number[];
  readonly bootstrap: BootstrapOptions;
}

export async function runErrorDecomposition(
  settings: ErrorDecompositionSettings,
  inputs: ErrorDecompositionInputs,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ErrorDecomposition> {
  const { coder, trueActivations, trueAfterTopK, simulated, typicalMagnitude, order, cleanCeNats } = inputs;
  const numLatents = coder.numLatents;
  const promptCount = cleanCeNats.length;
  for (const [name, array] of [["trueActivations", trueActivations], ["trueAfterTopK", trueAfterTopK], ["simulated", simulated]] as const) {
    if (array.length !== promptCount * numLatents) throw new Error(`${name} has ${array.length} values; expected ${promptCount} prompts × ${numLatents} latents`);
  }
  if (typicalMagnitude.length !== numLatents || order.length !== numLatents) {
    throw new Error(`typicalMagnitude (${typicalMagnitude.length}) and order (${order.length}) must have one entry per latent (${numLatents})`);
  }
  const forwardCache = new TopKForwardCache(async (top: TopK) =>
    lastTokenCeChecked(coder, await decodeChecked(coder, top.indices, top.values, promptCount), promptCount),
  );
  const ownTopK = topKRows(trueActivations, numLatents, coder.k);
  const total = settings.fractions.length * DECOMPOSITION_VARIANTS.length;
  const cells: ErrorDecompositionCell[] = [];
  for (const fraction of settings.fractions) {
    const chosen = order.subarray(0, chosenLatentCount(fraction, numLatents));
    for (const variant of DECOMPOSITION_VARIANTS) {
      const value = (p: number, l: number) => {
        const i = p * numLatents + l;
        return variantValue(variant, simulated[i], trueAfterTopK[i], typicalMagnitude[l]);
      };
      const { ceNats } = await forwardCache.ceNats(rewrittenTopK(trueActivations, numLatents, coder.k, chosen, value, "transcoder-topk", ownTopK));
      const rng = createSeededRng(derivedSeed(settings.seed, `bootstrap/decomposition/${variant}/${fraction}`));
      cells.push({ variant, fraction, ceNats, summary: summarizeCeIncrease(ceNats, cleanCeNats, rng, settings.bootstrap) });
      onProgress(cells.length, total);
    }
  }
  const savings: ErrorRepairSaving[] = [];
  for (const fraction of settings.fractions) {
    const ceOf = (variant: DecompositionVariant) => cells.find((c) => c.variant === variant && c.fraction === fraction)!.ceNats;
    for (const variant of DECOMPOSITION_VARIANTS) {
      if (variant === "simulated") continue;
      const rng = createSeededRng(derivedSeed(settings.seed, `bootstrap/decomposition-saving/${variant}/${fraction}`));
      savings.push({ variant, fraction, savingNats: pairedMeanDifference([ceOf("simulated")], ceOf(variant), rng, settings.bootstrap) });
    }
  }
  return { selection: "top-detection", missedMagnitudeRule: MISSED_MAGNITUDE_RULE, cells, savings, forwardPassCount: forwardCache.forwardPassCount };
}
