// Every protocol choice of a stored run, next to what the paper did, so a page (and a shared snapshot of it)
// states how its numbers were made and where they differ from §2–§3 of the paper.
import type { CalibrationRecord } from "./rewrite-evaluation";
import type { RewriteEvaluationConfig } from "./evaluation-config";
import type { ReferenceBaseline } from "./reference-verdict";

export interface ProtocolChoice {
  readonly name: string;
  readonly ours: string;
  readonly paper: string;
  /** true where this run departs from the paper (or the paper does not say). */
  readonly differs: boolean;
}

export interface RunProtocolInputs {
  readonly config: Partial<RewriteEvaluationConfig> & Pick<RewriteEvaluationConfig, "bootstrapResamples" | "ciLevel">;
  readonly coderKind: "transcoder" | "sae";
  readonly promptCount: number;
  readonly inputs: Readonly<Record<string, string>>;
  readonly calibrations: readonly Pick<CalibrationRecord, "mode" | "target" | "estimator" | "tieRule" | "contextCount">[];
  readonly references: readonly Pick<ReferenceBaseline, "id" | "label" | "role">[];
}

export function runProtocol(run: RunProtocolInputs): ProtocolChoice[] {
  const { config, inputs } = run;
  const quantile = run.calibrations.find((c) => c.mode === "calibrated-quantile");
  const unrewritten = config.unrewrittenLatents;
  const simulator = inputs.simulatorId ?? "unknown";
  const llm = simulator.startsWith("llm:");
  const paperPrompts = run.coderKind === "sae" ? "1K" : "10K";
  const primary = run.references.find((r) => r.role === "primary");
  return [
    {
      name: "latents not rewritten keep",
      ours:
        unrewritten === "transcoder-topk"
          ? "the transcoder's own TopK output (active set and values)"
          : unrewritten === "pre-topk-backfill"
            ? "their pre-TopK values (lower-ranked true latents back-fill freed slots)"
            : "not recorded: this run predates the setting and back-filled from pre-TopK values",
      paper: "their true values, then TopK(k)",
      differs: unrewritten !== "transcoder-topk",
    },
    {
      name: "simulator",
      ours: llm ? `${simulator}: expected value over the digits 0–9` : `${simulator}: an offline string-matching baseline, not an LLM`,
      paper: "Llama 3 8B Instruct, expected value over the digit probabilities",
      differs: !llm,
    },
    {
      name: "evaluation prompts",
      ours: `${run.promptCount} held-out prompts of ${inputs.promptLength ?? "?"} tokens, last token patched and scored`,
      paper: `${paperPrompts} prompts, last token patched and scored`,
      differs: true,
    },
    {
      name: "calibration sample",
      ours: quantile ? `${quantile.contextCount} training-split contexts, one token each` : "—",
      paper: "10K contexts",
      differs: true,
    },
    {
      name: "calibration target",
      ours: quantile?.target === "cache" ? `(a) the activation cache, ${inputs.cacheTokens ?? "?"} tokens` : "(b) the true activations on the calibration contexts (App. B)",
      paper: "(a) 10M tokens; (b) in App. B",
      differs: quantile?.target !== "cache",
    },
    {
      name: "quantile estimator / ties",
      ours: quantile ? `${quantile.estimator}; tied predictions → ${quantile.tieRule ?? "mid-rank (not recorded)"}` : "—",
      paper: "empirical quantiles; tie handling not stated",
      differs: true,
    },
    {
      name: "reference",
      ours: primary ? `${primary.label}${run.coderKind === "sae" ? " and mean ablation (zeroing the residual stream is not a meaningful reference)" : ""}` : "—",
      paper: "zero ablation (MLP output 0; the SAE's residual likewise)",
      differs: run.coderKind === "sae",
    },
    {
      name: "verdict",
      ours: `paired bootstrap CI of the per-prompt difference (rewrite − reference), ${config.bootstrapResamples} resamples, ${Math.round(config.ciLevel * 100)}%`,
      paper: "bootstrap CIs of each bar (comparison method not stated)",
      differs: true,
    },
    {
      name: "sensitivity / specificity",
      ours:
        config.rawActiveThreshold === undefined
          ? "after TopK only (this run predates the pre-TopK measure)"
          : `before TopK, raw (> ${config.rawActiveThreshold}) and calibrated (> 0), on every simulated context; after TopK as an extra`,
      paper: "per latent, predicted vs true active (§3.1, Fig. 4)",
      differs: config.rawActiveThreshold === undefined,
    },
  ];
}
