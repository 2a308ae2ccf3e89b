import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packPromptBlocks, predictionRowWindow, rewriteEvaluationConfig, runRewriteEvaluation } from "@/lib/evaluate";
import { randomPrompts, SCALE_SHAPE, syntheticPredictions, syntheticQuantileCalibration, syntheticScores, writeScaleSnapshot } from "./evaluation-scale-inputs";
import { printTable } from "./print-table";

// The evaluation at the paper's scale (10K prompts × 32,768 latents, §2.3) in bounded memory: the streaming Fig. 3
// evaluation (prompt blocks, sparse float32 predictions) on a Pythia-160M-shaped random transcoder, timed and with
// its peak resident memory, at growing prompt counts. Peak RSS should grow with prompts only through the stored
// per-prompt results (a few float64 per prompt and cell), not through [prompts × latents] arrays or keys/values.

export const DEFAULT_SCALE_PROMPTS = [1000, 3000, 10_000];

export interface EvaluationScaleBenchOptions {
  /** Prompt counts, each run in turn (default 1K, 3K, 10K). */
  prompts?: number[];
  /** Transcoder latents (default 32,768). */
  latents?: number;
}

const MIB = 2 ** 20;

/** Samples RSS every 200 ms (the process's maxRSS is a high-water mark for its whole life, not per run). */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  return {
    peak: () => Math.max(peak, process.memoryUsage().rss),
    stop: () => clearInterval(timer),
  };
}

/** A progress line every 5 s when stdout is not a terminal (CI logs), an overwritten line when it is. */
function progressReporter(prefix: string, startedMs: number, rss: () => number) {
  let lastMs = 0;
  return (label: string, done: number, total: number) => {
    const now = performance.now();
    if (process.stdout.isTTY) {
      process.stdout.write(`\r${prefix}: ${label} ${done}/${total}`.padEnd(100));
    } else if (now - lastMs >= 5000 || done === total) {
      lastMs = now;
      const elapsed = ((now - startedMs) / 1000).toFixed(0);
      console.log(`${prefix}: ${label} ${done}/${total}, ${elapsed} s, RSS ${(rss() / MIB).toFixed(0)} MiB`);
    }
  };
}

interface ScaleRun {
  prompts: number;
  cleanSeconds: number;
  evaluationSeconds: number;
  peakRssMiB: number;
  maxRssMiB: number;
  blockSize: number;
  forwardPasses: number;
}

async function runAtScale(parts: ReturnType<typeof writeScaleSnapshot>, promptCount: number, numLatents: number): Promise<ScaleRun> {
  const rss = rssSampler();
  try {
    const t0 = performance.now();
    const prefix = `evaluation-scale ${promptCount} prompts`;
    const report = progressReporter(prefix, t0, rss.peak);
    // retainBytes 0: every walk reruns its blocks' clean runs, the path any P beyond the demo's takes.
    const clean = await packPromptBlocks(parts.model, parts.coder, SCALE_SHAPE.hookpoint, randomPrompts(promptCount, promptCount), {
      retainBytes: 0,
      onProgress: (done, total) => report("clean runs", done, total),
    });
    const t1 = performance.now();
    const predictions = syntheticPredictions(promptCount, numLatents, 7);
    const detection = syntheticScores(numLatents, 8);
    const config = rewriteEvaluationConfig(0, { fractions: [0, 0.5, 1], selections: ["top-detection"], bootstrapResamples: 200 });
    const result = await runRewriteEvaluation(
      config,
      {
        blocks: clean.blocks,
        rawPredictions: predictionRowWindow(predictions, 0, promptCount),
        calibrations: [syntheticQuantileCalibration(numLatents, 9)],
        cleanCeNats: clean.cleanCeNats,
        detectionScores: detection,
        fuzzingScores: new Float64Array(numLatents).fill(Number.NaN),
      },
      (p) => report(`evaluation ${p.label}`, p.done, p.total),
    );
    const t2 = performance.now();
    if (process.stdout.isTTY) process.stdout.write("\n");
    return {
      prompts: promptCount,
      cleanSeconds: (t1 - t0) / 1000,
      evaluationSeconds: (t2 - t1) / 1000,
      peakRssMiB: rss.peak() / MIB,
      maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MIB,
      blockSize: clean.blocks.blockSize,
      forwardPasses: result.forwardPassCount,
    };
  } finally {
    rss.stop();
  }
}

export async function runEvaluationScaleBench(options: EvaluationScaleBenchOptions = {}): Promise<void> {
  const counts = [...(options.prompts ?? DEFAULT_SCALE_PROMPTS)].sort((a, b) => a - b);
  const numLatents = options.latents ?? SCALE_SHAPE.numLatents;
  const root = mkdtempSync(join(tmpdir(), "rewrite-evaluation-scale-"));
  try {
    const parts = writeScaleSnapshot(root, numLatents);
    const baseMiB = process.memoryUsage().rss / MIB;
    const runs: ScaleRun[] = [];
    for (const count of counts) runs.push(await runAtScale(parts, count, numLatents));
    printTable(
      `Streaming evaluation: d_model 768, ${numLatents} latents (k ${SCALE_SHAPE.k}), ${SCALE_SHAPE.promptLength}-token prompts; ` +
        `top-detection at fractions 0, ½, 1, calibrated and zero-chosen (RSS after loading the model and coder: ${baseMiB.toFixed(0)} MiB)`,
      ["prompts", "block", "clean runs s", "evaluation s", "forward passes", "peak RSS MiB (run)", "maxRSS MiB (process)"],
      runs.map((r) => [
        String(r.prompts),
        String(r.blockSize),
        r.cleanSeconds.toFixed(1),
        r.evaluationSeconds.toFixed(1),
        String(r.forwardPasses),
        r.peakRssMiB.toFixed(0),
        r.maxRssMiB.toFixed(0),
      ]),
    );
    if (runs.length > 1) {
      const [first, last] = [runs[0], runs[runs.length - 1]];
      const perPrompt = ((last.peakRssMiB - first.peakRssMiB) * MIB) / (last.prompts - first.prompts);
      console.log(`Peak RSS grows by ${(perPrompt / 1024).toFixed(1)} KiB per prompt from ${first.prompts} to ${last.prompts} prompts.`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
