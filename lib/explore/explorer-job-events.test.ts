import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { addExplanation } from "@/db/explanations";
import type { JobRow } from "@/db/jobs";
import { seedSyntheticCache } from "@/lib/cache/testing/seed-synthetic-cache";
import { explorerJobEvents, type ExplorerStreamEvent } from "./explorer-job-events";
import { EXPLORER_JOB_KIND } from "./explorer-job";

// A job finished before this process started: the stream rebuilds its outcome from the database, and "done"
// carries the latent's explorer data (every version), so the page needs no second request.
vi.stubEnv("REWRITE_LLM_BASE_URL", "");
const dir = mkdtempSync(join(tmpdir(), "rewrite-explorer-job-events-"));
let db: RewriteDatabase;
let cacheId = 0;
let first = 0;
let second = 0;

beforeAll(async () => {
  db = openDatabase(join(dir, "rewrite.sqlite"));
  cacheId = (await seedSyntheticCache(db, { dataDir: dir, numLatents: 16 })).id;
  first = addExplanation(db, { cacheId, latent: 3, text: "the word w3", sourceKind: "statistical-baseline", sourceDetail: null }, new Date()).id;
  second = addExplanation(db, { cacheId, latent: 3, text: "the word w3 or w4", sourceKind: "user", sourceDetail: null, parentId: first }, new Date()).id;
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A stored explorer job of another process (ids this process never ran). */
function storedJob(id: number, status: string, explanationId: number, error: string | null = null): JobRow {
  return {
    id,
    kind: EXPLORER_JOB_KIND,
    status,
    paramsJson: JSON.stringify({ cacheId, latent: 3, explanationId, packDir: null }),
    error,
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: "2026-01-01T00:00:01.500Z",
  } as unknown as JobRow;
}

function eventsOf(job: JobRow): ExplorerStreamEvent[] {
  const sent: ExplorerStreamEvent[] = [];
  let ended = false;
  explorerJobEvents(db, job)!.subscribe(
    (event) => sent.push(event),
    () => (ended = true),
  );
  expect(ended).toBe(true);
  return sent;
}

describe("explorerJobEvents", () => {
  it("sends one done event with the new version and every version of the latent", () => {
    const [event, ...rest] = eventsOf(storedJob(900001, "done", second));
    expect(rest).toEqual([]);
    if (event.type !== "done") throw new Error(`expected done, got ${event.type}`);
    expect(event.version.id).toBe(second);
    expect(event.elapsedMs).toBe(1500);
    expect(event.explorer.latent).toBe(3);
    expect(event.explorer.cacheId).toBe(cacheId);
    expect(event.explorer.versions.map((v) => v.id).sort((a, b) => a - b)).toEqual([first, second]);
  });

  it("sends a failed job's error without explorer data", () => {
    expect(eventsOf(storedJob(900002, "failed", second, "the server refused"))).toEqual([{ type: "failed", error: "the server refused" }]);
  });
});
