// One opened pack per request: its manifest, summary and identity read and hashed once, then kept per folder
// while the stamps (mtime + size) of pack.json, config.json, the weights and each coder's files stay the same, so a
// page costs a few stat calls instead of re-reading pack.json and re-hashing the weights for every caller.
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { computePackIdentity, snapshotWeightFiles } from "./pack-identity";
import { PACK_MANIFEST_FILE, packCoderDir, packModelDir, readPackManifest, type PackManifest } from "./pack-manifest";
import { readPackSummary, type PackSummary } from "./pack-summary";

export interface OpenedPack {
  status: "ok";
  /** Absolute folder of pack.json. */
  dir: string;
  manifest: PackManifest;
  pack: PackSummary;
  /** See computePackIdentity: results record it. */
  identity: string;
}

export type OpenedPackState = { status: "missing"; dir: string } | { status: "invalid"; dir: string; error: string } | OpenedPack;

/** The files an opened pack was read from; a change to any of them opens it again. */
function stampedFiles(dir: string, manifest: PackManifest): string[] {
  const modelDir = packModelDir(dir, manifest);
  return [
    join(/*turbopackIgnore: true*/ dir, PACK_MANIFEST_FILE),
    join(/*turbopackIgnore: true*/ modelDir, "config.json"),
    ...snapshotWeightFiles(modelDir),
    ...manifest.coders.flatMap((coder) => ["cfg.json", "sae.safetensors"].map((file) => join(/*turbopackIgnore: true*/ packCoderDir(dir, coder), file))),
  ];
}

function stampOf(files: readonly string[]): string {
  return files
    .map((file) => {
      const stat = statSync(file, { throwIfNoEntry: false });
      return stat ? `${stat.mtimeMs}:${stat.size}` : "missing";
    })
    .join("|");
}

const opened: Map<string, { stamp: string; pack: OpenedPack }> = ((globalThis as { __rewriteOpenedPacks?: Map<string, { stamp: string; pack: OpenedPack }> }).__rewriteOpenedPacks ??= new Map());

function openFromFiles(dir: string, manifest: PackManifest): OpenedPack {
  return { status: "ok", dir, manifest, pack: readPackSummary(dir, manifest), identity: computePackIdentity(dir, manifest) };
}

function stampUnchanged(dir: string, entry: { stamp: string; pack: OpenedPack }): boolean {
  try {
    return stampOf(stampedFiles(dir, entry.pack.manifest)) === entry.stamp;
  } catch {
    return false;
  }
}

/** The pack at `packDir`, read once and reused while its files are unchanged; throws what is wrong with a broken pack. */
export function openReadablePack(packDir: string): OpenedPack {
  const dir = resolve(packDir);
  const cached = opened.get(dir);
  if (cached && stampUnchanged(dir, cached)) return cached.pack;
  opened.delete(dir);
  const manifest = readPackManifest(dir);
  // Stamped before reading the rest: a file written meanwhile changes the stamp, so the next call reads it again.
  const stamp = stampOf(stampedFiles(dir, manifest));
  const pack = openFromFiles(dir, manifest);
  opened.set(dir, { stamp, pack });
  return pack;
}

/** Like openReadablePack, but a missing or broken pack is a state to show, not an exception. */
export function openPack(packDir: string): OpenedPackState {
  const dir = resolve(packDir);
  if (!existsSync(join(dir, PACK_MANIFEST_FILE))) return { status: "missing", dir };
  try {
    return openReadablePack(dir);
  } catch (error) {
    return { status: "invalid", dir, error: (error as Error).message };
  }
}
