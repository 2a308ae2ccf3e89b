// A process that exits while it runs jobs (an uncaught error, process.exit, a server's SIGTERM) marks them
// interrupted on its way out: better-sqlite3 writes synchronously, so an "exit" listener can. A kill -9 gives no
// such chance; the start-up sweep (interruptDeadJobs) finds those.
import type { RewriteDatabase } from "@/db/client";
import { type JobOwner, updateOwnedJob } from "@/db/jobs";

interface GuardedJob {
  db: RewriteDatabase;
  owner: JobOwner;
}

const holder = globalThis as unknown as { rewriteGuardedJobs?: Map<number, GuardedJob> };

function guarded(): Map<number, GuardedJob> {
  if (!holder.rewriteGuardedJobs) {
    const jobs = new Map<number, GuardedJob>();
    holder.rewriteGuardedJobs = jobs;
    process.once("exit", (code) => {
      const at = new Date().toISOString();
      for (const [id, { db, owner }] of jobs) {
        try {
          updateOwnedJob(db, id, owner, { status: "interrupted", error: `its process exited (code ${code}) before the job finished`, finishedAt: at, heartbeatAt: null });
        } catch {
          // A closed database: the start-up sweep will mark the job instead.
        }
      }
    });
  }
  return holder.rewriteGuardedJobs;
}

/** Marks job `id` interrupted if this process exits before `release` is called. */
export function guardJobUntilExit(db: RewriteDatabase, id: number, owner: JobOwner): () => void {
  guarded().set(id, { db, owner });
  return () => guarded().delete(id);
}
