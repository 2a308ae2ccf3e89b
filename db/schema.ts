import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A registered model pack: HF snapshot + sparsify coders + corpus, identified by its weights' headers. */
export const packs = sqliteTable("packs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  dir: text("dir").notNull(),
  identity: text("identity").notNull(),
  summaryJson: text("summary_json").notNull(),
  registeredAt: text("registered_at").notNull(),
});

/**
 * One coder of one pack and its activation cache (binary files under `dir`). The row outlives cache rebuilds, so
 * explanations and scores stored against its latents survive a re-run with more tokens.
 */
export const activationCaches = sqliteTable(
  "activation_caches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    packIdentity: text("pack_identity").notNull(),
    hookpoint: text("hookpoint").notNull(),
    coderKind: text("coder_kind", { enum: ["transcoder", "sae"] }).notNull(),
    dir: text("dir").notNull(),
    numLatents: integer("num_latents").notNull(),
    contextLength: integer("context_length").notNull(),
    numContexts: integer("num_contexts").notNull(),
    numTokens: integer("num_tokens").notNull(),
    nonZeros: integer("non_zeros").notNull(),
    /** Tokens per example window of the summaries (delphi: 32). */
    windowLength: integer("window_length").notNull().default(32),
    /** Latents [0, summarizedLatents) have their summary rows; a killed summary resumes here. */
    summarizedLatents: integer("summarized_latents").notNull().default(0),
    builtAt: text("built_at").notNull(),
    summarizedAt: text("summarized_at"),
    /** What the cache was built from (corpus, seed, token count); a different one is a different cache. */
    sourceKey: text("source_key"),
  },
  (table) => [uniqueIndex("activation_caches_pack_hookpoint").on(table.packIdentity, table.hookpoint)],
);

/**
 * Per-latent summary of the cache plus the current explanation and its scores (filled by later stages). The
 * explanation is indexed by the FTS5 table `latents_fts` (external content, kept in sync by triggers; see the
 * custom migration).
 */
export const latents = sqliteTable(
  "latents",
  {
    // An INTEGER PRIMARY KEY is a stable rowid, which the external-content FTS index refers to.
    id: integer("id").primaryKey({ autoIncrement: true }),
    cacheId: integer("cache_id")
      .notNull()
      .references(() => activationCaches.id, { onDelete: "cascade" }),
    latent: integer("latent").notNull(),
    nonZeroCount: integer("non_zero_count").notNull(),
    frequency: real("frequency").notNull(),
    maxActivation: real("max_activation").notNull(),
    meanNonZero: real("mean_non_zero").notNull(),
    explanation: text("explanation"),
    detectionScore: real("detection_score"),
    fuzzingScore: real("fuzzing_score"),
  },
  (table) => [
    uniqueIndex("latents_cache_latent").on(table.cacheId, table.latent),
    index("latents_cache_frequency").on(table.cacheId, table.frequency),
    index("latents_cache_max").on(table.cacheId, table.maxActivation),
    index("latents_cache_detection").on(table.cacheId, table.detectionScore),
    index("latents_cache_fuzzing").on(table.cacheId, table.fuzzingScore),
  ],
);

/**
 * The bulky part of a latent's summary, apart so that listing and sorting 32K latents reads small rows.
 * The exact distribution stays in the cache's CSR files; these are for display and quick lookups.
 */
export const latentDistributions = sqliteTable("latent_distributions", {
  latentId: integer("latent_id")
    .primaryKey()
    .references(() => latents.id, { onDelete: "cascade" }),
  /** Float64 edges (bins + 1) and Uint32 counts of the non-zero activations. */
  histogramEdges: blob("histogram_edges", { mode: "buffer" }).notNull(),
  histogramCounts: blob("histogram_counts", { mode: "buffer" }).notNull(),
  /** Float32 percentiles 0, 1, …, 100 of the non-zero activations (Hyndman–Fan type 7). */
  quantiles: blob("quantiles", { mode: "buffer" }).notNull(),
});

/**
 * Example windows of a latent, as global window indices (Uint32 BLOB) into the cache's tokens: `top` (bin 0,
 * by max activation, descending) and `quantile` (bins 0 = weakest … 9 = strongest), as delphi samples them.
 */
export const latentExamples = sqliteTable(
  "latent_examples",
  {
    latentId: integer("latent_id")
      .notNull()
      .references(() => latents.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["top", "quantile"] }).notNull(),
    bin: integer("bin").notNull(),
    windows: blob("windows", { mode: "buffer" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.latentId, table.kind, table.bin] })],
);

/** Latents whose decoder directions are closest (cosine of W_dec rows), rank 0 nearest. */
export const latentNeighbours = sqliteTable(
  "latent_neighbours",
  {
    latentId: integer("latent_id")
      .notNull()
      .references(() => latents.id, { onDelete: "cascade" }),
    rank: integer("rank").notNull(),
    neighbour: integer("neighbour").notNull(),
    cosine: real("cosine").notNull(),
  },
  (table) => [primaryKey({ columns: [table.latentId, table.rank] })],
);

/** Long-running work (cache, explain, score, …), persisted so a killed process resumes from its progress. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    paramsJson: text("params_json").notNull(),
    /** "interrupted": its process died or was stopped before it finished; resumable from /jobs or a CLI rerun. */
    status: text("status", { enum: ["queued", "running", "done", "failed", "interrupted"] }).notNull(),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    message: text("message"),
    error: text("error"),
    createdAt: text("created_at").notNull(),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
    /** Refreshed while the job runs; a running job with an old heartbeat was killed and may be resumed. */
    heartbeatAt: text("heartbeat_at"),
    /** The process that queued or runs the job: on its own host, a dead pid means the job was interrupted. */
    ownerPid: integer("owner_pid"),
    ownerHost: text("owner_host"),
  },
  (table) => [index("jobs_status").on(table.status, table.id)],
);

/**
 * Every explanation a latent has had: generated (LLM or statistical baseline), imported (delphi) or edited by a
 * user. `parentId` links an edit to the version it started from; the current one is mirrored into `latents`.
 */
export const explanations = sqliteTable(
  "explanations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cacheId: integer("cache_id")
      .notNull()
      .references(() => activationCaches.id, { onDelete: "cascade" }),
    latent: integer("latent").notNull(),
    text: text("text").notNull(),
    /** "llm", "statistical-baseline", "delphi-import" or "user". */
    sourceKind: text("source_kind").notNull(),
    /** The LLM's model name, the importing file, or null. */
    sourceDetail: text("source_detail"),
    parentId: integer("parent_id"),
    /** The model name the LLM server reported, when it differs from the configured one in sourceDetail (Ollama adds a tag). */
    servedModel: text("served_model"),
    isCurrent: integer("is_current", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull(),
  },
  (table) => [index("explanations_cache_latent").on(table.cacheId, table.latent, table.id)],
);

/** A detection or fuzzing score of one explanation by one scorer (an LLM or the lexical baseline). */
export const explanationScores = sqliteTable(
  "explanation_scores",
  {
    explanationId: integer("explanation_id")
      .notNull()
      .references(() => explanations.id, { onDelete: "cascade" }),
    scorer: text("scorer", { enum: ["detection", "fuzzing"] }).notNull(),
    /** "llm:<model>", "lexical-baseline" or "delphi-import". */
    scorerSource: text("scorer_source").notNull(),
    balancedAccuracy: real("balanced_accuracy").notNull(),
    precision: real("precision"),
    recall: real("recall"),
    f1: real("f1"),
    auc: real("auc"),
    exampleCount: integer("example_count").notNull(),
    failedCount: integer("failed_count").notNull(),
    /** Per-example outcomes as JSON (delphi's score file shape), for display and export. */
    detailsJson: text("details_json"),
    /** The model name the LLM server reported, when it differs from the one in scorerSource. */
    servedModel: text("served_model"),
    createdAt: text("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.explanationId, table.scorer, table.scorerSource] })],
);

/**
 * Why the latest explain or score attempt of a latent stored nothing (no explanation could be read from the answer,
 * no example got a usable answer), per stage and explainer / scorer, for the latent page. A later success of the
 * same stage and source removes it.
 */
export const latentFailures = sqliteTable(
  "latent_failures",
  {
    cacheId: integer("cache_id")
      .notNull()
      .references(() => activationCaches.id, { onDelete: "cascade" }),
    latent: integer("latent").notNull(),
    stage: text("stage", { enum: ["explain", "detection", "fuzzing"] }).notNull(),
    /** The explainer or scorer: "llm:<model>", "statistical-baseline", "lexical-baseline". */
    source: text("source").notNull(),
    /** The explanation a score failed for; null for explain failures. */
    explanationId: integer("explanation_id").references(() => explanations.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    detail: text("detail").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.cacheId, table.latent, table.stage, table.source] })],
);

/**
 * The prediction cache: one simulator answer per (simulator, explanation text, context). Nothing is asked twice,
 * and each answer is committed as it arrives, so a killed run resumes without losing finished predictions.
 */
export const predictions = sqliteTable(
  "predictions",
  {
    /** "llm:<model>" or "lexical-baseline". */
    simulatorId: text("simulator_id").notNull(),
    /** sha256 of the explanation text (hex, first 32 chars). */
    explanationHash: text("explanation_hash").notNull(),
    /** "<cacheId>:<global token index>:<window length>": the context ends at that token. */
    contextId: text("context_id").notNull(),
    ok: integer("ok", { mode: "boolean" }).notNull(),
    /** Expected digit Σ p(d)·d on 0–9; null when the prediction failed. */
    prediction: real("prediction"),
    /** Float32 [10] digit probabilities (LLM only). */
    digitProbs: blob("digit_probs", { mode: "buffer" }),
    failureReason: text("failure_reason"),
    createdAt: text("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.simulatorId, table.explanationHash, table.contextId] })],
);

/** An evaluation run (paper Figure 3): config + seed reproduce it; per-prompt losses live in `evaluation_arrays`. */
export const evaluationRuns = sqliteTable(
  "evaluation_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cacheId: integer("cache_id")
      .notNull()
      .references(() => activationCaches.id, { onDelete: "cascade" }),
    packIdentity: text("pack_identity").notNull(),
    simulatorId: text("simulator_id").notNull(),
    seed: integer("seed").notNull(),
    configJson: text("config_json").notNull(),
    status: text("status", { enum: ["running", "done", "failed"] }).notNull(),
    promptCount: integer("prompt_count").notNull(),
    /** The result without its large arrays (summaries, calibration descriptors, Figure-3 tables). */
    resultJson: text("result_json"),
    error: text("error"),
    createdAt: text("created_at").notNull(),
    finishedAt: text("finished_at"),
  },
  (table) => [index("evaluation_runs_cache").on(table.cacheId, table.id)],
);

/** Named binary arrays of a run (per-prompt CE in nats as Float64, per-latent counts), never JSON arrays. */
export const evaluationArrays = sqliteTable(
  "evaluation_arrays",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => evaluationRuns.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    dtype: text("dtype", { enum: ["f64", "f32", "u32", "i32"] }).notNull(),
    data: blob("data", { mode: "buffer" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.name] })],
);

/** Server-wide settings (the active pack's name), so the app and the CLI agree on what is shown. */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * What one simulation of one explanation measured on a latent: correlation, CDFs, the quantile map and the
 * rewrite impact. Keeps every edited version's metrics so versions can be compared side by side.
 */
export const explanationSimulations = sqliteTable(
  "explanation_simulations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    explanationId: integer("explanation_id")
      .notNull()
      .references(() => explanations.id, { onDelete: "cascade" }),
    /** "llm:<model>" or "lexical-baseline". */
    simulatorId: text("simulator_id").notNull(),
    contextCount: integer("context_count").notNull(),
    failedCount: integer("failed_count").notNull(),
    correlation: real("correlation"),
    /** Mean CE change (nats) of rewriting only this latent on the evaluation prompts; null when not measured. */
    rewriteImpactNats: real("rewrite_impact_nats"),
    /** Plain JSON of the charts' data (CDF points, quantile map, impact details); small, per latent. */
    resultJson: text("result_json").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (table) => [index("explanation_simulations_explanation").on(table.explanationId, table.id)],
);

/** An immutable shared result page `/s/<slug>`: the data it renders, frozen when Share was pressed. */
export const shares = sqliteTable("shares", {
  slug: text("slug").primaryKey(),
  kind: text("kind", { enum: ["latent", "run"] }).notNull(),
  title: text("title").notNull(),
  description: text("description").notNull(),
  packName: text("pack_name").notNull(),
  packIdentity: text("pack_identity").notNull(),
  /** The rendered data, config and pack summary as JSON; never rewritten after creation. */
  snapshotJson: text("snapshot_json").notNull(),
  createdAt: text("created_at").notNull(),
});
