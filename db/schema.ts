import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A registered model pack: HF snapshot + sparsify coders + corpus, identified by its weights' headers. */
export const packs = sqliteTable("packs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  dir: text("dir").notNull(),
  identity: text("identity").notNull(),
  summaryJson: text("summary_json").notNull(),
  registeredAt: text("registered_at").notNull(),
});
