// Lists a folder a user named (a corpus of .txt files, a sparsify run folder) without trusting it: a symlinked
// folder is never entered, so link loops cannot trap the walk; a symlinked file is read only when it resolves
// inside the folder; and the walk stops at a number of entries and a total of bytes. The rules live in one step
// generator, driven by blocking calls (the cache's corpus reader) or awaited ones (a request, so that a long walk
// never stalls the server's other requests).
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { FormatError } from "./format-error";

export interface FolderWalkLimits {
  /** Entries listed, over all levels (files, folders and links alike). */
  maxEntries: number;
  /** Total size of the files the walk returns. */
  maxBytes: number;
}

export interface FolderWalkOptions {
  limits: FolderWalkLimits;
  /** Which files to return, by path relative to the folder. */
  wants: (relativePath: string) => boolean;
  /** 1 lists the folder's own entries only; every level by default. */
  maxDepth?: number;
}

export interface WalkedFile {
  /** The real path to read. */
  path: string;
  /** The path under the folder, as listed (a link's own name, not its target's). */
  relativePath: string;
  bytes: number;
}

export interface WalkedFolder {
  /** The folder's real path. */
  root: string;
  /** Wanted regular files, sorted by relative path. */
  files: WalkedFile[];
  /** Real sub-folders (not links), by relative path. */
  folders: string[];
}

/** A walk that stopped at a limit or at a link leading out of the folder: the request is at fault (HTTP 400). */
export class FolderWalkError extends FormatError {}

type Step = { op: "realpath" | "stat" | "readdir"; path: string };
type Answer = { value: unknown } | { error: NodeJS.ErrnoException };

export function isInsideFolder(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep));
}

const errorCode = (answer: Answer) => ("error" in answer ? (answer.error.code ?? "error") : "");

function* walkSteps(dir: string, { limits, wants, maxDepth = Infinity }: FolderWalkOptions): Generator<Step, WalkedFolder, Answer> {
  const rootAnswer = yield { op: "realpath", path: dir };
  if ("error" in rootAnswer) throw new FormatError(dir, "does not exist");
  const root = rootAnswer.value as string;
  const rootInfo = yield { op: "stat", path: root };
  if ("error" in rootInfo || !(rootInfo.value as Stats).isDirectory()) throw new FormatError(dir, "is not a folder");
  const files: WalkedFile[] = [];
  const folders: string[] = [];
  let entries = 0;
  let bytes = 0;
  const pending = [{ rel: "", depth: 0 }];
  while (pending.length > 0) {
    const { rel, depth } = pending.pop()!;
    const listed = yield { op: "readdir", path: join(root, rel) };
    if ("error" in listed) throw new FormatError(join(dir, rel), `cannot be listed (${errorCode(listed)})`);
    for (const entry of listed.value as Dirent[]) {
      if (++entries > limits.maxEntries) throw new FolderWalkError(dir, `holds more than ${limits.maxEntries} entries (REWRITE_WALK_MAX_FILES); point at a smaller folder`);
      const childRel = join(rel, entry.name);
      if (entry.isDirectory()) {
        folders.push(childRel);
        if (depth + 1 < maxDepth) pending.push({ rel: childRel, depth: depth + 1 });
        continue;
      }
      if (!wants(childRel)) continue;
      let path = join(root, childRel);
      if (entry.isSymbolicLink()) {
        // One message whether the target is outside or missing, so the walk reveals nothing beyond the folder.
        const target = yield { op: "realpath", path };
        if ("error" in target || !isInsideFolder(root, target.value as string)) {
          throw new FolderWalkError(dir, `${childRel} is a link that leads out of the folder or nowhere; copy the file in instead`);
        }
        path = target.value as string;
      }
      const info = yield { op: "stat", path };
      if ("error" in info) throw new FormatError(join(dir, childRel), `cannot be read (${errorCode(info)})`);
      if (!(info.value as Stats).isFile()) throw new FolderWalkError(dir, `${childRel} is not a regular file`);
      bytes += (info.value as Stats).size;
      if (bytes > limits.maxBytes) throw new FolderWalkError(dir, `holds more than ${limits.maxBytes} bytes of files to read (REWRITE_WALK_MAX_BYTES); point at a smaller folder`);
      files.push({ path, relativePath: childRel, bytes: (info.value as Stats).size });
    }
  }
  files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return { root, files, folders };
}

const SYNC_STEPS: Record<Step["op"], (path: string) => unknown> = {
  realpath: (path) => realpathSync(path),
  stat: (path) => statSync(path),
  readdir: (path) => readdirSync(path, { withFileTypes: true }),
};

const ASYNC_STEPS: Record<Step["op"], (path: string) => Promise<unknown>> = {
  realpath: (path) => realpath(path),
  stat: (path) => stat(path),
  readdir: (path) => readdir(path, { withFileTypes: true }),
};

/** The walk with blocking calls: for the cache and the CLI, where nothing else waits on this process. */
export function walkFolderSync(dir: string, options: FolderWalkOptions): WalkedFolder {
  const steps = walkSteps(dir, options);
  let next = steps.next({ value: undefined });
  while (!next.done) {
    let answer: Answer;
    try {
      answer = { value: SYNC_STEPS[next.value.op](next.value.path) };
    } catch (error) {
      answer = { error: error as NodeJS.ErrnoException };
    }
    next = steps.next(answer);
  }
  return next.value;
}

/** The same walk awaiting each call, so the event loop serves other requests in between. */
export async function walkFolder(dir: string, options: FolderWalkOptions): Promise<WalkedFolder> {
  const steps = walkSteps(dir, options);
  let next = steps.next({ value: undefined });
  while (!next.done) {
    const step = next.value;
    const answer: Answer = await ASYNC_STEPS[step.op](step.path).then(
      (value) => ({ value }),
      (error: NodeJS.ErrnoException) => ({ error }),
    );
    next = steps.next(answer);
  }
  return next.value;
}
