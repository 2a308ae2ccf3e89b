// EvaluationRunStore in SQLite: the result's JSON skeleton in evaluation_runs.result_json, every typed array
// (per-prompt CE, per-latent counts, …) as a BLOB row of evaluation_arrays; config + inputs in config_json.
import type { RewriteDatabase } from "@/db/client";
import { findEvaluationRun, insertFinishedEvaluationRun, listEvaluationRuns, readEvaluationArrays } from "@/db/evaluation-runs";
import { blobOf, typedArrayOf } from "@/db/typed-blob";
import type { EvaluationRunListing, EvaluationRunStore, StoredEvaluationRun } from "./evaluation-run-store";
import type { RewriteEvaluationResult } from "./rewrite-evaluation";
import { joinTypedArrays, splitTypedArrays, type ArrayDtype, type StoredTypedArray } from "./typed-array-json";

/** The inputRefs every stored run must name (the evaluation_runs columns they fill). */
export const REQUIRED_INPUT_REFS = ["cacheId", "packIdentity", "simulatorId", "coderKind"] as const;

/** What config_json holds: the evaluation settings and what the run read. Equal JSON = the same run. */
export function evaluationRunConfigJson(config: RewriteEvaluationResult["config"], inputRefs: Readonly<Record<string, string>>): string {
  const sortedRefs = Object.fromEntries(Object.entries(inputRefs).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ evaluation: config, inputs: sortedRefs });
}

function typedArrayOfDtype(data: Buffer, dtype: ArrayDtype): StoredTypedArray {
  if (dtype === "f64") return typedArrayOf(data, Float64Array);
  if (dtype === "f32") return typedArrayOf(data, Float32Array);
  if (dtype === "u32") return typedArrayOf(data, Uint32Array);
  return typedArrayOf(data, Int32Array);
}

function parseConfigJson(configJson: string): { inputs: Record<string, string> } {
  return JSON.parse(configJson) as { inputs: Record<string, string> };
}

export class SqliteEvaluationRunStore implements EvaluationRunStore {
  constructor(
    private readonly db: RewriteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async save(run: StoredEvaluationRun): Promise<string> {
    for (const key of REQUIRED_INPUT_REFS) {
      if (!run.inputRefs[key]) throw new Error(`inputRefs.${key} is missing; a stored run must name the cache, pack, coder and simulator it read`);
    }
    if (run.inputRefs.coderKind !== run.result.coderKind) {
      throw new Error(`inputRefs.coderKind is "${run.inputRefs.coderKind}" but the result is of a ${run.result.coderKind}`);
    }
    const cacheId = Number(run.inputRefs.cacheId);
    if (!Number.isSafeInteger(cacheId)) throw new Error(`inputRefs.cacheId must be an activation cache id, got "${run.inputRefs.cacheId}"`);
    const { json, arrays } = splitTypedArrays(run.result);
    const id = insertFinishedEvaluationRun(
      this.db,
      {
        cacheId,
        packIdentity: run.inputRefs.packIdentity,
        simulatorId: run.inputRefs.simulatorId,
        seed: run.result.config.seed,
        configJson: evaluationRunConfigJson(run.result.config, run.inputRefs),
        promptCount: run.result.promptCount,
        resultJson: json,
      },
      arrays.map(({ name, dtype, data }) => ({ name, dtype, data: blobOf(data) })),
      this.now(),
    );
    return String(id);
  }

  async load(id: string): Promise<StoredEvaluationRun | undefined> {
    const runId = Number(id);
    if (!Number.isSafeInteger(runId)) return undefined;
    const row = findEvaluationRun(this.db, runId);
    if (!row || row.status !== "done" || row.resultJson === null) return undefined;
    const arrays = new Map<string, StoredTypedArray>(
      readEvaluationArrays(this.db, runId).map(({ name, dtype, data }) => [name, typedArrayOfDtype(data, dtype)]),
    );
    return { inputRefs: parseConfigJson(row.configJson).inputs, result: joinTypedArrays(row.resultJson, arrays) as RewriteEvaluationResult };
  }

  async list(): Promise<EvaluationRunListing[]> {
    return listEvaluationRuns(this.db)
      .filter((row) => row.status === "done")
      .map((row) => {
        const inputRefs = parseConfigJson(row.configJson).inputs;
        return {
          id: String(row.id),
          seed: row.seed,
          coderKind: inputRefs.coderKind as EvaluationRunListing["coderKind"],
          promptCount: row.promptCount,
          inputRefs,
        };
      });
  }
}
