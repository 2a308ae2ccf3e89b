import { describe, expect, it } from "vitest";
import { parallelEach } from "./parallel-each";

/** A step that computes for `ms` without waiting on anything, as the offline baselines do. */
const busyStep = (ms: number) => async () => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("parallelEach", () => {
  it("runs every item with at most `limit` in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await parallelEach([0, 1, 2, 3, 4, 5, 6], 3, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      seen.push(item);
      inFlight -= 1;
    });
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBe(3);
  });

  it("lets timers and signal handlers run between steps that never wait, and stops once aborted", async () => {
    const controller = new AbortController();
    let done = 0;
    // A timer (a heartbeat, a Ctrl-C handler) that aborts: it only fires if the loop yields to the event loop.
    setTimeout(() => controller.abort(), 0);
    const step = busyStep(5);
    await parallelEach(Array.from({ length: 200 }, (_, i) => i), 4, async () => {
      await step();
      done += 1;
    }, controller.signal);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(150);
  });
});
