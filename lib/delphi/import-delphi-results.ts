// `rewrite delphi import`: a delphi results folder → Rewrite's caches (files + latent summaries, as a built cache
// has), explanation versions ("delphi-import", the file as detail) and their detection / fuzzing scores.
// All or nothing: everything is checked first, cache files are built beside their final folder, and the
// database work runs in one transaction; the new folders are moved in just before it commits.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname } from "node:path";
import { findActivationCache, recordActivationCache, setSummaryProgress } from "@/db/activation-caches";
import type { RewriteDatabase } from "@/db/client";
import { saveExplanationScore } from "@/db/explanation-scores";
import { openActivationCache } from "@/lib/cache/activation-cache";
import { activationCacheDir } from "@/lib/cache/cache-layout";
import { DEFAULT_SUMMARY_OPTIONS } from "@/lib/cache/latent-summary";
import { summarizeActivationCache } from "@/lib/cache/summarize-activation-cache";
import { FormatError } from "@/lib/formats/format-error";
import { importDelphiLatentCache, type DelphiCacheImport } from "./delphi-cache-import";
import { DELPHI_IMPORT_SOURCE, emptyTally, importExplanationVersion, type ExplanationVersionTally } from "./delphi-explanation-versions";
import { planDelphiImport, type DelphiImportPlan } from "./delphi-import-plan";
import { removeStaleSiblings } from "./export-folder-swap";
import { targetCoder, type DelphiTarget } from "./delphi-target";

export { DELPHI_IMPORT_SOURCE };

export interface ImportDelphiOptions {
  /** delphi's results folder (holding latents/, explanations/, scores/). */
  dir: string;
  target: DelphiTarget;
  /** Rewrite's data folder; caches go to its cache/<pack identity>/<hookpoint>/. */
  dataDir: string;
  /** Only these hookpoints (default: every one found). */
  hookpoints?: readonly string[];
  /** Seeds the summaries' example sampling, as `rewrite cache --seed` does. */
  seed?: number;
  /** Make imported explanations current where a latent already has another current one (default: keep it). */
  makeCurrent?: boolean;
  now?: () => Date;
  onProgress?: (message: string) => void;
}

export interface ImportDelphiResult {
  caches: {
    hookpoint: string;
    cacheId: number;
    numContexts: number;
    contextLength: number;
    nonZeros: number;
    files: number;
    droppedBelowThreshold: number;
    /** The cache these contents replaced, with the explanations made on its contexts (removed with it). */
    replaced?: { cacheId: number; explanations: number };
  }[];
  explanations: ExplanationVersionTally;
  scores: number;
  skipped: DelphiImportPlan["skipped"];
}

const countExplanations = (db: RewriteDatabase, cacheId: number) =>
  (db.$client.prepare("SELECT COUNT(*) AS n FROM explanations WHERE cache_id = ?").get(cacheId) as { n: number }).n;

interface BuiltCache {
  hookpoint: string;
  finalDir: string;
  tempDir: string;
  built: DelphiCacheImport;
}

/** Moves a built cache folder into place, keeping the one it replaces until the import commits. */
function moveIntoPlace(cache: BuiltCache) {
  const backup = `${cache.finalDir}.replaced-${process.pid}`;
  const hadOld = existsSync(cache.finalDir);
  mkdirSync(dirname(cache.finalDir), { recursive: true });
  if (hadOld) renameSync(cache.finalDir, backup);
  try {
    renameSync(cache.tempDir, cache.finalDir);
  } catch (error) {
    if (hadOld) renameSync(backup, cache.finalDir);
    throw error;
  }
  return {
    undo: () => {
      rmSync(cache.finalDir, { recursive: true, force: true });
      if (hadOld) renameSync(backup, cache.finalDir);
    },
    finish: () => rmSync(backup, { recursive: true, force: true }),
  };
}

function buildCaches(plan: DelphiImportPlan, options: ImportDelphiOptions): BuiltCache[] {
  const built: BuiltCache[] = [];
  const tempDirs: string[] = [];
  try {
    for (const { coder, moduleDir } of plan.caches) {
      options.onProgress?.(`${coder.hookpoint}: reading ${moduleDir}`);
      const finalDir = activationCacheDir(options.dataDir, options.target.packIdentity, coder.hookpoint);
      // Folders a killed import left beside the cache go first (Ctrl-C under tsx can end in SIGKILL).
      removeStaleSiblings(dirname(finalDir), `${basename(finalDir)}.delphi-import-`);
      const tempDir = `${finalDir}.delphi-import-${process.pid}`;
      tempDirs.push(tempDir);
      const cache = importDelphiLatentCache({
        moduleDir,
        packIdentity: options.target.packIdentity,
        hookpoint: coder.hookpoint,
        numLatents: coder.numLatents,
        vocabSize: options.target.vocabSize,
        windowLength: DEFAULT_SUMMARY_OPTIONS.windowLength,
        outDir: tempDir,
      });
      built.push({ hookpoint: coder.hookpoint, finalDir, tempDir, built: cache });
    }
    return built;
  } catch (error) {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function writeDatabase(db: RewriteDatabase, plan: DelphiImportPlan, caches: BuiltCache[], options: ImportDelphiOptions, result: ImportDelphiResult) {
  const { target } = options;
  const now = options.now ?? (() => new Date());
  const cacheIds = new Map<string, number>();
  for (const cache of caches) {
    const { manifest } = cache.built;
    const { numLatents, contextLength, numContexts } = manifest;
    const coderKind = targetCoder(target, cache.hookpoint, cache.finalDir).kind;
    const record = { packIdentity: target.packIdentity, hookpoint: cache.hookpoint, coderKind, dir: cache.finalDir, numLatents, contextLength, numContexts };
    const previous = findActivationCache(db, target.packIdentity, cache.hookpoint);
    const previousExplanations = previous ? countExplanations(db, previous.id) : 0;
    const row = recordActivationCache(db, { ...record, nonZeros: manifest.chunkNonZeros[0], sourceKey: `delphi:${cache.built.contentKey}` }, now());
    // New contents under the same shape would otherwise keep the old summaries.
    setSummaryProgress(db, row.id, { summarizedLatents: 0, windowLength: DEFAULT_SUMMARY_OPTIONS.windowLength }, null);
    options.onProgress?.(`${cache.hookpoint}: summarizing ${manifest.numLatents} latents`);
    await summarizeActivationCache(db, { cacheId: row.id, cache: openActivationCache(cache.tempDir), decoderWeights: target.decoderWeights?.(cache.hookpoint), seed: options.seed });
    cacheIds.set(cache.hookpoint, row.id);
    result.caches.push({
      hookpoint: cache.hookpoint,
      cacheId: row.id,
      numContexts: manifest.numContexts,
      contextLength: manifest.contextLength,
      nonZeros: manifest.chunkNonZeros[0],
      files: cache.built.files.length,
      droppedBelowThreshold: cache.built.droppedBelowThreshold,
      ...(previous && previous.id !== row.id ? { replaced: { cacheId: previous.id, explanations: previousExplanations } } : {}),
    });
  }
  const explanationIds = new Map<string, number>();
  for (const e of plan.explanations) {
    const cacheId = cacheIds.get(e.hookpoint) ?? findActivationCache(db, target.packIdentity, e.hookpoint)?.id;
    if (cacheId === undefined) {
      throw new FormatError(e.file, `pack ${target.packName} has no activation cache at ${e.hookpoint} to attach it to; import delphi's latents/ folder for it too, or run \`rewrite cache --coder ${e.hookpoint}\``);
    }
    const row = importExplanationVersion(db, { cacheId, latent: e.latent, text: e.text, file: e.file }, options.makeCurrent ?? false, now(), result.explanations);
    explanationIds.set(`${e.hookpoint}/${e.latent}`, row.id);
  }
  for (const s of plan.scores) {
    // The plan keeps only scores whose explanation is imported with them.
    const explanationId = explanationIds.get(`${s.hookpoint}/${s.latent}`) as number;
    saveExplanationScore(db, { explanationId, scorer: s.task, scorerSource: DELPHI_IMPORT_SOURCE, ...s.metrics, detailsJson: JSON.stringify(s.records) }, now());
    result.scores += 1;
  }
}

export async function importDelphiResults(db: RewriteDatabase, options: ImportDelphiOptions): Promise<ImportDelphiResult> {
  const plan = planDelphiImport(options.dir, options.target, options.hookpoints);
  const caches = buildCaches(plan, options);
  const result: ImportDelphiResult = { caches: [], explanations: emptyTally(), scores: 0, skipped: plan.skipped };
  const moved: ReturnType<typeof moveIntoPlace>[] = [];
  // One transaction over awaited work: the summaries' own transactions nest in it as savepoints. Meant for the
  // CLI: anything else run on this connection during the awaits would join the transaction.
  db.$client.exec("BEGIN IMMEDIATE");
  try {
    await writeDatabase(db, plan, caches, options, result);
    for (const cache of caches) moved.push(moveIntoPlace(cache));
    db.$client.exec("COMMIT");
  } catch (error) {
    if (db.$client.inTransaction) db.$client.exec("ROLLBACK");
    for (const move of moved.reverse()) move.undo();
    for (const cache of caches) rmSync(cache.tempDir, { recursive: true, force: true });
    throw error;
  }
  for (const move of moved) move.finish();
  return result;
}
