// Imported explanations become versions of their latents. A latent that already has a different current
// explanation (a user's edit, Rewrite's own explainer, an earlier import) keeps it current unless the import is
// asked to make its own current, and the import says how many it left that way. An imported text already
// stored as a delphi-import version is reused, not repeated.
import type { RewriteDatabase } from "@/db/client";
import { addExplanation, explanationHistory, makeExplanationCurrent, type ExplanationRow } from "@/db/explanations";

export const DELPHI_IMPORT_SOURCE = "delphi-import";

export interface ImportedExplanation {
  cacheId: number;
  latent: number;
  text: string;
  file: string;
}

export interface ExplanationVersionTally {
  /** New versions stored. */
  added: number;
  /** Imported texts already stored as a delphi-import version (reused). */
  unchanged: number;
  /** Latents whose other current explanation stayed current, by its source kind. */
  keptCurrent: Record<string, number>;
  /** Latents whose other current explanation the imported one replaced as current. */
  madeCurrent: number;
}

export const emptyTally = (): ExplanationVersionTally => ({ added: 0, unchanged: 0, keptCurrent: {}, madeCurrent: 0 });

/** Stores one imported explanation (or finds it stored) and returns its row; current-ness per `makeCurrent`. */
export function importExplanationVersion(db: RewriteDatabase, e: ImportedExplanation, makeCurrent: boolean, now: Date, tally: ExplanationVersionTally): ExplanationRow {
  const history = explanationHistory(db, e.cacheId, e.latent);
  const current = history.find((h) => h.isCurrent);
  const stored = history.find((h) => h.text === e.text && h.sourceKind === DELPHI_IMPORT_SOURCE);
  // addExplanation makes the new version current; the old one is made current again below when it stays.
  const row = stored ?? addExplanation(db, { cacheId: e.cacheId, latent: e.latent, text: e.text, sourceKind: DELPHI_IMPORT_SOURCE, sourceDetail: e.file }, now);
  if (stored) tally.unchanged += 1;
  else tally.added += 1;
  if (!current || current.id === row.id) return row;
  if (makeCurrent) {
    tally.madeCurrent += 1;
    return stored ? makeExplanationCurrent(db, row.id) : row;
  }
  if (!stored) makeExplanationCurrent(db, current.id);
  tally.keptCurrent[current.sourceKind] = (tally.keptCurrent[current.sourceKind] ?? 0) + 1;
  return row;
}
