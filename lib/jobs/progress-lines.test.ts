import { describe, expect, it } from "vitest";
import { progressLine, progressLines } from "./progress-lines";

describe("progressLine", () => {
  it("gives done/total, the rate since the step started and the time left at that rate", () => {
    // 300 done in 10 s since the step started at 900 → 30/s; 8,800 left → 293 s ≈ 5 min.
    expect(progressLine("simulate", 1_200, 10_000, 300, 10_000, "latent 7")).toBe("simulate: 1,200/10,000 (12.0%), 30/s, ETA 5 min | latent 7");
    expect(progressLine("cache", 0, 0, 0, 0)).toBe("cache: 0/0");
  });
});

describe("progressLines", () => {
  it("prints a line per step, then at most one every interval, then the step's end", () => {
    const lines: string[] = [];
    let t = 0;
    const progress = progressLines((l) => lines.push(l), () => t, 5_000);
    progress.update("cache", 0, 100);
    for (t = 1_000; t <= 12_000; t += 1_000) progress.update("cache", t / 200, 100);
    t = 12_500;
    progress.update("explain", 0, 4);
    t = 14_000;
    progress.stop();
    expect(lines).toEqual([
      "cache: started, 0/100",
      "cache: 25/100 (25.0%), 5.00/s, ETA 15 s", // t = 5 s
      "cache: 50/100 (50.0%), 5.00/s, ETA 10 s", // t = 10 s
      "cache: finished 60/100 in 12.5 s",
      "explain: started, 0/4",
      "explain: finished 0/4 in 1.5 s",
    ]);
  });
});
