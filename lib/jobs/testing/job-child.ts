// A child process that runs one job the way a CLI stage does, for the tests that kill it or let it exit mid-job.
// argv: <database file> <mode> where mode is
//   "hang": reports progress 1 of 10, then waits to be killed;
//   "exit": reports progress 2 of 10, then calls process.exit(3) with the job still running.
// Prints "job <id>" once the job is running and its progress is on record.
import { openDatabase } from "@/db/client";
import { runNewJob } from "../job-runner";

const [dbPath, mode] = process.argv.slice(2);
const db = openDatabase(dbPath);

void runNewJob(
  db,
  "count",
  { total: 10 },
  async ({ job, report }) => {
    report(mode === "exit" ? 2 : 1, 10, "counting");
    console.log(`job ${job.id}`);
    if (mode === "exit") process.exit(3);
    await new Promise((resolve) => setTimeout(resolve, 600_000));
  },
  { reportEveryMs: 0 },
);
