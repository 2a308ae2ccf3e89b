import type { RewriteDatabase } from "@/db/client";
import { scoresOfExplanation } from "@/db/explanation-scores";
import { currentExplanations } from "@/db/explanations";
import { latentFailuresOf, type LatentFailureStage } from "@/db/latent-failures";

export interface ExplanationProvenance {
  text: string;
  /** Who wrote it, in words a reader cannot mistake: baselines are never presented as an LLM's. */
  sourceLabel: string;
  isBaseline: boolean;
  createdAt: string;
  scores: { scorer: "detection" | "fuzzing"; scorerSource: string; scorerLabel: string; balancedAccuracy: number; exampleCount: number; failedCount: number }[];
}

const SOURCE_LABELS: Record<string, string> = {
  "statistical-baseline": "statistical baseline (offline, from cache token statistics; not an LLM)",
  "contrastive-baseline": "contrastive statistical baseline (offline, tokens that separate it from its nearest latents; not an LLM)",
  "delphi-import": "imported from delphi",
  user: "edited by a user",
};

// The configured model, and the name the server answered with when it differs (Ollama adds a tag, llama.cpp may
// report its file): both, since either may be what a reader needs to reproduce the run.
function modelLabel(model: string, servedModel?: string | null): string {
  return servedModel && servedModel !== model ? `${model}; the server reported ${servedModel}` : model;
}

export function explanationSourceLabel(kind: string, detail: string | null, servedModel?: string | null): string {
  if (kind === "llm") return `LLM${detail ? ` (${modelLabel(detail, servedModel)})` : ""}`;
  return SOURCE_LABELS[kind] ?? kind;
}

export function scorerSourceLabel(source: string, servedModel?: string | null): string {
  if (source === "lexical-baseline") return "lexical baseline (offline string matching; not an LLM)";
  if (source.startsWith("llm:")) return `LLM (${modelLabel(source.slice(4), servedModel)})`;
  if (source === "delphi-import") return "imported from delphi";
  return source;
}

/** The latent's current explanation with where it came from and every score of it, each with its scorer. */
export function explanationProvenance(db: RewriteDatabase, cacheId: number, latent: number): ExplanationProvenance | undefined {
  const row = currentExplanations(db, cacheId, [latent]).get(latent);
  if (!row) return undefined;
  return {
    text: row.text,
    sourceLabel: explanationSourceLabel(row.sourceKind, row.sourceDetail, row.servedModel),
    isBaseline: row.sourceKind === "statistical-baseline" || row.sourceKind === "contrastive-baseline",
    createdAt: row.createdAt,
    scores: scoresOfExplanation(db, row.id).map((score) => ({
      scorer: score.scorer,
      scorerSource: score.scorerSource,
      scorerLabel: scorerSourceLabel(score.scorerSource, score.servedModel),
      balancedAccuracy: score.balancedAccuracy,
      exampleCount: score.exampleCount,
      failedCount: score.failedCount,
    })),
  };
}

/** A stored failure of the latent's explain or score stage, worded for the latent page. */
export interface LatentFailureNote {
  /** "Explaining", "Detection scoring" or "Fuzzing scoring". */
  what: string;
  sourceLabel: string;
  reason: string;
  detail: string;
  createdAt: string;
}

const STAGE_WORDS: Record<LatentFailureStage, string> = { explain: "Explaining", detection: "Detection scoring", fuzzing: "Fuzzing scoring" };

function explainerSourceLabel(explainerId: string): string {
  return explainerId.startsWith("llm:") ? explanationSourceLabel("llm", explainerId.slice(4)) : explanationSourceLabel(explainerId, null);
}

/**
 * Why the latest explain attempts, and the score attempts of the current explanation, stored nothing: failures of
 * earlier explanation versions no longer matter, and a later success removes its stage's failure.
 */
export function latentFailureNotes(db: RewriteDatabase, cacheId: number, latent: number): LatentFailureNote[] {
  const currentId = currentExplanations(db, cacheId, [latent]).get(latent)?.id;
  return latentFailuresOf(db, cacheId, latent)
    .filter((f) => f.stage === "explain" || f.explanationId === currentId)
    .map((f) => ({
      what: STAGE_WORDS[f.stage],
      sourceLabel: f.stage === "explain" ? explainerSourceLabel(f.source) : scorerSourceLabel(f.source),
      reason: f.reason,
      detail: f.detail,
      createdAt: f.createdAt,
    }));
}

/** How many current explanations and scores of a cache came from each source, for the list page's caption. */
export function provenanceCounts(db: RewriteDatabase, cacheId: number): { explanations: { label: string; count: number }[]; scores: { label: string; count: number }[] } {
  const explanationRows = db.$client
    .prepare(
      // delphi imports keep their file as detail: group them as one source, not one per file.
      "SELECT source_kind AS kind, CASE WHEN source_kind = 'delphi-import' THEN NULL ELSE source_detail END AS detail, COUNT(*) AS count FROM explanations WHERE cache_id = ? AND is_current = 1 GROUP BY 1, 2",
    )
    .all(cacheId) as { kind: string; detail: string | null; count: number }[];
  const scoreRows = db.$client
    .prepare(
      "SELECT s.scorer_source AS source, COUNT(*) AS count FROM explanation_scores s JOIN explanations e ON e.id = s.explanation_id WHERE e.cache_id = ? AND e.is_current = 1 GROUP BY 1",
    )
    .all(cacheId) as { source: string; count: number }[];
  return {
    explanations: explanationRows.map((row) => ({ label: explanationSourceLabel(row.kind, row.detail), count: row.count })),
    scores: scoreRows.map((row) => ({ label: scorerSourceLabel(row.source), count: row.count })),
  };
}
