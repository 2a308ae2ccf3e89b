// Progress for the CLI: on a terminal, one bar that restarts whenever the reported step changes (cache → explain →
// score → …); otherwise (a log, CI) plain lines: one per step, and done/total, rate and ETA every few seconds.
import { Presets, SingleBar } from "cli-progress";
import { progressLines } from "@/lib/jobs/progress-lines";

export interface StageProgressBar {
  update(step: string, done: number, total: number, status?: string): void;
  stop(): void;
  /** Seconds spent in each step so far, in order. */
  timings(): { step: string; seconds: number }[];
}

/** One step's bar, as `rewrite explain | score | simulate` use it. */
export interface ProgressBar {
  setTotal(total: number): void;
  update(done: number, payload?: { status?: string }): void;
  stop(): void;
}

function terminalDisplay(prefix: string) {
  const bar = new SingleBar({ format: `${prefix ? `${prefix} ` : ""}{step} [{bar}] {percentage}% {value}/{total} | ETA {eta_formatted} {status}` }, Presets.shades_classic);
  let current: string | undefined;
  return {
    update(step: string, done: number, total: number, status = "") {
      if (step !== current) {
        if (current !== undefined) bar.stop();
        bar.start(total, done, { step, status });
        current = step;
      }
      bar.setTotal(total);
      bar.update(done, { step, status });
    },
    stop() {
      if (current !== undefined) bar.stop();
      current = undefined;
    },
  };
}

export function stageProgressBar(prefix: string, stream: { isTTY?: boolean } = process.stdout): StageProgressBar {
  const display = stream.isTTY ? terminalDisplay(prefix) : progressLines((line) => console.log(prefix ? `${prefix} ${line}` : line), () => performance.now());
  let current: string | undefined;
  const timings: { step: string; seconds: number }[] = [];
  let stepStarted = performance.now();
  const closeStep = () => {
    if (current !== undefined) timings.push({ step: current, seconds: (performance.now() - stepStarted) / 1000 });
  };
  return {
    update(step, done, total, status) {
      if (step !== current) {
        closeStep();
        stepStarted = performance.now();
        current = step;
      }
      display.update(step, done, total, status);
    },
    stop() {
      display.stop();
      closeStep();
      current = undefined;
    },
    timings: () => [...timings],
  };
}

/** A single-step bar labelled `label` (the step is the label itself). */
export function progressBar(label: string, total: number): ProgressBar {
  const stages = stageProgressBar("");
  let max = total;
  let done = 0;
  stages.update(label, 0, max);
  return {
    setTotal: (n) => void (max = n),
    update: (value, payload) => {
      done = value;
      stages.update(label, done, max, payload?.status);
    },
    stop: () => stages.stop(),
  };
}
