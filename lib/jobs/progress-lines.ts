// Progress as plain lines, for output that is not a terminal (a log file, CI, `nohup`): a line when a step starts
// and ends, and in between one line every few seconds with done/total, rate and ETA, instead of bar redraws.
import { formatDuration } from "@/lib/core/format-duration";

export const PROGRESS_LINE_EVERY_MS = 5_000;

const count = (n: number) => n.toLocaleString("en-US");

/** "simulate: 1,200/10,000 (12.0%), 35.2/s, ETA 4 min" (rate and ETA over the work done since the step started). */
export function progressLine(step: string, done: number, total: number, doneSinceStart: number, elapsedMs: number, status = ""): string {
  const percent = total > 0 ? ` (${((100 * done) / total).toFixed(1)}%)` : "";
  const perS = elapsedMs > 0 ? (1000 * doneSinceStart) / elapsedMs : 0;
  const rate = perS > 0 ? `, ${perS < 10 ? perS.toFixed(2) : perS.toFixed(0)}/s, ETA ${formatDuration(Math.max(0, total - done) / perS)}` : "";
  return `${step}: ${count(done)}/${count(total)}${percent}${rate}${status ? ` | ${status}` : ""}`;
}

export interface ProgressLines {
  update(step: string, done: number, total: number, status?: string): void;
  stop(): void;
}

/** Prints through `print`; `now` is injected so tests step the clock. */
export function progressLines(print: (line: string) => void, now: () => number, everyMs = PROGRESS_LINE_EVERY_MS): ProgressLines {
  let current: { step: string; startedMs: number; startDone: number; lastPrintMs: number; done: number; total: number; status: string } | null = null;
  const finish = () => {
    if (!current) return;
    const seconds = (now() - current.startedMs) / 1000;
    print(`${current.step}: finished ${count(current.done)}/${count(current.total)} in ${seconds.toFixed(1)} s`);
    current = null;
  };
  return {
    update(step, done, total, status = "") {
      const t = now();
      if (current?.step !== step) {
        finish();
        print(`${step}: started, ${count(done)}/${count(total)}`);
        current = { step, startedMs: t, startDone: done, lastPrintMs: t, done, total, status };
        return;
      }
      Object.assign(current, { done, total, status });
      if (t - current.lastPrintMs < everyMs) return;
      current.lastPrintMs = t;
      print(progressLine(step, done, total, done - current.startDone, t - current.startedMs, status));
    },
    stop: finish,
  };
}
