// Where evaluation runs are kept. The run is a plain object (config with its seed, per-prompt CE as
// Float64Array, summaries), so a store can write the typed arrays as BLOBs and the rest as JSON; the SQLite
// store implements this same interface.
import type { RewriteEvaluationResult } from "./rewrite-evaluation";

export interface StoredEvaluationRun {
  /** Identifiers of what the run read (pack, activation cache, simulation, calibration), for reproduction. */
  readonly inputRefs: Readonly<Record<string, string>>;
  readonly result: RewriteEvaluationResult;
}

export interface EvaluationRunListing {
  readonly id: string;
  readonly seed: number;
  readonly coderKind: "transcoder" | "sae";
  readonly promptCount: number;
  readonly inputRefs: Readonly<Record<string, string>>;
}

export interface EvaluationRunStore {
  /** Stores a copy; returns the new run's id. */
  save(run: StoredEvaluationRun): Promise<string>;
  /** A copy of the stored run, or undefined for an unknown id. */
  load(id: string): Promise<StoredEvaluationRun | undefined>;
  list(): Promise<EvaluationRunListing[]>;
}

/** For tests and for the CLI without a database: copies in and out (structuredClone keeps typed arrays). */
export class InMemoryEvaluationRunStore implements EvaluationRunStore {
  private readonly runs = new Map<string, StoredEvaluationRun>();

  async save(run: StoredEvaluationRun): Promise<string> {
    const id = `run-${this.runs.size + 1}`;
    this.runs.set(id, structuredClone(run));
    return id;
  }

  async load(id: string): Promise<StoredEvaluationRun | undefined> {
    const run = this.runs.get(id);
    return run === undefined ? undefined : structuredClone(run);
  }

  async list(): Promise<EvaluationRunListing[]> {
    return Array.from(this.runs, ([id, { inputRefs, result }]) => ({
      id,
      seed: result.config.seed,
      coderKind: result.coderKind,
      promptCount: result.promptCount,
      inputRefs,
    }));
  }
}
