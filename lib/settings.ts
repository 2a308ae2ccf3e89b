import { delimiter, resolve } from "node:path";

// Server-side settings come only from the environment, resolved against the working directory.
// turbopackIgnore: these are run-time paths, not files to bundle.
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(/*turbopackIgnore: true*/ env.REWRITE_DATA_DIR ?? "data");
}

export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.REWRITE_DB_PATH ? resolve(/*turbopackIgnore: true*/ env.REWRITE_DB_PATH) : resolve(/*turbopackIgnore: true*/ dataDir(env), "rewrite.sqlite");
}

export function defaultPackDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(/*turbopackIgnore: true*/ env.REWRITE_PACK_DIR ?? "packs/demo");
}

// ——— Serving: who may reach the server, and what a request may make it read. ———

function positiveIntegerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(raw)}`);
  return value;
}

/** The interface `npm start` listens on (next start -H); anything but loopback needs REWRITE_AUTH_TOKEN. */
export function serverHost(env: NodeJS.ProcessEnv = process.env): string {
  return env.REWRITE_HOST?.trim() || "127.0.0.1";
}

/** The shared secret every request must carry when set (required when listening beyond loopback). */
export function accessToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.REWRITE_AUTH_TOKEN?.trim() || undefined;
}

/** Host names (optionally name:port) the server answers besides localhost, 127.0.0.1 and [::1]: comma-separated. */
export function extraAllowedHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.REWRITE_ALLOWED_HOSTS ?? "").split(",").map((host) => host.trim().toLowerCase()).filter(Boolean);
}

/** Larger request bodies are refused with 413 before they are read whole. */
export function maxBodyBytes(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntegerSetting(env, "REWRITE_MAX_BODY_BYTES", 2 ** 20);
}

/** The folders a pack added from the browser may come from (path list); `rewrite pack add` may use any folder. */
export function packRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env.REWRITE_PACK_ROOTS ?? "").split(delimiter).filter((path) => path.trim());
  return listed.length > 0 ? listed.map((path) => resolve(/*turbopackIgnore: true*/ path)) : [resolve(/*turbopackIgnore: true*/ "packs"), dataDir(env)];
}

/** Where a folder walk (corpus folders, coder run folders) stops: entries listed, and bytes of files to read. */
export function folderWalkLimits(env: NodeJS.ProcessEnv = process.env): { maxEntries: number; maxBytes: number } {
  return { maxEntries: positiveIntegerSetting(env, "REWRITE_WALK_MAX_FILES", 100_000), maxBytes: positiveIntegerSetting(env, "REWRITE_WALK_MAX_BYTES", 256 * 2 ** 20) };
}
