// The editor's rewrite impact (§2.3 with the chosen set {latent}) on development prompts: held-out chunks that the
// latest evaluation run's test prompts did not take, so tuning an explanation never sees the test set of the
// Figure-3 runs. The clean runs of those prompts are kept per process, so only the first simulation pays for them.
import type { ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { listEvaluationRuns } from "@/db/evaluation-runs";
import type { QuantileCalibrationSet } from "@/lib/calibrate";
import { documentTokenizer } from "@/lib/corpus/pack-corpus";
import { rewriteImpactOfLatent, type CoderAdapter } from "@/lib/evaluate";
import { derivedSeed } from "@/lib/core/derived-seed";
import { evaluationStageSettings } from "@/lib/evaluate";
import { heldoutPromptContexts, heldoutPrompts } from "@/lib/evaluate";
import { packCoderAdapter } from "@/lib/evaluate";
import { packEvaluationInputs } from "@/lib/evaluate";
import { stagePredictRaw } from "@/lib/evaluate";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import type { SimulationContext, Simulator } from "@/lib/simulate";
import type { RewriteImpactData } from "./explorer-data";

export interface RewriteImpactEnvironment {
  readonly coder: CoderAdapter;
  /** [P·L] true relu'd pre-activations at the prompts' last tokens. */
  readonly trueActivations: Float32Array;
  /** The prompts' last windows as the simulator reads them. */
  readonly contexts: readonly SimulationContext[];
  /** [P] coder-alone CE, filled by the first measurement. */
  coderAloneCeNats?: Float64Array;
  /** The evaluation run whose test prompts these development prompts avoid; null without one (default settings). */
  readonly testRunId: number | null;
  /** Names the development prompts (pack, coder, prompt settings), so two measurements pair only on the same set. */
  readonly promptSetKey: string;
}

interface PromptSettings {
  readonly runId: number | null;
  readonly seed: number;
  readonly promptCount: number;
  readonly promptLength: number;
  readonly windowLength: number;
}

/** The newest finished run of this cache names the prompts; without one, the evaluation's default settings. */
function promptSettings(db: RewriteDatabase, cacheId: number): PromptSettings {
  const run = listEvaluationRuns(db).find((row) => row.cacheId === cacheId && row.status === "done");
  if (!run) {
    const defaults = evaluationStageSettings(0);
    return { runId: null, seed: 0, promptCount: defaults.promptCount, promptLength: defaults.promptLength, windowLength: defaults.windowLength };
  }
  const inputs = (JSON.parse(run.configJson) as { inputs: Record<string, string> }).inputs;
  return {
    runId: run.id,
    seed: run.seed,
    promptCount: Number(inputs.promptCount),
    promptLength: Number(inputs.promptLength),
    windowLength: Number(inputs.windowLength),
  };
}

const holder = globalThis as unknown as { rewriteImpactEnvironments?: Map<string, Promise<RewriteImpactEnvironment>> };

async function buildEnvironment(db: RewriteDatabase, runtime: PackRuntime, cacheRow: ActivationCacheRow, settings: PromptSettings, promptSetKey: string): Promise<RewriteImpactEnvironment> {
  // The evaluation's own reading of the pack (tokenizer, held-out documents, corpus fingerprint), so the prompts match its runs'.
  const { model, heldout } = packEvaluationInputs(db, runtime, cacheRow, { id: "explorer", predictRaw: async () => new Float64Array(0) });
  const prompts = heldoutPrompts(heldout.documents, {
    tokenize: documentTokenizer(model.tokenize),
    separatorId: model.separatorId,
    promptCount: settings.promptCount,
    promptLength: settings.promptLength,
    seed: derivedSeed(settings.seed, "development-prompts"),
    // The evaluation stage draws its test prompts with this seed (evaluation-stage.ts).
    disjointFrom: { promptCount: settings.promptCount, seed: derivedSeed(settings.seed, "heldout-prompts") },
  });
  const clean = await packCoderAdapter(model.model, model.coder, cacheRow.hookpoint, prompts);
  return {
    coder: clean.coder,
    trueActivations: clean.trueActivations,
    contexts: heldoutPromptContexts(prompts, settings.windowLength, model.tokenText),
    testRunId: settings.runId,
    promptSetKey,
  };
}

/** The process-wide environment of one coder of a pack, on the newest evaluation run's prompts. */
export function rewriteImpactEnvironment(db: RewriteDatabase, runtime: PackRuntime, cacheRow: ActivationCacheRow): Promise<RewriteImpactEnvironment> {
  const settings = promptSettings(db, cacheRow.id);
  const key = `${runtime.identity}|${cacheRow.hookpoint}|${JSON.stringify(settings)}`;
  const environments = (holder.rewriteImpactEnvironments ??= new Map());
  let environment = environments.get(key);
  if (!environment) {
    environment = buildEnvironment(db, runtime, cacheRow, settings, key);
    environments.set(key, environment);
    // A failed build is not kept: the next simulation tries again.
    environment.catch(() => environments.delete(key));
  }
  return environment;
}

/** The one-latent calibration set widened to the coder's latents (the others unfitted: rewriteImpactOfLatent never reads them). */
function widenedCalibration(fitted: QuantileCalibrationSet, latent: number, numLatents: number): QuantileCalibrationSet {
  const latents = Array.from({ length: numLatents }, (_, l) => (l === latent ? fitted.latents[0] : { failedPredictionCount: 0, normalizer: null }));
  return { ...fitted, latents };
}

export interface RewriteImpactRequest {
  readonly db: RewriteDatabase;
  readonly environment: RewriteImpactEnvironment;
  readonly latent: number;
  readonly explanation: string;
  readonly simulator: Simulator;
  /** This latent's calibration, fitted on one latent (simulateExplanation's). */
  readonly calibration: QuantileCalibrationSet;
  readonly signal?: AbortSignal;
}

/** The explanation simulated on the prompts (LLM answers through the prediction cache), calibrated, decoded and scored. */
export async function measureLatentRewriteImpact(request: RewriteImpactRequest): Promise<RewriteImpactData> {
  const { environment, latent } = request;
  const rawPredictions = await stagePredictRaw(request.db, request.simulator, request.signal)(latent, request.explanation, environment.contexts);
  const impact = await rewriteImpactOfLatent(latent, {
    coder: environment.coder,
    trueActivations: environment.trueActivations,
    rawPredictions,
    calibration: widenedCalibration(request.calibration, latent, environment.coder.numLatents),
    coderAloneCeNats: environment.coderAloneCeNats,
  });
  environment.coderAloneCeNats ??= impact.coderAloneCeNats;
  return {
    meanCeChangeNats: impact.meanCeChangeNats,
    promptCount: rawPredictions.length,
    changedPromptCount: impact.changedPromptCount,
    missingPredictionCount: impact.missingPredictionCount,
    promptSet: "development",
    testRunId: environment.testRunId,
    ceChangeNats: Array.from(impact.ceChangeNats),
    promptSetKey: environment.promptSetKey,
  };
}

/**
 * Starts building the environment in the background (the latent page calls it), so the first Re-simulate finds
 * the clean runs done. Errors are left for the simulation itself to report.
 */
export function prewarmRewriteImpact(db: RewriteDatabase, runtime: PackRuntime, cacheRow: ActivationCacheRow): void {
  if (runtime.identity !== cacheRow.packIdentity) return;
  rewriteImpactEnvironment(db, runtime, cacheRow).catch(() => {});
}
