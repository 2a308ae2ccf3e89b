import { eq } from "drizzle-orm";
import type { RewriteDatabase } from "./client";
import { appSettings } from "./schema";

/** The key under which the active pack's name is stored. */
export const ACTIVE_PACK_SETTING = "active_pack";

export function readAppSetting(db: RewriteDatabase, key: string): string | undefined {
  return db.select().from(appSettings).where(eq(appSettings.key, key)).get()?.value;
}

export function writeAppSetting(db: RewriteDatabase, key: string, value: string): void {
  db.insert(appSettings).values({ key, value }).onConflictDoUpdate({ target: appSettings.key, set: { value } }).run();
}

export function deleteAppSetting(db: RewriteDatabase, key: string): void {
  db.delete(appSettings).where(eq(appSettings.key, key)).run();
}
