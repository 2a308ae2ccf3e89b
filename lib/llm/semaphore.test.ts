import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("Semaphore", () => {
  it("runs at most `limit` tasks at once, in arrival order, and all of them eventually", async () => {
    const semaphore = new Semaphore(2);
    const started: number[] = [];
    const finishers: Array<() => void> = [];
    const tasks = Array.from({ length: 5 }, (_, i) =>
      semaphore.run(async () => {
        started.push(i);
        await new Promise<void>((resolve) => finishers.push(resolve));
        return i;
      }),
    );
    for (let finished = 0; finished < 5; finished += 1) {
      await tick();
      expect(started.length - finished).toBeLessThanOrEqual(2);
      finishers.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it("rejects a limit that is not a positive integer", () => {
    expect(() => new Semaphore(0)).toThrow(/positive integer, got 0/);
  });
});
