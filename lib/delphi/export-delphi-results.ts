// `rewrite delphi export`: a pack's caches, current explanations and their scores, written in delphi's results
// layout (latents/, explanations/, scores/detection|fuzz/) so that delphi's own readers load them.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { listActivationCaches, type ActivationCacheRow } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { preferredScore, scoresOfExplanation } from "@/db/explanation-scores";
import { currentExplanations } from "@/db/explanations";
import { openActivationCache } from "@/lib/cache/activation-cache";
import type { TokenText } from "@/lib/cache/token-display";
import { delphiExplanationContents } from "./delphi-explanation-file";
import { DELPHI_DIRS, DELPHI_SCORER_DIRS, latentResultFileName } from "./delphi-layout";
import { delphiScoreRecords } from "./delphi-score-records";
import { exportDelphiLatentCache, type ExportActivationDtype } from "./export-delphi-latent-cache";

export interface ExportDelphiOptions {
  /** The results folder to write (created; files of the same names are replaced). */
  dir: string;
  packIdentity: string;
  packName: string;
  /** config.json's model_name: the pack's HF snapshot folder, from which delphi loads the tokenizer. */
  modelName: string;
  /** Default: every cache of the pack. */
  hookpoints?: readonly string[];
  splits?: number;
  activationDtype?: ExportActivationDtype;
  /** Token texts of a cache, needed to expand Rewrite's own score records (loaded only then). */
  tokenText: (row: ActivationCacheRow) => TokenText;
}

export interface ExportDelphiResult {
  caches: { hookpoint: string; files: string[]; nonZeros: number }[];
  explanations: number;
  scores: number;
  /** Current explanations' scores that kept no per-example records, so have no delphi file. */
  scoresWithoutRecords: number;
}

function selectedCaches(db: RewriteDatabase, options: ExportDelphiOptions): ActivationCacheRow[] {
  const rows = listActivationCaches(db, options.packIdentity).filter((row) => row.summarizedAt !== null);
  if (!options.hookpoints) return rows;
  return options.hookpoints.map((hookpoint) => {
    const row = rows.find((r) => r.hookpoint === hookpoint);
    if (!row) throw new Error(`pack ${options.packName} has no finished cache at "${hookpoint}"; it has: ${rows.map((r) => r.hookpoint).join(", ") || "none"}`);
    return row;
  });
}

export function exportDelphiResults(db: RewriteDatabase, options: ExportDelphiOptions): ExportDelphiResult {
  const root = resolve(options.dir);
  const result: ExportDelphiResult = { caches: [], explanations: 0, scores: 0, scoresWithoutRecords: 0 };
  for (const row of selectedCaches(db, options)) {
    const cache = openActivationCache(row.dir);
    const files = exportDelphiLatentCache(cache, join(root, DELPHI_DIRS.latents, row.hookpoint), {
      splits: options.splits ?? 5,
      activationDtype: options.activationDtype ?? "F16",
      modelName: options.modelName,
      datasetName: `rewrite pack ${options.packName} (${options.packIdentity})`,
    });
    result.caches.push({ hookpoint: row.hookpoint, files, nonZeros: row.nonZeros });
    let tokenText: TokenText | undefined;
    const explanations = [...currentExplanations(db, row.id).values()].sort((a, b) => a.latent - b.latent);
    for (const explanation of explanations) {
      const name = latentResultFileName(row.hookpoint, explanation.latent);
      mkdirSync(join(root, DELPHI_DIRS.explanations), { recursive: true });
      writeFileSync(join(root, DELPHI_DIRS.explanations, name), delphiExplanationContents(explanation.text));
      result.explanations += 1;
      const scores = scoresOfExplanation(db, explanation.id);
      for (const [task, scorerDir] of Object.entries(DELPHI_SCORER_DIRS)) {
        const score = preferredScore(scores.filter((s) => s.scorer === task));
        if (!score) continue;
        const source = { cache, latent: explanation.latent, tokenText: () => (tokenText ??= options.tokenText(row)) };
        const records = delphiScoreRecords(score.detailsJson, source, `${row.hookpoint} latent ${explanation.latent} ${task} score`);
        if (!records) {
          result.scoresWithoutRecords += 1;
          continue;
        }
        mkdirSync(join(root, DELPHI_DIRS.scores, scorerDir), { recursive: true });
        writeFileSync(join(root, DELPHI_DIRS.scores, scorerDir, name), JSON.stringify(records));
        result.scores += 1;
      }
    }
  }
  return result;
}
