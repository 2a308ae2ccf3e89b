import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { SparseCoder } from "@/lib/coder/sparse-coder";
import { forwardFlops, transcoderFlops } from "@/lib/model/forward-flops";
import { HookedGptNeoX, lastPosition } from "@/lib/model/hooked-model";
import { DEMO_SHAPED_CONFIG, PYTHIA_160M_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder, type RandomModelConfig } from "@/lib/model/testing/random-snapshot";
import { ortMatmulPeakGflops } from "./matmul-peak";
import { printTable } from "./print-table";
import { checkReference, referenceWarnings } from "./reference-check";

// Model runtime throughput (issue 4): tokens/s of the clean forward and of prefix → transcoder → suffix on
// onnxruntime-node vs PyTorch CPU (bench/torch_reference.py) on the same random weights, measured in the same run;
// then the last-token fast path vs a full suffix recompute on 128-token prompts.

interface BenchModel {
  name: string;
  config: RandomModelConfig;
  layer: number;
  numLatents: number;
  shapes: [batch: number, length: number][];
}

const MODELS: BenchModel[] = [
  { name: "demo-shaped", config: DEMO_SHAPED_CONFIG, layer: 2, numLatents: 6144, shapes: [[1, 32], [1, 128], [8, 128], [32, 128]] },
  { name: "pythia-160m-shaped", config: PYTHIA_160M_CONFIG, layer: 6, numLatents: 32768, shapes: [[1, 32], [1, 128], [4, 128]] },
];
const TORCH_REPEATS = 3;
const FAST_PATH_BATCHES = [1, 8];

/** Median seconds per call: one warm-up, then at least 3 calls and at least `minSeconds` in all. */
async function secondsPerCall(run: () => Promise<unknown>, minSeconds = 1): Promise<number> {
  await run();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start) / 1000 < minSeconds) {
    const t = performance.now();
    await run();
    times.push((performance.now() - t) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

type TorchTimes = Record<string, { forward_s: number; spliced_s: number }>;

interface TorchRun {
  threads: number;
  build: { version: string; blas: string[]; parallel_info: string; env: Record<string, string | null> };
  peak_gflops: number;
  shapes: TorchTimes;
}

function torchRun(modelDir: string, transcoderDir: string, m: BenchModel, threads: number): TorchRun {
  const shapes = m.shapes.map(([b, t]) => `${b}x${t}`).join(",");
  const args = ["bench/torch_reference.py", "time", "--model", modelDir, "--transcoder", transcoderDir, "--layer", String(m.layer), "--shapes", shapes, "--repeats", String(TORCH_REPEATS), "--threads", String(threads)];
  // The BLAS and OpenMP pools read these at load time; torch.set_num_threads alone leaves OpenBLAS at every core.
  const count = String(threads);
  const env = { ...process.env, OMP_NUM_THREADS: count, OPENBLAS_NUM_THREADS: count, MKL_NUM_THREADS: count };
  return JSON.parse(execFileSync("/usr/bin/python3", args, { encoding: "utf8", env })) as TorchRun;
}

let printedTorchBuild = false;

/** The build's BLAS and threading, once per bench: what a reader needs to trust the PyTorch column. */
function printTorchBuild(run: TorchRun): void {
  if (printedTorchBuild) return;
  printedTorchBuild = true;
  const threading = run.build.parallel_info.split("\n").filter((line) => /threads|OpenMP|MKL|backend/i.test(line));
  const env = Object.entries(run.build.env).map(([k, v]) => `${k}=${v ?? "unset"}`).join(" ");
  console.log([`PyTorch ${run.build.version}, ${run.threads} threads (${env})`, ...run.build.blas, ...threading].map((l) => `  torch: ${l.trim()}`).join("\n"));
}

const tokensPerSecond = (tokens: number, seconds: number) => (tokens / seconds).toFixed(0);
const ratio = (ours: number, theirs: number | undefined) => (theirs === undefined ? "n/a" : `${(theirs / ours).toFixed(2)}×`);

interface ModelResult {
  throughput: string[][];
  gflops: string[][];
  fastPath: string[][];
  torchPeakGflops: number | null;
}

async function benchModel(m: BenchModel, dir: string, withTorch: boolean, threads: number): Promise<ModelResult> {
  const modelDir = join(dir, "model");
  const transcoderDir = join(dir, "transcoder");
  writeRandomGptNeoXSnapshot(modelDir, m.config, 1);
  writeRandomSparsifyCoder(transcoderDir, { dIn: m.config.hidden_size, numLatents: m.numLatents, k: 32, transcode: true, skipConnection: true }, 2);
  const model = HookedGptNeoX.load(modelDir, { threads });
  const transcoder = SparseCoder.load(transcoderDir, { threads });
  const d = m.config.hidden_size;
  const idsFor = (batch: number, length: number) => Int32Array.from({ length: batch * length }, (_, i) => (i * 7919 + 13) % m.config.vocab_size);

  const throughput: string[][] = [];
  const ours: { forward: number; spliced: number }[] = [];
  for (const [batch, length] of m.shapes) {
    const ids = idsFor(batch, length);
    const forward = await secondsPerCall(() => model.forward(ids, batch));
    const spliced = await secondsPerCall(async () => {
      const hooks = await model.prefix(ids, batch, m.layer);
      const { decoded } = await transcoder.encode(hooks.mlp_in);
      return model.suffix({ ...hooks, mlp_out: decoded }, batch, m.layer);
    });
    ours.push({ forward, spliced });
  }
  await transcoder.release();
  // PyTorch runs after our sessions are idle, so the two never share the cores.
  const run = withTorch ? torchRun(modelDir, transcoderDir, m, threads) : undefined;
  if (run) printTorchBuild(run);
  const torch = run?.shapes;
  const gflops: string[][] = [];
  m.shapes.forEach(([batch, length], i) => {
    const t = torch?.[`${batch}x${length}`];
    const forward = forwardFlops(m.config, batch, length);
    const spliced = forward + transcoderFlops(m.config.hidden_size, m.numLatents, 32, batch * length);
    const rate = (flops: number, s: number | undefined) => (s === undefined ? "n/a" : (flops / s / 1e9).toFixed(1));
    gflops.push([m.name, `${batch}×${length}`, rate(forward, ours[i].forward), rate(forward, t?.forward_s), rate(spliced, ours[i].spliced), rate(spliced, t?.spliced_s)]);
  });
  m.shapes.forEach(([batch, length], i) => {
    const tokens = batch * length;
    const t = torch?.[`${batch}x${length}`];
    const torchTps = (s: number | undefined) => (s === undefined ? "n/a" : tokensPerSecond(tokens, s));
    throughput.push([m.name, `${batch}×${length}`, tokensPerSecond(tokens, ours[i].forward), torchTps(t?.forward_s), ratio(ours[i].forward, t?.forward_s), tokensPerSecond(tokens, ours[i].spliced), torchTps(t?.spliced_s), ratio(ours[i].spliced, t?.spliced_s)]);
  });

  const fastPath: string[][] = [];
  for (const batch of FAST_PATH_BATCHES) {
    const length = Math.min(128, m.config.max_position_embeddings);
    const clean = await model.cleanRun(idsFor(batch, length), batch, m.layer);
    const patchedMlpOut = clean.hooks.mlp_out.map((v) => v * 0.5);
    const last = { resid_pre: lastPosition(clean.hooks.resid_pre, batch, d), attn_out: lastPosition(clean.hooks.attn_out, batch, d), mlp_out: lastPosition(patchedMlpOut, batch, d) };
    const full = await secondsPerCall(() => model.suffix({ ...clean.hooks, mlp_out: patchedMlpOut }, batch, m.layer));
    const fast = await secondsPerCall(() => model.lastTokenLogits(clean.cache, last), 0.5);
    fastPath.push([m.name, `${batch}×${length}`, (full * 1000).toFixed(2), (fast * 1000).toFixed(2), `${(full / fast).toFixed(1)}×`]);
  }
  await model.release();
  return { throughput, gflops, fastPath, torchPeakGflops: run?.peak_gflops ?? null };
}

/** Runs the sweep and prints two tables; `models` picks by name (default: all), `threads` both runtimes' threads. */
export async function runRuntimeBench(options: { models?: string[]; threads?: number } = {}): Promise<void> {
  const threads = options.threads ?? availableParallelism();
  const reference = checkReference();
  const warnings = referenceWarnings(reference);
  for (const line of warnings) console.log(line);
  if (reference.torch) console.log(`BLAS behind libblas.so.3: ${reference.blasLibrary ?? "none"}`);
  const ortPeakBefore = await ortMatmulPeakGflops(threads);
  const throughput: string[][] = [];
  const gflops: string[][] = [];
  const fastPath: string[][] = [];
  let torchPeak: number | null = null;
  for (const m of MODELS.filter((candidate) => !options.models || options.models.includes(candidate.name))) {
    const dir = mkdtempSync(join(tmpdir(), `bench-${m.name}-`));
    try {
      console.log(`benchmarking ${m.name} (random weights, layer ${m.layer}, transcoder ${m.numLatents} latents k=32 + skip)…`);
      const result = await benchModel(m, dir, reference.torch, threads);
      throughput.push(...result.throughput);
      gflops.push(...result.gflops);
      torchPeak = result.torchPeakGflops ?? torchPeak;
      fastPath.push(...result.fastPath);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(
    `Throughput, tokens/s (onnxruntime-node vs PyTorch CPU, same weights, ${threads} threads each; median of ≥ 3 calls)`,
    ["model", "batch×len", "forward ORT", "forward torch", "speed-up", "spliced ORT", "spliced torch", "speed-up"],
    throughput,
  );
  // Measured again after the models: on shared cores the better of the two is the closer to the machine's peak.
  const ortPeak = Math.max(ortPeakBefore, await ortMatmulPeakGflops(threads));
  const peaks = `measured sgemm peak: onnxruntime ${ortPeak.toFixed(1)} GFLOP/s, PyTorch ${torchPeak === null ? "n/a" : `${torchPeak.toFixed(1)} GFLOP/s`}`;
  printTable(`Achieved GFLOP/s (matmul FLOPs of each call / its time; ${peaks}; ${threads} threads)`, ["model", "batch×len", "forward ORT", "forward torch", "spliced ORT", "spliced torch"], gflops);
  printTable("Last-token patch: full suffix recompute vs cached fast path, ms per call", ["model", "batch×len", "full suffix", "fast path", "speed-up"], fastPath);
  const overPeak = gflops.some((row) => [row[2], row[4]].some((cell) => Number(cell) > ortPeak));
  if (overPeak) console.log(`note: a run above the measured onnxruntime peak means the peak was measured while other work held the cores; rerun on a quiet machine.`);
  for (const line of warnings) console.log(line);
}
