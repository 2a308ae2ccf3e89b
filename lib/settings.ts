import { resolve } from "node:path";

// Server-side settings come only from the environment, resolved against the working directory.
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.REWRITE_DATA_DIR ?? "data");
}

export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.REWRITE_DB_PATH ? resolve(env.REWRITE_DB_PATH) : resolve(dataDir(env), "rewrite.sqlite");
}

export function defaultPackDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.REWRITE_PACK_DIR ?? "packs/demo");
}
