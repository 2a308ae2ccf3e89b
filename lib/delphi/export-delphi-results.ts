// `rewrite delphi export`: a pack's caches, current explanations and their scores, written in delphi's results
// layout (latents/, explanations/, scores/detection|fuzz/) so that delphi's own readers load them. The whole
// export is built in a fresh sibling folder and renamed into place (export-folder-swap.ts).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
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
import { checkExportTarget, EXPORT_MARKER, freshSibling, swapExportIntoPlace, type ExportOutcome } from "./export-folder-swap";

export interface ExportDelphiOptions {
  /** The results folder: new, empty, or an earlier export (replaced only when different and `force`). */
  dir: string;
  /** Replace a different export, or delphi results Rewrite did not write. */
  force?: boolean;
  /** Stops the export between files (Ctrl-C); nothing is left behind. */
  signal?: AbortSignal;
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
  /** A new folder, a replaced export, or the same export already there (left as it was). */
  outcome: ExportOutcome;
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

/** Yields to the event loop so that a stop signal (Ctrl-C) is seen between files. */
async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await nextTurn();
  signal?.throwIfAborted();
}

/** The export marker's text; no time stamp, so an identical export is byte-identical and recognised as unchanged. */
function markerText(options: ExportDelphiOptions, rows: readonly ActivationCacheRow[]): string {
  const marker = {
    format: "rewrite-delphi-export",
    version: 1,
    pack: options.packName,
    packIdentity: options.packIdentity,
    hookpoints: rows.map((r) => r.hookpoint),
    splits: options.splits ?? 5,
    activations: options.activationDtype ?? "F16",
  };
  return `${JSON.stringify(marker, null, 2)}\n`;
}

async function writeExport(db: RewriteDatabase, options: ExportDelphiOptions, rows: readonly ActivationCacheRow[], root: string, result: ExportDelphiResult): Promise<void> {
  const splits = options.splits ?? 5;
  const activationDtype = options.activationDtype ?? "F16";
  for (const row of rows) {
    const cache = openActivationCache(row.dir);
    const files = await exportDelphiLatentCache(cache, join(root, DELPHI_DIRS.latents, row.hookpoint), {
      splits,
      activationDtype,
      modelName: options.modelName,
      datasetName: `rewrite pack ${options.packName} (${options.packIdentity})`,
      betweenFiles: () => checkpoint(options.signal),
    });
    result.caches.push({ hookpoint: row.hookpoint, files, nonZeros: row.nonZeros });
    let tokenText: TokenText | undefined;
    const explanations = [...currentExplanations(db, row.id).values()].sort((a, b) => a.latent - b.latent);
    for (const explanation of explanations) {
      if (explanation.latent % 256 === 0) await checkpoint(options.signal);
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
  writeFileSync(join(root, EXPORT_MARKER), markerText(options, rows));
}

/** The refusal to replace the export at `root`, saying what its marker records. */
function differentExport(root: string, newMarker: string): Error {
  const text = readFileSync(join(root, EXPORT_MARKER), "utf8");
  const marker = JSON.parse(text) as { pack?: string; hookpoints?: string[]; splits?: number; activations?: string };
  const holds = `pack ${marker.pack}, ${marker.hookpoints?.join(" ")}, ${marker.splits} splits, ${marker.activations} activations`;
  const how = text === newMarker ? `of the same settings (${holds}) whose explanations, scores or activations differ` : `(${holds})`;
  return new Error(`${root} holds a different export ${how}; pass --force to replace it, or choose another folder`);
}

export async function exportDelphiResults(db: RewriteDatabase, options: ExportDelphiOptions): Promise<ExportDelphiResult> {
  const root = resolve(options.dir);
  const force = options.force ?? false;
  const rows = selectedCaches(db, options);
  if (rows.length === 0) throw new Error(`pack ${options.packName} has no finished cache to export; run \`rewrite cache\` or \`rewrite delphi import\` first`);
  const marker = markerText(options, rows);
  checkExportTarget(root, force);
  // Another pack, hookpoint set, split count or dtype is refused before minutes of writing.
  const oldMarker = join(root, EXPORT_MARKER);
  if (!force && existsSync(oldMarker) && readFileSync(oldMarker, "utf8") !== marker) throw differentExport(root, marker);
  const built = freshSibling(root);
  const result: ExportDelphiResult = { caches: [], explanations: 0, scores: 0, scoresWithoutRecords: 0, outcome: "written" };
  try {
    mkdirSync(built, { recursive: true });
    await writeExport(db, options, rows, built, result);
    result.outcome = swapExportIntoPlace(built, root, force, () => differentExport(root, marker));
  } finally {
    rmSync(built, { recursive: true, force: true });
  }
  // Paths as they are after the swap.
  for (const cache of result.caches) cache.files = cache.files.map((f) => join(root, f.slice(built.length + 1)));
  return result;
}
