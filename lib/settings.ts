import { resolve } from "node:path";

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
