// What /runs/<id>/prompts/<p> shows: one test prompt, the clean and the fully rewritten model's next-token
// distributions, the CE of each, and the latents whose simulation errors cost the most there.
import type { RewriteDatabase } from "@/db/client";
import { latentRewriteInputs } from "@/db/evaluation-runs";
import { evaluationRunExtras } from "./evaluation-stage";
import { latentCostsOnPrompt, type LatentCostOnPrompt } from "./prompt-costs";
import { SqliteEvaluationRunStore } from "./sqlite-evaluation-run-store";
import type { PromptOutputs } from "./stage-error-analysis";

/** Latents listed per prompt: the costliest errors, and the errors that happened to help most. */
export const PROMPT_COST_ROWS = 15;

export interface NextToken {
  readonly text: string;
  readonly probability: number;
}

export interface PromptPageData {
  readonly runId: string;
  readonly prompt: number;
  readonly promptCount: number;
  readonly hookpoint: string;
  /** Each token's text, and the token the prompt should predict. */
  readonly tokens: readonly string[];
  readonly target: string;
  readonly ceNats: { readonly clean: number; readonly coderAlone: number; readonly rewritten: number };
  readonly clean: readonly NextToken[];
  readonly rewritten: readonly NextToken[];
  readonly costliest: readonly (LatentCostOnPrompt & { readonly explanation: string | null })[];
  readonly helpful: readonly (LatentCostOnPrompt & { readonly explanation: string | null })[];
}

/** undefined: no such run or prompt; null: a run stored before per-prompt outputs were kept. */
export async function loadPromptPageData(db: RewriteDatabase, runId: string, prompt: number): Promise<PromptPageData | null | undefined> {
  const stored = await new SqliteEvaluationRunStore(db).load(runId);
  if (!stored || !Number.isSafeInteger(prompt) || prompt < 0 || prompt >= stored.result.promptCount) return undefined;
  const extras = evaluationRunExtras(stored.result);
  const outputs = extras?.promptOutputs;
  const ledger = extras?.ledger;
  if (!outputs || !ledger) return null;
  const vocabulary = new Map(Array.from(outputs.vocabulary.ids, (id, i) => [id, outputs.vocabulary.texts[i]]));
  const textOf = (id: number) => vocabulary.get(id) ?? `#${id}`;
  const explanations = new Map(latentRewriteInputs(db, Number(stored.inputRefs.cacheId)).map((r) => [r.latent, r.explanation]));
  const costs = latentCostsOnPrompt(ledger.oracleEntries, prompt).map((c) => ({ ...c, explanation: explanations.get(c.latent) ?? null }));
  const T = outputs.promptLength;
  const perPrompt = outputs.clean.ids.length / stored.result.promptCount;
  const next = (top: PromptOutputs["clean"]) =>
    Array.from(top.ids.subarray(prompt * perPrompt, (prompt + 1) * perPrompt), (id, j) => ({ text: textOf(id), probability: top.probs[prompt * perPrompt + j] }));
  return {
    runId,
    prompt,
    promptCount: stored.result.promptCount,
    hookpoint: stored.inputRefs.hookpoint ?? "",
    tokens: Array.from(outputs.tokenIds.subarray(prompt * T, (prompt + 1) * T), textOf),
    target: textOf(outputs.targetIds[prompt]),
    ceNats: { clean: stored.result.baselines.cleanCeNats[prompt], coderAlone: ledger.coderAloneCeNats[prompt], rewritten: ledger.fullRewriteCeNats[prompt] },
    clean: next(outputs.clean),
    rewritten: next(outputs.rewritten),
    costliest: costs.filter((c) => c.gainNats > 0).slice(0, PROMPT_COST_ROWS),
    helpful: costs.filter((c) => c.gainNats < 0).reverse().slice(0, PROMPT_COST_ROWS),
  };
}
