// `rewrite ledger <run>`: a stored run's fix-first ledger (latent-ledger.ts) as CSV or JSON on stdout, ranked by
// oracle gain unless told otherwise; the same rows as /runs/<id>/ledger.
import { Option, type Command } from "commander";
import { getDatabase } from "@/db/client";
import { ledgerOfRun } from "@/lib/evaluate";
import { ledgerCsv, LEDGER_SORTS, sortLedgerRows, type LedgerSort } from "@/lib/evaluate";
import { SqliteEvaluationRunStore } from "@/lib/evaluate";
import { integerAtLeast } from "./integer-option";

interface LedgerCliOptions {
  format: "csv" | "json";
  sort: LedgerSort;
  dir: "asc" | "desc";
  limit?: number;
}

export function registerLedgerCommand(program: Command): void {
  program
    .command("ledger")
    .description("A run's fix-first ledger: per explained latent, its oracle gain and rewrite impact with CIs, firing frequency, scores and correlation.")
    .argument("<run>", "evaluation run id (rewrite evaluate prints it; see /runs)")
    .addOption(new Option("--format <kind>", "output format").choices(["csv", "json"]).default("csv"))
    .addOption(new Option("--sort <column>", "rank by").choices([...LEDGER_SORTS]).default("oracle-gain"))
    .addOption(new Option("--dir <direction>", "sort direction").choices(["asc", "desc"]).default("desc"))
    .option("--limit <n>", "print only the first n latents", integerAtLeast(1))
    .action(async (runId: string, options: LedgerCliOptions) => {
      const db = getDatabase();
      const stored = await new SqliteEvaluationRunStore(db).load(runId);
      if (!stored) throw new Error(`no finished evaluation run ${runId}; list them on /runs`);
      const ledger = ledgerOfRun(db, stored, runId);
      if (!ledger) throw new Error(`run ${runId} was stored before ledgers were measured; rerun \`rewrite evaluate\` for a run with one`);
      const rows = sortLedgerRows(ledger.rows, options.sort, options.dir).slice(0, options.limit);
      const explanationOf = new Map(rows.map((r) => [r.latent, r.explanation]));
      process.stdout.write(
        options.format === "json" ? `${JSON.stringify({ summary: ledger.summary, rows }, null, 2)}\n` : ledgerCsv(rows, (l) => explanationOf.get(l) ?? null),
      );
    });
}
