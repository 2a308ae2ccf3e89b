// The paper's headline question (§3, Conclusion): does rewriting from calibrated simulations cost less CE than a
// reference that uses no explanation at all? Answered from the paired per-prompt difference (rewrite − reference)
// and its bootstrap CI, never from whether two marginal CIs overlap.
import type { ConfidenceInterval } from "@/lib/core/bootstrap-ci";
import { pairedMeanDifference, pairedVerdictKind, type PairedVerdictKind } from "@/lib/core/paired-difference";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { derivedSeed } from "@/lib/core/derived-seed";
import type { SelectionMethod } from "./latent-selection";
import type { BaselineCe, RewriteEvaluationResult, RewriteTreatment } from "./rewrite-evaluation";

export type ReferenceId = "zero-ablation" | "latents-zeroed" | "mean-ablation";

export interface ReferenceBaseline extends BaselineCe {
  readonly id: ReferenceId;
  readonly label: string;
  /** Why it is (or is not) the reference the verdict leads with. */
  readonly role: "primary" | "secondary" | "not meaningful";
}

/**
 * The references a run has, primary first. A transcoder's is the paper's zero ablation (MLP output 0). For a
 * residual SAE, zeroing the whole residual stream destroys the model, so any rewrite "beats" it: its references
 * are every latent zeroed (b_dec only) and mean ablation.
 */
export function referenceBaselines(result: RewriteEvaluationResult): ReferenceBaseline[] {
  const { zeroAblation, latentsZeroed, meanAblation } = result.baselines;
  const sae = result.coderKind === "sae";
  const refs: ReferenceBaseline[] = [];
  if (sae && latentsZeroed) refs.push({ ...latentsZeroed, id: "latents-zeroed", label: "every latent zeroed (b_dec)", role: "primary" });
  if (sae && meanAblation) refs.push({ ...meanAblation, id: "mean-ablation", label: "mean ablation of the residual stream", role: "secondary" });
  const zeroRole = !sae ? "primary" : refs.length > 0 ? "not meaningful" : "primary";
  refs.push({ ...zeroAblation, id: "zero-ablation", label: sae ? "residual stream zeroed" : "zero ablation", role: zeroRole });
  if (!sae && meanAblation) refs.push({ ...meanAblation, id: "mean-ablation", label: "mean ablation of the MLP output", role: "secondary" });
  if (!sae && latentsZeroed) refs.push({ ...latentsZeroed, id: "latents-zeroed", label: "every latent zeroed (skip + b_dec)", role: "secondary" });
  return refs;
}

export interface PairedVerdict {
  readonly fraction: number;
  readonly reference: ReferenceId;
  readonly referenceLabel: string;
  /** Mean (rewrite − reference) CE over prompts, nats, with its paired bootstrap CI. */
  readonly difference: ConfidenceInterval;
  readonly kind: PairedVerdictKind;
}

/** Per fraction and reference (not-meaningful ones left out): the cells of one selection × treatment vs the reference. */
export function pairedVerdicts(
  result: RewriteEvaluationResult,
  selection: SelectionMethod = "top-detection",
  treatment: RewriteTreatment = "calibrated-quantile",
): PairedVerdict[] {
  const { config } = result;
  const references = referenceBaselines(result).filter((r) => r.role !== "not meaningful");
  return config.fractions.flatMap((fraction) => {
    const draws = result.runs.filter((r) => r.selection === selection && r.treatment === treatment && r.fraction === fraction).map((r) => r.ceNats);
    if (draws.length === 0) return [];
    return references.map((ref) => {
      const rng = createSeededRng(derivedSeed(config.seed, `paired/${selection}/${treatment}/${fraction}/${ref.id}`));
      const difference = pairedMeanDifference(draws, ref.ceNats, rng, { resamples: config.bootstrapResamples, level: config.ciLevel });
      return { fraction, reference: ref.id, referenceLabel: ref.label, difference, kind: pairedVerdictKind(difference) };
    });
  });
}

const ci = (c: ConfidenceInterval, digits: number) => `${c.estimate.toFixed(digits)} [${c.lower.toFixed(digits)}, ${c.upper.toFixed(digits)}]`;

/** One plain paragraph about rewriting every latent (fraction 1) against each reference, for the CLI and the pages. */
export function describePairedVerdicts(verdicts: readonly PairedVerdict[], digits = 3): string {
  const last = verdicts.some((v) => v.fraction === 1) ? 1 : verdicts.at(-1)?.fraction;
  const atLast = verdicts.filter((v) => v.fraction === last);
  if (atLast.length === 0) return "The run has no rewritten cells to compare with a reference.";
  const what = last === 1 ? "all latents" : `${Math.round((last ?? 0) * 100)}% of the latents`;
  const sentences = atLast.map((v) => {
    const outcome = v.kind === "beats" ? "better than" : v.kind === "worse" ? "worse than" : "not detectably different from";
    return `Against ${v.referenceLabel}, rewriting ${what} from calibrated simulations changes CE by ${ci(v.difference, digits)} nats per prompt (paired): ${outcome} it.`;
  });
  // Fraction 0 rewrites nothing (it is the coder alone), so it says nothing about the explanations.
  const primary = atLast[0].reference;
  const beaten = verdicts.filter((v) => v.reference === primary && v.kind === "beats" && v.fraction > 0).map((v) => v.fraction);
  const tail = beaten.length > 0 ? ` The paired CI lies below ${atLast[0].referenceLabel} at fractions ${beaten.join(", ")}.` : "";
  return sentences.join(" ") + tail;
}
