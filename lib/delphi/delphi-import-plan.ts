// The first half of an import: find what a delphi results folder holds and check all of it against the pack
// (hookpoints, latent indices, file contents) before anything is written.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ScoringTask } from "@/db/explanation-scores";
import { FormatError } from "@/lib/formats/format-error";
import { readDelphiExplanation } from "./delphi-explanation-file";
import { DELPHI_DIRS, DELPHI_SCORER_DIRS, parseLatentResultFileName } from "./delphi-layout";
import { delphiScoreMetrics, readDelphiScoreFile, type DelphiScoreMetrics, type DelphiScoreRecord } from "./delphi-score-file";
import { targetCoder, type DelphiCoder, type DelphiTarget } from "./delphi-target";

export interface PlannedExplanation {
  hookpoint: string;
  latent: number;
  text: string;
  file: string;
}

export interface PlannedScore {
  hookpoint: string;
  latent: number;
  task: ScoringTask;
  file: string;
  records: DelphiScoreRecord[];
  metrics: DelphiScoreMetrics;
}

export interface DelphiImportPlan {
  /** Hookpoints whose latent cache is imported, with delphi's folder for each. */
  caches: { coder: DelphiCoder; moduleDir: string }[];
  explanations: PlannedExplanation[];
  scores: PlannedScore[];
  /** Files left out, with why (other scorers, scores without an explanation, undefined metrics). */
  skipped: { file: string; reason: string }[];
}

const TASK_OF_DIR = new Map(Object.entries(DELPHI_SCORER_DIRS).map(([task, dir]) => [dir, task as ScoringTask]));

const listDir = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const isDir = (path: string) => statSync(path).isDirectory();

/** `<hookpoint>_latent<i>.txt` files of a folder whose hookpoint is wanted, each checked against its coder. */
function latentResultFiles(dir: string, target: DelphiTarget, wanted: (hookpoint: string) => boolean) {
  return listDir(dir)
    .filter((name) => !isDir(join(dir, name)))
    .flatMap((name) => {
      const file = join(dir, name);
      const parsed = parseLatentResultFileName(name);
      if (!parsed) throw new FormatError(file, "is not named <hookpoint>_latent<index>.txt as delphi names per-latent results");
      if (!wanted(parsed.hookpoint)) return [];
      const coder = targetCoder(target, parsed.hookpoint, file);
      if (parsed.latent >= coder.numLatents) {
        throw new FormatError(file, `names latent ${parsed.latent}, but the coder at ${parsed.hookpoint} has ${coder.numLatents} latents (0–${coder.numLatents - 1}): latent index out of range`);
      }
      return [{ ...parsed, file }];
    });
}

export function planDelphiImport(dir: string, target: DelphiTarget, hookpoints?: readonly string[]): DelphiImportPlan {
  const root = resolve(dir);
  if (!Object.values(DELPHI_DIRS).some((sub) => existsSync(join(root, sub)))) {
    throw new FormatError(root, `holds none of ${Object.values(DELPHI_DIRS).join("/, ")}/; pass a delphi results folder`);
  }
  for (const hookpoint of hookpoints ?? []) targetCoder(target, hookpoint, "--hookpoint");
  const wanted = (hookpoint: string) => hookpoints === undefined || hookpoints.includes(hookpoint);
  const latentsDir = join(root, DELPHI_DIRS.latents);
  const caches = listDir(latentsDir)
    .filter((name) => wanted(name) && isDir(join(latentsDir, name)))
    .map((name) => ({ coder: targetCoder(target, name, join(latentsDir, name)), moduleDir: join(latentsDir, name) }));
  const explanations = latentResultFiles(join(root, DELPHI_DIRS.explanations), target, wanted).map((e) => ({ ...e, text: readDelphiExplanation(e.file) }));
  const explained = new Set(explanations.map((e) => `${e.hookpoint}/${e.latent}`));
  const plan: DelphiImportPlan = { caches, explanations, scores: [], skipped: [] };
  const scoresDir = join(root, DELPHI_DIRS.scores);
  for (const scorer of listDir(scoresDir).filter((name) => isDir(join(scoresDir, name)))) {
    const task = TASK_OF_DIR.get(scorer);
    if (!task) {
      plan.skipped.push({ file: join(scoresDir, scorer), reason: `delphi's "${scorer}" scorer has no counterpart here; detection and fuzz scores are imported` });
      continue;
    }
    for (const entry of latentResultFiles(join(scoresDir, scorer), target, wanted)) {
      const records = readDelphiScoreFile(entry.file);
      const metrics = delphiScoreMetrics(records);
      if (!explained.has(`${entry.hookpoint}/${entry.latent}`)) {
        plan.skipped.push({ file: entry.file, reason: "no explanation file for this latent: a score belongs to the explanation it scored, so import both" });
      } else if ("problem" in metrics) {
        plan.skipped.push({ file: entry.file, reason: metrics.problem });
      } else {
        plan.scores.push({ ...entry, task, records, metrics });
      }
    }
  }
  return plan;
}
