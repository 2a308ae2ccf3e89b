import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { databasePath } from "@/lib/settings";
import * as schema from "./schema";

export type RewriteDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_DIR = resolve(process.cwd(), "db/migrations");

/** How long a writer waits for another process's write to commit before "database is locked". */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction (a savepoint when already inside one). A deferred transaction that
 * reads before it writes cannot wait for another process's writer (SQLite answers "database is locked" at once
 * rather than risk a deadlock); taking the write lock first makes it wait up to the busy timeout instead.
 */
export function writeTransaction<T>(db: RewriteDatabase, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/**
 * drizzle's own migrator reads the applied migrations outside its (deferred) transaction, so a CLI and the server
 * opening a new file together both apply them; this one decides and applies under the write lock. Same files,
 * same `__drizzle_migrations` bookkeeping.
 */
function applyMigrations(sqlite: Database.Database): void {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  sqlite.exec(`CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  const lastApplied = () => sqlite.prepare(`SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1`).pluck().get() as number | undefined;
  const pending = (last: number | undefined) => migrations.filter((m) => last === undefined || Number(last) < m.folderMillis);
  if (pending(lastApplied()).length === 0) return;
  sqlite
    .transaction(() => {
      const record = sqlite.prepare(`INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)`);
      for (const migration of pending(lastApplied())) {
        for (const statement of migration.sql) sqlite.exec(statement);
        record.run(migration.hash, migration.folderMillis);
      }
    })
    .immediate();
}

/** Opens (creating if needed) the SQLite file in WAL mode and applies pending migrations. */
export function openDatabase(path: string): RewriteDatabase {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // First, so that even switching a new file to WAL waits for a process holding it.
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets the app read while a CLI job writes; NORMAL sync is durable across process kills.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  applyMigrations(sqlite);
  return drizzle(sqlite, { schema });
}

const globalForDb = globalThis as unknown as { rewriteDb?: RewriteDatabase };

/** The process-wide database at the configured path (see lib/settings). */
export function getDatabase(): RewriteDatabase {
  globalForDb.rewriteDb ??= openDatabase(databasePath());
  return globalForDb.rewriteDb;
}
