// Where the loss went, prompt by prompt: which test prompts the full calibrated rewrite hurts most, and on one
// prompt, which latents' simulation errors cost the most there (their oracle gain on that prompt alone).
import type { LatentLedger } from "./latent-ledger";
import { SIMULATION_ERRORS, type SimulationError } from "./latent-ledger";

export interface PromptLoss {
  readonly prompt: number;
  readonly cleanCeNats: number;
  readonly coderAloneCeNats: number;
  readonly rewrittenCeNats: number;
}

/** The `count` prompts with the largest CE increase of the full rewrite over the clean model, largest first. */
export function worstPrompts(cleanCeNats: ArrayLike<number>, ledger: Pick<LatentLedger, "fullRewriteCeNats" | "coderAloneCeNats">, count: number): PromptLoss[] {
  const losses = Array.from(ledger.fullRewriteCeNats, (rewritten, prompt) => ({
    prompt,
    cleanCeNats: cleanCeNats[prompt],
    coderAloneCeNats: ledger.coderAloneCeNats[prompt],
    rewrittenCeNats: rewritten,
  }));
  return losses.sort((a, b) => b.rewrittenCeNats - b.cleanCeNats - (a.rewrittenCeNats - a.cleanCeNats) || a.prompt - b.prompt).slice(0, count);
}

export interface LatentCostOnPrompt {
  readonly latent: number;
  readonly error: SimulationError;
  /** CE recovered on this prompt if only this latent's simulation were the truth, nats. */
  readonly gainNats: number;
  readonly simulated: number;
  readonly truth: number;
}

/** Every latent whose truth changes the full rewrite on `prompt`, by oracle gain there, largest first. */
export function latentCostsOnPrompt(entries: LatentLedger["oracleEntries"], prompt: number): LatentCostOnPrompt[] {
  const costs: LatentCostOnPrompt[] = [];
  entries.prompt.forEach((p, i) => {
    if (p !== prompt) return;
    costs.push({ latent: entries.latent[i], error: SIMULATION_ERRORS[entries.error[i]], gainNats: entries.gainNats[i], simulated: entries.simulated[i], truth: entries.truth[i] });
  });
  return costs.sort((a, b) => b.gainNats - a.gainNats || a.latent - b.latent);
}
