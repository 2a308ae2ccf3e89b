import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { SparseCoder } from "@/lib/coder/sparse-coder";
import { HookedGptNeoX, lastPosition } from "@/lib/model/hooked-model";
import { DEMO_SHAPED_CONFIG, PYTHIA_160M_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder, type RandomModelConfig } from "@/lib/model/testing/random-snapshot";
import { printTable } from "./print-table";

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

function torchAvailable(): boolean {
  return spawnSync("/usr/bin/python3", ["-c", "import torch"], { stdio: "ignore" }).status === 0;
}

type TorchTimes = Record<string, { forward_s: number; spliced_s: number }>;

function torchTimes(modelDir: string, transcoderDir: string, m: BenchModel, threads: number): TorchTimes {
  const shapes = m.shapes.map(([b, t]) => `${b}x${t}`).join(",");
  const args = ["bench/torch_reference.py", "time", "--model", modelDir, "--transcoder", transcoderDir, "--layer", String(m.layer), "--shapes", shapes, "--repeats", String(TORCH_REPEATS), "--threads", String(threads)];
  return (JSON.parse(execFileSync("/usr/bin/python3", args, { encoding: "utf8" })) as { shapes: TorchTimes }).shapes;
}

const tokensPerSecond = (tokens: number, seconds: number) => (tokens / seconds).toFixed(0);
const ratio = (ours: number, theirs: number | undefined) => (theirs === undefined ? "n/a" : `${(theirs / ours).toFixed(2)}×`);

async function benchModel(m: BenchModel, dir: string, withTorch: boolean, threads: number): Promise<{ throughput: string[][]; fastPath: string[][] }> {
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
  const torch = withTorch ? torchTimes(modelDir, transcoderDir, m, threads) : undefined;
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
  return { throughput, fastPath };
}

/** Runs the sweep and prints two tables; `models` picks by name (default: all), `threads` both runtimes' threads. */
export async function runRuntimeBench(options: { models?: string[]; threads?: number } = {}): Promise<void> {
  const threads = options.threads ?? availableParallelism();
  const withTorch = torchAvailable();
  if (!withTorch) console.log("note: /usr/bin/python3 has no torch, so the PyTorch columns are n/a");
  const throughput: string[][] = [];
  const fastPath: string[][] = [];
  for (const m of MODELS.filter((candidate) => !options.models || options.models.includes(candidate.name))) {
    const dir = mkdtempSync(join(tmpdir(), `bench-${m.name}-`));
    try {
      console.log(`benchmarking ${m.name} (random weights, layer ${m.layer}, transcoder ${m.numLatents} latents k=32 + skip)…`);
      const result = await benchModel(m, dir, withTorch, threads);
      throughput.push(...result.throughput);
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
  printTable("Last-token patch: full suffix recompute vs cached fast path, ms per call", ["model", "batch×len", "full suffix", "fast path", "speed-up"], fastPath);
}
