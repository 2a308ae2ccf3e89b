// Next runs register() once when the server starts: the start-up sweep of jobs a killed process left running,
// the pack registration, and the periodic sweep (lib/pipeline/process-startup.ts). Node runtime only: SQLite.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabase } = await import("@/db/client");
  const { atProcessStart, sweepDeadJobsEvery } = await import("@/lib/pipeline/process-startup");
  const db = getDatabase();
  const { interrupted } = atProcessStart(db);
  if (interrupted.length > 0) console.log(`rewrite: ${interrupted.length} jobs left running by a stopped process are now interrupted; resume them on /jobs`);
  sweepDeadJobsEvery(db);
}
