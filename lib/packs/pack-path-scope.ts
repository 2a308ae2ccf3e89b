// What a pack request may make the server read. From the browser, every path must resolve (links followed) under
// one of REWRITE_PACK_ROOTS, and anything else gets one refusal that says nothing of what lies outside: not whether
// the path exists, nor where a link leads. `rewrite pack add` may name any folder. Every check awaits its file
// system calls, so a slow disk or a large folder never stalls the server's other requests.
import { lstat, realpath, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { FormatError } from "@/lib/formats/format-error";
import { isInsideFolder, type FolderWalkLimits } from "@/lib/formats/folder-walk";
import { folderWalkLimits } from "@/lib/settings";
import { PackRequestError } from "./pack-request-error";

export interface PackPathScope {
  /** Every path must resolve under one of these; undefined lets any path through (the CLI). */
  roots?: readonly string[];
  limits: FolderWalkLimits;
}

/** JSON files (config, tokenizer, cfg, shard index) are read whole; a real model's are a few MB at most. */
export const MAX_JSON_FILE_BYTES = 64 * 2 ** 20;

/** The scope of `rewrite pack add`: any folder, with the walk limits of the settings. */
export const anyFolderScope = (): PackPathScope => ({ limits: folderWalkLimits() });

/** The real path of `path`, else of its nearest existing ancestor (missing); undefined when a dangling link is on the way. */
async function realLocation(path: string): Promise<{ real: string; missing: boolean } | undefined> {
  for (let at = path; ; at = dirname(at)) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return { real, missing: at !== path };
    const isLink = await lstat(at).then((info) => info.isSymbolicLink(), () => false);
    if (isLink || dirname(at) === at) return undefined;
  }
}

const outsideRoots = (path: string, roots: readonly string[]) =>
  new PackRequestError(
    `${path} is not under a folder the server may read for the browser (REWRITE_PACK_ROOTS: ${roots.join(", ")}); move it under one, or add the pack with \`rewrite pack add\``,
    403,
  );

/** The real path, or undefined when nothing is there; throws the refusal for anything outside the roots. */
export async function probePath(scope: PackPathScope, path: string): Promise<string | undefined> {
  const lexical = resolve(/*turbopackIgnore: true*/ path);
  if (scope.roots === undefined) {
    const location = await realLocation(lexical);
    if (location === undefined) throw new FormatError(path, "is a link that leads nowhere");
    return location.missing ? undefined : location.real;
  }
  const roots = await Promise.all(scope.roots.map((root) => realpath(root).catch(() => resolve(/*turbopackIgnore: true*/ root))));
  const inside = (at: string) => roots.some((root) => isInsideFolder(root, at));
  // Outside by name: refused before the file system is asked anything.
  if (!inside(lexical) && !scope.roots.some((root) => isInsideFolder(resolve(/*turbopackIgnore: true*/ root), lexical))) throw outsideRoots(path, scope.roots);
  const location = await realLocation(lexical);
  if (location === undefined || !inside(location.real)) throw outsideRoots(path, scope.roots);
  return location.missing ? undefined : location.real;
}

async function existingPath(scope: PackPathScope, path: string, missing: string): Promise<string> {
  const real = await probePath(scope, path);
  if (real === undefined) throw new FormatError(path, missing);
  return real;
}

/** The real path of a folder the scope allows. */
export async function scopedFolder(scope: PackPathScope, path: string, what: string): Promise<string> {
  const real = await existingPath(scope, path, `does not exist; ${what}`);
  if (!(await stat(real)).isDirectory()) throw new FormatError(path, `is not a folder; ${what}`);
  return real;
}

/** The real path of a regular file the scope allows (never a FIFO or a device, which would block a reader), within `maxBytes` when it is read whole. */
export async function scopedFile(scope: PackPathScope, path: string, missing: string, maxBytes = Infinity): Promise<string> {
  const real = await existingPath(scope, path, missing);
  const info = await stat(real);
  if (!info.isFile()) throw new FormatError(path, "is not a regular file");
  if (info.size > maxBytes) throw new PackRequestError(`${path} is ${info.size} bytes; a file read whole may have at most ${maxBytes}`);
  return real;
}

/** scopedFile when something is there, undefined when nothing is. */
export async function scopedOptionalFile(scope: PackPathScope, path: string, maxBytes = Infinity): Promise<string | undefined> {
  return (await probePath(scope, path)) === undefined ? undefined : scopedFile(scope, path, "", maxBytes);
}
