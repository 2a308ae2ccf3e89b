// "Where the loss comes from" (§3.1): at each fraction of top-detection latents rewritten, the CE increase over
// the clean model when the rewritten latents take each decomposition variant's values (decomposition-variants.ts);
// the rest keep the transcoder's TopK output, as in Fig. 3. Identical TopK rows of a prompt block share one forward pass.
import { summarizeCeIncrease, type CeIncreaseSummary } from "@/lib/core/ce-increase";
import { createSeededRng } from "@/lib/core/seeded-rng";
import type { BootstrapOptions, ConfidenceInterval } from "@/lib/core/bootstrap-ci";
import { pairedMeanDifference } from "@/lib/core/paired-difference";
import { topKRows, type TopK } from "@/lib/core/topk";
import { activationsAfterTopK } from "@/lib/calibrate";
import { decodeChecked, lastTokenCeChecked, type CoderAdapter } from "./coder-adapter";
import { DECOMPOSITION_VARIANTS, MISSED_MAGNITUDE_RULE, variantValue, type DecompositionVariant } from "./decomposition-variants";
import { derivedSeed } from "@/lib/core/derived-seed";
import { chosenLatentCount } from "./latent-selection";
import { singleBlock, type PromptBlocks } from "./prompt-blocks";
import { rewrittenTopK } from "./rewritten-topk";
import { TopKForwardCache } from "./topk-forward-cache";

export interface ErrorDecompositionInputs {
  readonly coder: CoderAdapter;
  /** [P·L] true relu'd pre-activations at the prompts' last tokens. */
  readonly trueActivations: Float32Array;
  /** [P·L] calibrated simulations (0 where predicted inactive or missing). */
  readonly simulated: Float32Array;
  /** [L] each latent's typical simulated magnitude (typicalSimulatedMagnitudes). */
  readonly typicalMagnitude: Float32Array;
  /** The latents in rewrite order (top detection score first). */
  readonly order: Int32Array;
  readonly cleanCeNats: Float64Array;
}

/** The same read block by block (prompt-blocks.ts); simulations as [size·L] rows of prompts [start, start + size). */
export interface BlockErrorDecompositionInputs extends Omit<ErrorDecompositionInputs, "coder" | "trueActivations" | "simulated"> {
  readonly blocks: PromptBlocks;
  readonly simulatedRows: (start: number, size: number) => Float32Array;
}

function blockInputs(inputs: ErrorDecompositionInputs | BlockErrorDecompositionInputs): BlockErrorDecompositionInputs {
  if ("blocks" in inputs) return inputs;
  const { coder, trueActivations, simulated, ...rest } = inputs;
  const promptCount = inputs.cleanCeNats.length;
  if (simulated.length !== promptCount * coder.numLatents) throw new Error(`simulated has ${simulated.length} values; expected ${promptCount} prompts × ${coder.numLatents} latents`);
  const rows = (start: number, size: number) => simulated.subarray(start * coder.numLatents, (start + size) * coder.numLatents);
  return { ...rest, blocks: singleBlock(coder, trueActivations, promptCount), simulatedRows: rows };
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
  denseOrBlockInputs: ErrorDecompositionInputs | BlockErrorDecompositionInputs,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ErrorDecomposition> {
  const { blocks, simulatedRows, typicalMagnitude, order, cleanCeNats } = blockInputs(denseOrBlockInputs);
  const { numLatents, k } = blocks;
  const promptCount = cleanCeNats.length;
  if (blocks.promptCount !== promptCount) throw new Error(`the prompt blocks hold ${blocks.promptCount} prompts but cleanCeNats has ${promptCount}`);
  if (typicalMagnitude.length !== numLatents || order.length !== numLatents) {
    throw new Error(`typicalMagnitude (${typicalMagnitude.length}) and order (${order.length}) must have one entry per latent (${numLatents})`);
  }
  const plan = settings.fractions.flatMap((fraction) => DECOMPOSITION_VARIANTS.map((variant) => ({ fraction, variant, ceNats: new Float64Array(promptCount) })));
  const total = Math.ceil(promptCount / blocks.blockSize) * plan.length;
  let done = 0;
  // A cell's rows ran in some block; with one block, the count of forward passes as before blocks.
  const ran = plan.map(() => false);
  await blocks.forEachBlock(async ({ start, size, coder, trueActivations }) => {
    const forwardCache = new TopKForwardCache(async (top: TopK) => lastTokenCeChecked(coder, await decodeChecked(coder, top.indices, top.values, size), size));
    const ownTopK = topKRows(trueActivations, numLatents, k);
    const trueAfterTopK = activationsAfterTopK(trueActivations, numLatents, k);
    const simulated = simulatedRows(start, size);
    if (simulated.length !== trueActivations.length) throw new Error(`simulated rows of prompts [${start}, ${start + size}) have ${simulated.length} values; expected ${trueActivations.length}`);
    for (const [c, cell] of plan.entries()) {
      const chosen = order.subarray(0, chosenLatentCount(cell.fraction, numLatents));
      const value = (p: number, l: number) => {
        const i = p * numLatents + l;
        return variantValue(cell.variant, simulated[i], trueAfterTopK[i], typicalMagnitude[l]);
      };
      const { ceNats, reused } = await forwardCache.ceNats(rewrittenTopK(trueActivations, numLatents, k, chosen, value, "transcoder-topk", ownTopK));
      cell.ceNats.set(ceNats, start);
      if (!reused) ran[c] = true;
      onProgress(++done, total);
    }
  });
  const cells: ErrorDecompositionCell[] = plan.map(({ variant, fraction, ceNats }) => {
    const rng = createSeededRng(derivedSeed(settings.seed, `bootstrap/decomposition/${variant}/${fraction}`));
    return { variant, fraction, ceNats, summary: summarizeCeIncrease(ceNats, cleanCeNats, rng, settings.bootstrap) };
  });
  const savings: ErrorRepairSaving[] = [];
  for (const fraction of settings.fractions) {
    const ceOf = (variant: DecompositionVariant) => cells.find((c) => c.variant === variant && c.fraction === fraction)!.ceNats;
    for (const variant of DECOMPOSITION_VARIANTS) {
      if (variant === "simulated") continue;
      const rng = createSeededRng(derivedSeed(settings.seed, `bootstrap/decomposition-saving/${variant}/${fraction}`));
      savings.push({ variant, fraction, savingNats: pairedMeanDifference([ceOf("simulated")], ceOf(variant), rng, settings.bootstrap) });
    }
  }
  return { selection: "top-detection", missedMagnitudeRule: MISSED_MAGNITUDE_RULE, cells, savings, forwardPassCount: ran.filter(Boolean).length };
}
