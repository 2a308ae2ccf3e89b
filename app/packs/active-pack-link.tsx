import Link from "next/link";
import { connection } from "next/server";
import { loadActivePack } from "@/lib/packs/loaded-pack";
import styles from "./packs.module.css";

/** The header's "which pack is this": the active pack's name, linking to /packs to switch. */
export async function ActivePackLink() {
  await connection(); // read per request: the active pack changes without a rebuild
  const state = loadActivePack();
  const label = state.status === "ok" ? state.pack.name : state.status === "missing" ? "no pack" : "unreadable pack";
  return (
    <Link href="/packs" className={styles.headerLink} data-testid="active-pack" title="The pack every page shows; click to switch or add one">
      Pack: <strong>{label}</strong>
    </Link>
  );
}
