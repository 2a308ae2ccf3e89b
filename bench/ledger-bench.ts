import { join } from "node:path";
import { packCacheRuntime } from "@/lib/cache/pack-cache-runtime";
import { activationsAfterTopK } from "@/lib/calibrate";
import { createSeededRng } from "@/lib/core/seeded-rng";
import { documentTokenizer, readCorpusSplit } from "@/lib/corpus/pack-corpus";
import { derivedSeed } from "@/lib/core/derived-seed";
import { evaluationStageSettings } from "@/lib/evaluate";
import { heldoutPrompts } from "@/lib/evaluate";
import { latentLedger } from "@/lib/evaluate";
import { packCoderAdapter } from "@/lib/evaluate";
import { loadPackRuntime } from "@/lib/runtime/pack-runtime";
import { defaultCoder } from "@/lib/packs/default-coder";
import { packCorpusPath } from "@/lib/packs/pack-manifest";
import { defaultPackDir } from "@/lib/settings";
import { printTable } from "./print-table";

// The fix-first ledger on the demo pack (issue 16: every latent on the evaluation's 500 prompts must be practical):
// the clean runs of the evaluation's held-out prompts, then latentLedger over every latent. The simulations are
// synthetic but shaped like calibrated ones (each true latent kept with probability ½ at a perturbed magnitude, a
// few false positives per prompt): the ledger's cost depends only on how many (prompt, latent) pairs change.

export interface LedgerBenchOptions {
  prompts?: number;
  /** False positives per prompt in the synthetic simulations (default 16). */
  falsePositives?: number;
}

/** [P·L] calibrated-like simulations around the truth, from a seeded generator. */
function syntheticSimulations(trueAfterTopK: Float32Array, numLatents: number, falsePositives: number): Float32Array {
  const rng = createSeededRng(16);
  const simulated = new Float32Array(trueAfterTopK.length);
  const promptCount = trueAfterTopK.length / numLatents;
  for (let p = 0; p < promptCount; p++) {
    const row = p * numLatents;
    const active: number[] = [];
    for (let l = 0; l < numLatents; l++) {
      const t = trueAfterTopK[row + l];
      if (t > 0) active.push(t);
      if (t > 0 && rng.uniform() < 0.5) simulated[row + l] = t * (0.5 + rng.uniform());
    }
    for (let i = 0; i < falsePositives && active.length > 0; i++) simulated[row + rng.integerBelow(numLatents)] = active[rng.integerBelow(active.length)];
  }
  return simulated;
}

export async function runLedgerBench(options: LedgerBenchOptions = {}): Promise<void> {
  const runtime = loadPackRuntime(defaultPackDir());
  try {
    const settings = evaluationStageSettings(0, options.prompts ? { promptCount: options.prompts } : {});
    const hookpoint = defaultCoder(runtime.manifest).hookpoint;
    const coder = runtime.coder(hookpoint);
    const { tokenize, separatorId } = packCacheRuntime(runtime);
    const corpus = packCorpusPath(runtime.dir, runtime.manifest);
    if (!corpus) throw new Error(`${join(runtime.dir, "pack.json")} names no corpus; the ledger bench draws the evaluation's prompts from it`);
    const prompts = heldoutPrompts(readCorpusSplit(corpus, "heldout", { separatorId }), {
      tokenize: documentTokenizer(tokenize),
      separatorId,
      promptCount: settings.promptCount,
      promptLength: settings.promptLength,
      seed: derivedSeed(0, "heldout-prompts"),
    });
    const t0 = performance.now();
    const clean = await packCoderAdapter(runtime.model, coder, hookpoint, prompts);
    const t1 = performance.now();
    const { numLatents, k } = coder.config;
    const trueAfterTopK = activationsAfterTopK(clean.trueActivations, numLatents, k);
    const simulated = syntheticSimulations(trueAfterTopK, numLatents, options.falsePositives ?? 16);
    const ledger = await latentLedger({ seed: 0, bootstrap: { resamples: settings.evaluation.bootstrapResamples } }, { coder: clean.coder, trueAfterTopK, simulated });
    const t2 = performance.now();
    const changed = ledger.forwardRowCount - 2 * settings.promptCount;
    printTable(
      `Fix-first ledger: ${numLatents} latents of ${hookpoint} on ${settings.promptCount} prompts (synthetic calibrated-like simulations)`,
      ["step", "seconds", "rows", "rows/s"],
      [
        ["clean runs (once per evaluation)", ((t1 - t0) / 1000).toFixed(2), String(settings.promptCount), "–"],
        ["ledger: swaps, patched rows, bootstraps", ((t2 - t1) / 1000).toFixed(2), String(ledger.forwardRowCount), (ledger.forwardRowCount / ((t2 - t1) / 1000)).toFixed(0)],
      ],
    );
    const pairs = numLatents * settings.promptCount;
    console.log(`${changed} changed (prompt, latent) pairs of ${pairs} (${((100 * changed) / pairs).toFixed(2)}%) were run; the rest change nothing.`);
    // One full batch of prompts per latent and measure, as the editor's one-latent impact runs it.
    console.log(`Without the fast path: 2 × ${numLatents} batches of ${settings.promptCount} rows = ${2 * pairs} rows (${Math.round((2 * pairs) / ledger.forwardRowCount)}× more).`);
  } finally {
    await runtime.release();
  }
}
