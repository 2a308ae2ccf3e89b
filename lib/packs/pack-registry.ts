// Which packs exist and which one is shown: the registered packs (the `packs` table), the REWRITE_PACK_DIR pack
// (registered at every start-up), and the active pack's name in app_settings, shared by the app and the CLI. Rows
// are written on explicit changes only (start-up, add, use, remove), never while a page reads them.
import { existsSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ACTIVE_PACK_SETTING, deleteAppSetting, readAppSetting, writeAppSetting } from "@/db/app-settings";
import type { RewriteDatabase } from "@/db/client";
import { deletePack, findPackByName, listPacks, upsertPack, type PackRow } from "@/db/packs";
import { defaultPackDir } from "@/lib/settings";
import { openPack } from "./open-pack";
import { PACK_MANIFEST_FILE } from "./pack-manifest";
import { PackRequestError } from "./pack-request-error";

/** Where `rewrite pack add` writes each pack's pack.json: <data dir>/packs/<name>/. */
export function packsDataDir(dataDir: string): string {
  return join(dataDir, "packs");
}

/** The active pack's folder: the stored choice while it is registered, else REWRITE_PACK_DIR (default packs/demo). */
export function activePackDir(db: RewriteDatabase): string {
  const name = readAppSetting(db, ACTIVE_PACK_SETTING);
  const row = name === undefined ? undefined : findPackByName(db, name);
  return row?.dir ?? defaultPackDir();
}

/** The name the REWRITE_PACK_DIR pack registers under, when its pack.json is readable. */
export function defaultPackName(): string | undefined {
  const state = openPack(defaultPackDir());
  return state.status === "ok" ? state.manifest.name : undefined;
}

/** Records the readable pack at `dir` (insert, or refresh when its files changed); undefined when it is not readable. */
export function registerPack(db: RewriteDatabase, dir: string, now: Date): PackRow | undefined {
  const state = openPack(dir);
  if (state.status !== "ok") return undefined;
  const row = findPackByName(db, state.pack.name);
  if (row && row.dir === state.pack.dir && row.identity === state.identity && row.summaryJson === JSON.stringify(state.pack)) return row;
  return upsertPack(db, state.pack, state.identity, now);
}

/** At start-up: registers the REWRITE_PACK_DIR pack and refreshes every registered pack's row from its files. */
export function registerKnownPacks(db: RewriteDatabase, now: Date): void {
  registerPack(db, defaultPackDir(), now);
  for (const row of listPacks(db)) registerPack(db, row.dir, now);
}

/** `--pack <name|dir>`: a registered pack's name, or a folder with a pack.json; no value means the active pack. */
export function resolvePackDir(db: RewriteDatabase, nameOrDir?: string): string {
  if (nameOrDir === undefined) return activePackDir(db);
  const row = findPackByName(db, nameOrDir);
  if (row) return row.dir;
  if (existsSync(join(nameOrDir, PACK_MANIFEST_FILE))) return resolve(nameOrDir);
  throw new PackRequestError(`"${nameOrDir}" is neither a registered pack (see \`rewrite pack list\`) nor a folder with a ${PACK_MANIFEST_FILE}`);
}

/** Makes `name` the active pack for the app and for CLI commands run without --pack. */
export function usePack(db: RewriteDatabase, name: string): PackRow {
  const row = findPackByName(db, name);
  if (!row) throw new PackRequestError(`no pack named "${name}" is registered; see \`rewrite pack list\` or add it with \`rewrite pack add\``, 404);
  writeAppSetting(db, ACTIVE_PACK_SETTING, name);
  return registerPack(db, row.dir, new Date()) ?? row;
}

/**
 * Unregisters a pack added with `pack add` and deletes its pack.json folder (never the model or coder folders it
 * points at). Activation caches stay, keyed by identity: adding the same files again finds them.
 */
export function removePack(db: RewriteDatabase, name: string, dataDir: string): PackRow {
  const row = findPackByName(db, name);
  if (!row) throw new PackRequestError(`no pack named "${name}" is registered`, 404);
  if (resolve(row.dir) === defaultPackDir()) throw new PackRequestError(`"${name}" is the REWRITE_PACK_DIR pack (${row.dir}); it is registered whenever it is read, so it cannot be removed`);
  if (readAppSetting(db, ACTIVE_PACK_SETTING) === name) deleteAppSetting(db, ACTIVE_PACK_SETTING);
  deletePack(db, name);
  const inside = relative(packsDataDir(dataDir), row.dir);
  if (inside === name) rmSync(row.dir, { recursive: true, force: true });
  return row;
}
