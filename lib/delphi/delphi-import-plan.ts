// The first half of an import: find what a delphi results folder holds and check all of it against the pack
// (hookpoints, latent indices, file contents) before anything is written. What cannot be imported but does not
// make the rest wrong (a stray file, an empty explanation, a hookpoint not asked for) is listed, with why.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ScoringTask } from "@/db/explanation-scores";
import { FormatError } from "@/lib/formats/format-error";
import { parseHookpoint } from "@/lib/formats/hookpoint";
import { readDelphiExplanation } from "./delphi-explanation-file";
import { DELPHI_DIRS, DELPHI_SCORER_DIRS, parseLatentResultFileName } from "./delphi-layout";
import { delphiScoreMetrics, readDelphiScoreFile, type DelphiScoreMetrics, type DelphiScoreRecord } from "./delphi-score-file";
import { targetCoder, type DelphiCoder, type DelphiTarget } from "./delphi-target";

export interface PlannedExplanation {
  /** Rewrite's hookpoint name (delphi's `gpt_neox.layers.6.mlp` becomes `layers.6.mlp`). */
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

export interface SkippedEntry {
  /** A file or folder; `<folder>/<hookpoint>_latent*.txt` stands for every such file. */
  file: string;
  reason: string;
}

export interface DelphiImportPlan {
  /** Hookpoints whose latent cache is imported, with delphi's folder for each. */
  caches: { coder: DelphiCoder; moduleDir: string }[];
  explanations: PlannedExplanation[];
  scores: PlannedScore[];
  skipped: SkippedEntry[];
}

const TASK_OF_DIR = new Map(Object.entries(DELPHI_SCORER_DIRS).map(([task, dir]) => [dir, task as ScoringTask]));
const SUPPORTED = "layers.N.mlp, layers.N, or either with delphi's gpt_neox. prefix";

const listDir = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const isDir = (path: string) => statSync(path).isDirectory();

/** Rewrite's name of a delphi module path, or undefined when it is no hookpoint Rewrite reads. */
function canonicalHookpoint(name: string): string | undefined {
  try {
    return parseHookpoint(name).name;
  } catch {
    return undefined;
  }
}

/** Decides per hookpoint (as delphi names it) whether it is imported, and lists each one left out once. */
function hookpointFilter(target: DelphiTarget, hookpoints: readonly string[] | undefined, skipped: SkippedEntry[]) {
  const wanted = hookpoints?.map((h) => targetCoder(target, canonicalHookpoint(h) ?? h, "--hookpoint").hookpoint);
  const listed = new Set<string>();
  return (delphiName: string, where: string, what: string): string | undefined => {
    const hookpoint = canonicalHookpoint(delphiName);
    const reason =
      hookpoint === undefined ? `"${delphiName}" is not a hookpoint Rewrite reads (${SUPPORTED})` : wanted && !wanted.includes(hookpoint) ? `${hookpoint} is not asked for (--hookpoint ${wanted.join(" ")})` : undefined;
    if (reason === undefined) return hookpoint;
    if (!listed.has(`${where}\0${delphiName}`)) skipped.push({ file: join(where, what), reason });
    listed.add(`${where}\0${delphiName}`);
    return undefined;
  };
}

type Keep = ReturnType<typeof hookpointFilter>;

/** `<hookpoint>_latent<i>.txt` files of a folder whose hookpoint is wanted, each checked against its coder. */
function latentResultFiles(dir: string, target: DelphiTarget, keep: Keep, skipped: SkippedEntry[]) {
  return listDir(dir).flatMap((name) => {
    const file = join(dir, name);
    const parsed = parseLatentResultFileName(name);
    if (!parsed || isDir(file)) {
      skipped.push({ file, reason: "not a <hookpoint>_latent<index>.txt file as delphi names per-latent results" });
      return [];
    }
    const hookpoint = keep(parsed.hookpoint, dir, `${parsed.hookpoint}_latent*.txt`);
    if (hookpoint === undefined) return [];
    const coder = targetCoder(target, hookpoint, file);
    if (parsed.latent >= coder.numLatents) {
      throw new FormatError(file, `names latent ${parsed.latent}, but the coder at ${hookpoint} has ${coder.numLatents} latents (0–${coder.numLatents - 1}): latent index out of range`);
    }
    return [{ hookpoint, latent: parsed.latent, file }];
  });
}

function latentCaches(latentsDir: string, target: DelphiTarget, keep: Keep, skipped: SkippedEntry[]): DelphiImportPlan["caches"] {
  const caches: DelphiImportPlan["caches"] = [];
  for (const name of listDir(latentsDir)) {
    const moduleDir = join(latentsDir, name);
    if (!isDir(moduleDir)) {
      skipped.push({ file: moduleDir, reason: "not a hookpoint folder" });
      continue;
    }
    const hookpoint = keep(name, latentsDir, name);
    if (hookpoint === undefined) continue;
    const twin = caches.find((c) => c.coder.hookpoint === hookpoint);
    if (twin) throw new FormatError(moduleDir, `is a second latent folder for ${hookpoint} (the first is ${twin.moduleDir}); keep one`);
    caches.push({ coder: targetCoder(target, hookpoint, moduleDir), moduleDir });
  }
  return caches;
}

export function planDelphiImport(dir: string, target: DelphiTarget, hookpoints?: readonly string[]): DelphiImportPlan {
  const root = resolve(dir);
  if (!Object.values(DELPHI_DIRS).some((sub) => existsSync(join(root, sub)))) {
    throw new FormatError(root, `holds none of ${Object.values(DELPHI_DIRS).join("/, ")}/; pass a delphi results folder`);
  }
  const skipped: SkippedEntry[] = [];
  const keep = hookpointFilter(target, hookpoints, skipped);
  const plan: DelphiImportPlan = { caches: latentCaches(join(root, DELPHI_DIRS.latents), target, keep, skipped), explanations: [], scores: [], skipped };
  for (const entry of latentResultFiles(join(root, DELPHI_DIRS.explanations), target, keep, skipped)) {
    const read = readDelphiExplanation(entry.file);
    if ("none" in read) skipped.push({ file: entry.file, reason: read.none });
    else plan.explanations.push({ ...entry, text: read.text });
  }
  const explained = new Set(plan.explanations.map((e) => `${e.hookpoint}/${e.latent}`));
  const scoresDir = join(root, DELPHI_DIRS.scores);
  for (const scorer of listDir(scoresDir)) {
    const task = TASK_OF_DIR.get(scorer);
    if (!task || !isDir(join(scoresDir, scorer))) {
      const reason = isDir(join(scoresDir, scorer)) ? `delphi's "${scorer}" scorer has no counterpart here; detection and fuzz scores are imported` : "not a scorer folder";
      skipped.push({ file: join(scoresDir, scorer), reason });
      continue;
    }
    for (const entry of latentResultFiles(join(scoresDir, scorer), target, keep, skipped)) {
      const records = readDelphiScoreFile(entry.file);
      if (!explained.has(`${entry.hookpoint}/${entry.latent}`)) {
        skipped.push({ file: entry.file, reason: "its latent has no imported explanation (missing or skipped): a score belongs to the explanation it scored" });
      } else {
        plan.scores.push({ ...entry, task, records, metrics: delphiScoreMetrics(records) });
      }
    }
  }
  return plan;
}
