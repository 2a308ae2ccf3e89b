// Child process of concurrent-writers.test.ts: a CLI-like stage, run as a job, writing explanations, scores and
// predictions into the parent's database for `rounds` rounds. Prints {"writes", "locked", "job"} as JSON at the end.
// argv: <database file> <rounds>
import { openDatabase } from "@/db/client";
import { runNewJob } from "../job-runner";
import { countingLocked, seedWriterFixture, stageWrites } from "./concurrent-writes";

const [dbPath, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText);
const counts = { writes: 0, locked: 0 };
const db = openDatabase(dbPath);
countingLocked(() => seedWriterFixture(db), counts);

runNewJob(
  db,
  "stage-writer",
  { rounds },
  async ({ report }) => {
    for (let round = 0; round < rounds; round++) {
      countingLocked(() => stageWrites(db, round), counts);
      report(round + 1, rounds, `round ${round + 1}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  },
  { reportEveryMs: 0 },
).then(
  (job) => console.log(JSON.stringify({ ...counts, job: job.status, error: job.error })),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
