// The plan shown before a stage starts: what it asks of the LLM (call-estimate.ts), how long that takes at a
// configured or measured rate, and what it costs at a configured price per million tokens.
import { z } from "zod";
import { formatDuration } from "@/lib/core/format-duration";
import type { CallEstimate } from "./call-estimate";

export interface PlanSettings {
  /** Prompts the server answers per second (REWRITE_LLM_PROMPTS_PER_S); wins over a measured rate. */
  promptsPerS: number | null;
  /** US dollars per million prompt / completion tokens (REWRITE_LLM_PRICE_PER_MTOK_IN / _OUT). */
  pricePerMTokIn: number | null;
  pricePerMTokOut: number | null;
}

/** A rate and where it comes from, e.g. "configured (REWRITE_LLM_PROMPTS_PER_S)". */
export interface PlanRate {
  promptsPerS: number;
  source: string;
}

export interface LlmPlan extends CallEstimate {
  rate: PlanRate | null;
  /** null without a rate. */
  wallSeconds: number | null;
  /** null without a price. */
  costUsd: number | null;
}

const positiveNumber = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?([eE][+-]?\d+)?$/, `${name} must be a non-negative number`)
    .transform(Number)
    .optional();

const planEnvSchema = z.object({
  REWRITE_LLM_PROMPTS_PER_S: positiveNumber("REWRITE_LLM_PROMPTS_PER_S").refine((x) => x === undefined || x > 0, "REWRITE_LLM_PROMPTS_PER_S must be above 0"),
  REWRITE_LLM_PRICE_PER_MTOK_IN: positiveNumber("REWRITE_LLM_PRICE_PER_MTOK_IN"),
  REWRITE_LLM_PRICE_PER_MTOK_OUT: positiveNumber("REWRITE_LLM_PRICE_PER_MTOK_OUT"),
});

/** The plan's settings from the environment; throws naming the variable and its bad value. */
export function readPlanSettings(env: Record<string, string | undefined>): PlanSettings {
  const parsed = planEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.message} (got ${JSON.stringify(env[String(issue.path[0])] ?? null)})`);
    throw new Error(`Invalid plan settings: ${problems.join("; ")}`);
  }
  const v = parsed.data;
  return {
    promptsPerS: v.REWRITE_LLM_PROMPTS_PER_S ?? null,
    pricePerMTokIn: v.REWRITE_LLM_PRICE_PER_MTOK_IN ?? null,
    pricePerMTokOut: v.REWRITE_LLM_PRICE_PER_MTOK_OUT ?? null,
  };
}

export function planFor(estimate: CallEstimate, settings: PlanSettings, measured: PlanRate | null = null): LlmPlan {
  const rate = settings.promptsPerS !== null ? { promptsPerS: settings.promptsPerS, source: "configured (REWRITE_LLM_PROMPTS_PER_S)" } : measured;
  const priced = settings.pricePerMTokIn !== null || settings.pricePerMTokOut !== null;
  const costUsd = priced ? (estimate.promptTokens * (settings.pricePerMTokIn ?? 0) + estimate.completionTokens * (settings.pricePerMTokOut ?? 0)) / 1e6 : null;
  return { ...estimate, rate, wallSeconds: rate ? estimate.calls / rate.promptsPerS : null, costUsd };
}

/**
 * Prompts per second over the latest stretch of answers without a pause longer than `maxGapMs`, from their commit
 * times (latest last or in any order). Answers stamped with the stretch's first time were asked before it began, so
 * only the later ones count. null with fewer than two distinct times.
 */
export function measuredPromptsPerS(timesMs: readonly number[], maxGapMs = 60_000): number | null {
  const sorted = [...timesMs].sort((a, b) => b - a);
  let start = 0;
  while (start + 1 < sorted.length && sorted[start] - sorted[start + 1] <= maxGapMs) start += 1;
  const first = sorted[start];
  const spanMs = sorted[0] - first;
  if (!(spanMs > 0)) return null;
  const after = sorted.slice(0, start + 1).filter((t) => t > first).length;
  return (1000 * after) / spanMs;
}

const money = (usd: number) => `$${usd < 100 ? usd.toFixed(2) : Math.round(usd).toLocaleString("en-US")}`;

/** The time and cost half of the plan, e.g. "≈ 2 h 13 min at 1,200 prompts/s (configured …); ≈ $12.40 (…)". */
export function describePlanTime(plan: LlmPlan, settings: PlanSettings): string {
  if (plan.calls === 0) return "nothing to wait for";
  const time =
    plan.rate && plan.wallSeconds !== null
      ? `≈ ${formatDuration(plan.wallSeconds)} at ${Math.round(plan.rate.promptsPerS).toLocaleString("en-US")} prompts/s, ${plan.rate.source}`
      : "wall time unknown: set REWRITE_LLM_PROMPTS_PER_S (measure it with `npm run bench -- simulation` or a short run)";
  const cost =
    plan.costUsd !== null
      ? `≈ ${money(plan.costUsd)} at $${settings.pricePerMTokIn ?? 0} / $${settings.pricePerMTokOut ?? 0} per million prompt / completion tokens`
      : "no price configured (REWRITE_LLM_PRICE_PER_MTOK_IN / _OUT)";
  return `${time}; ${cost}`;
}
