import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { databasePath } from "@/lib/settings";
import * as schema from "./schema";

export type RewriteDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_DIR = resolve(process.cwd(), "db/migrations");

/** Opens (creating if needed) the SQLite file in WAL mode and applies pending migrations. */
export function openDatabase(path: string): RewriteDatabase {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets the app read while a CLI job writes; NORMAL sync is durable across process kills.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

const globalForDb = globalThis as unknown as { rewriteDb?: RewriteDatabase };

/** The process-wide database at the configured path (see lib/settings). */
export function getDatabase(): RewriteDatabase {
  globalForDb.rewriteDb ??= openDatabase(databasePath());
  return globalForDb.rewriteDb;
}
