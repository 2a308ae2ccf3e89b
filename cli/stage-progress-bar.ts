// One terminal progress bar that restarts whenever the reported step changes (cache → explain → score → …).
import { Presets, SingleBar } from "cli-progress";

export interface StageProgressBar {
  update(step: string, done: number, total: number): void;
  stop(): void;
  /** Seconds spent in each step so far, in order. */
  timings(): { step: string; seconds: number }[];
}

export function stageProgressBar(prefix: string): StageProgressBar {
  const bar = new SingleBar({ format: `${prefix} {step} [{bar}] {percentage}% {value}/{total} | ETA {eta_formatted}` }, Presets.shades_classic);
  let current: string | undefined;
  const timings: { step: string; seconds: number }[] = [];
  let stepStarted = performance.now();
  const closeStep = () => {
    if (current !== undefined) timings.push({ step: current, seconds: (performance.now() - stepStarted) / 1000 });
  };
  return {
    update(step, done, total) {
      if (step !== current) {
        if (current !== undefined) bar.stop();
        closeStep();
        stepStarted = performance.now();
        bar.start(total, done, { step });
        current = step;
      }
      bar.setTotal(total);
      bar.update(done, { step });
    },
    stop() {
      if (current !== undefined) bar.stop();
      closeStep();
      current = undefined;
    },
    timings: () => [...timings],
  };
}
