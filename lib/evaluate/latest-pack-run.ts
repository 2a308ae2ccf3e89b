import type { RewriteDatabase } from "@/db/client";
import { listRunItems, loadRunPageData, type RunPageData } from "./run-page-data";

/** The newest finished evaluation run of the pack with this identity, as the run page shows it (mean CE). */
export async function latestRunOfPack(db: RewriteDatabase, packIdentity: string): Promise<RunPageData | undefined> {
  const latest = listRunItems(db).find((run) => run.inputs.packIdentity === packIdentity);
  return latest ? loadRunPageData(db, String(latest.id), { statistic: "mean" }) : undefined;
}
