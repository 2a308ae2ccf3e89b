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
    status: text("status", { enum: ["queued", "running", "done", "failed"] }).notNull(),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    message: text("message"),
    error: text("error"),
    createdAt: text("created_at").notNull(),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
    /** Refreshed while the job runs; a running job with an old heartbeat was killed and may be resumed. */
    heartbeatAt: text("heartbeat_at"),
  },
  (table) => [index("jobs_status").on(table.status, table.id)],
);
