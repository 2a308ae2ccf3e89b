// An export is written whole into a fresh sibling folder and renamed into place, so delphi never reads a mix of
// two exports (old range files beside new ones) or a half-written one. The folder it replaces must be empty, an
// identical export (then nothing changes), or, with force, another export or delphi results folder; a folder
// holding anything else is never replaced. Failures and interruptions remove the sibling.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Marks a folder as an export of Rewrite's (delphi's readers ignore files at the results root). */
export const EXPORT_MARKER = "rewrite-export.json";

/** What delphi itself leaves at a results root (python -m delphi: cache, explanations, scores, run config, logs). */
const RESULTS_ENTRIES = new Set(["latents", "explanations", "scores", "neighbours", "log", "logs", "visualize", "run_config.json", EXPORT_MARKER]);

export type ExportOutcome = "written" | "replaced" | "unchanged";

/** Every file under `dir` by relative path (folders end in /), sorted. */
function listTree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((p) => (statSync(join(dir, p)).isDirectory() ? `${p}/` : p)).sort();
}

export function sameFolderContents(a: string, b: string): boolean {
  const files = listTree(a);
  const others = listTree(b);
  if (files.length !== others.length || files.some((f, i) => f !== others[i])) return false;
  return files.every((f) => f.endsWith("/") || readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

/** Throws unless `root` may receive an export (absent, empty, an earlier export or, with force, a results folder). */
export function checkExportTarget(root: string, force: boolean): void {
  if (!existsSync(root)) return;
  if (!statSync(root).isDirectory()) throw new Error(`${root} is a file, not a folder; choose a new or empty folder for the export`);
  const entries = readdirSync(root);
  const foreign = entries.filter((e) => !RESULTS_ENTRIES.has(e));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(", ") + (foreign.length > 3 ? `, … (${foreign.length} in all)` : "");
    throw new Error(`${root} holds ${shown}, which is not a delphi results layout; it is never replaced (not even with --force): choose a new or empty folder`);
  }
  if (entries.length > 0 && !entries.includes(EXPORT_MARKER) && !force) {
    throw new Error(`${root} holds delphi results (${entries.join(", ")}) that Rewrite did not export; pass --force to replace them, or choose a new or empty folder`);
  }
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Removes the folders `<dir>/<prefix><pid>…` that a killed run of this or another process left. */
export function removeStaleSiblings(dir: string, prefix: string): void {
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (name.startsWith(prefix) && Number.isInteger(pid) && (pid === process.pid || !isRunning(pid))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** The sibling an export is written into; siblings left by killed exports are removed first. */
export function freshSibling(root: string): string {
  const prefix = `.${basename(root)}.export-`;
  removeStaleSiblings(dirname(root), prefix);
  return join(dirname(root), `${prefix}${process.pid}`);
}

/**
 * Moves the finished export `built` to `root`. An identical folder already there is kept (the new copy is
 * dropped); a different export is replaced only with force.
 */
export function swapExportIntoPlace(built: string, root: string, force: boolean, refusal: () => Error): ExportOutcome {
  if (!existsSync(root) || readdirSync(root).length === 0) {
    rmSync(root, { recursive: true, force: true });
    renameSync(built, root);
    return "written";
  }
  if (sameFolderContents(built, root)) {
    rmSync(built, { recursive: true, force: true });
    return "unchanged";
  }
  if (!force) throw refusal();
  const backup = `${built}.replaced`;
  renameSync(root, backup);
  try {
    renameSync(built, root);
  } catch (error) {
    renameSync(backup, root);
    throw error;
  }
  rmSync(backup, { recursive: true, force: true });
  return "replaced";
}
