// Finds and checks sparsify coder folders before they join a pack: cfg.json (k, num_latents or expansion_factor,
// d_in, transcode, skip_connection), the hookpoint against the model, and sae.safetensors' tensors by name, dtype
// and shape (headers only). A sparsify run folder holds one `<hookpoint>/` folder per trained hookpoint, or, when
// it trained several seeds, `<hookpoint>/seed<N>/` folders (sparsify's Trainer names them so); it is listed by the
// rules of folder-walk.ts, and every file is reached through the request's PackPathScope.
import { basename, dirname, join } from "node:path";
import { walkFolder } from "@/lib/formats/folder-walk";
import { FormatError } from "@/lib/formats/format-error";
import type { GptNeoXConfig } from "@/lib/formats/hf-config";
import { parseHookpoint } from "@/lib/formats/hookpoint";
import { SafetensorsFile } from "@/lib/formats/safetensors";
import { SPARSIFY_WEIGHTS_FILE } from "@/lib/formats/sparsify-coder";
import { readSparsifyConfig } from "@/lib/formats/sparsify-config";
import { MAX_JSON_FILE_BYTES, scopedFolder, scopedOptionalFile, type PackPathScope } from "./pack-path-scope";
import { checkFloatTensor } from "./snapshot-check";

export interface FoundCoder {
  /** Canonical sparsify hookpoint, e.g. layers.6.mlp. */
  hookpoint: string;
  dir: string;
  /** For a multi-seed hookpoint folder: the seed taken and the seeds it holds. */
  seed?: { chosen: number; available: number[] };
}

export interface CheckedCoder extends FoundCoder {
  kind: "transcoder" | "sae";
  numLatents: number;
  k: number;
}

const CFG_FILE = "cfg.json";

const SEED_FOLDER = /^seed(\d+)$/;

/** The hookpoint a folder's name gives (a `seed<N>/` folder takes its parent's). */
function hookpointOfFolder(dir: string): string | undefined {
  try {
    return parseHookpoint(basename(SEED_FOLDER.test(basename(dir)) ? dirname(dir) : dir)).name;
  } catch {
    return undefined;
  }
}

/**
 * The coders in `dir`: the folder itself when it holds cfg.json (its hookpoint from `hookpoint` or its name), else
 * its hookpoint subfolders — the one named by `hookpoint`, or every one. A hookpoint folder of seed folders gives
 * the one of `seed`, by default the lowest.
 */
export async function findSparsifyCoders(path: string, hookpoint: string | undefined, scope: PackPathScope, seed?: number): Promise<FoundCoder[]> {
  const dir = await scopedFolder(scope, path, "pass a sparsify checkpoint folder (<hookpoint>/cfg.json + sae.safetensors)");
  const wanted = hookpoint === undefined ? undefined : parseHookpoint(hookpoint).name;
  const hasConfig = async (folder: string) => (await scopedOptionalFile(scope, join(folder, CFG_FILE), MAX_JSON_FILE_BYTES)) !== undefined;
  const subfolders = async (folder: string) => (await walkFolder(folder, { limits: scope.limits, wants: () => false, maxDepth: 1 })).folders;
  /** The coder of a hookpoint folder: its own cfg.json, or one of its seed<N>/ folders. */
  const coderIn = async (folder: string, point: string): Promise<FoundCoder | undefined> => {
    if (await hasConfig(folder)) return { hookpoint: point, dir: folder };
    const seeds: number[] = [];
    for (const name of await subfolders(folder)) {
      const match = SEED_FOLDER.exec(name);
      if (match && (await hasConfig(join(folder, name)))) seeds.push(Number(match[1]));
    }
    if (seeds.length === 0) return undefined;
    seeds.sort((a, b) => a - b);
    const chosen = seed ?? seeds[0];
    if (!seeds.includes(chosen)) throw new FormatError(folder, `holds sparsify's seed folders ${seeds.map((s) => `seed${s}`).join(", ")}; --seed ${chosen} is not one of them`);
    return { hookpoint: point, dir: join(folder, `seed${chosen}`), seed: { chosen, available: seeds } };
  };
  const named = hookpointOfFolder(dir);
  const point = wanted ?? named;
  if (point === undefined && (await hasConfig(dir))) {
    throw new FormatError(dir, `the folder name "${basename(dir)}" is not a hookpoint; pass --hookpoint (e.g. layers.6.mlp) to say where this coder reads`);
  }
  const own = point === undefined ? undefined : await coderIn(dir, point);
  if (own) {
    if (wanted !== undefined && named !== undefined && named !== wanted) throw new FormatError(dir, `is the coder of ${named}, not of --hookpoint ${wanted}`);
    return [own];
  }
  const found: FoundCoder[] = [];
  for (const name of await subfolders(dir)) {
    const point = hookpointOfFolder(join(dir, name));
    const coder = point === undefined || SEED_FOLDER.test(name) ? undefined : await coderIn(join(dir, name), point);
    if (coder) found.push(coder);
  }
  found.sort((a, b) => a.hookpoint.localeCompare(b.hookpoint, "en", { numeric: true }));
  if (found.length === 0) throw new FormatError(dir, `holds no ${CFG_FILE} and no hookpoint folders (layers.N.mlp/ or layers.N/, or their seed<N>/ folders) with one`);
  if (wanted === undefined) return found;
  const match = found.filter((c) => c.hookpoint === wanted);
  if (match.length === 0) throw new FormatError(dir, `has no coder for --hookpoint ${wanted}; it has ${found.map((c) => c.hookpoint).join(", ")}`);
  return match;
}

/** Throws a FormatError naming the file and what is wrong, unless the coder fits the model at its hookpoint. */
export async function checkSparsifyCoder(coder: FoundCoder, model: GptNeoXConfig, scope: PackPathScope): Promise<CheckedCoder> {
  const cfgFile = join(coder.dir, CFG_FILE);
  const cfg = readSparsifyConfig(coder.dir);
  let point;
  try {
    point = parseHookpoint(coder.hookpoint, model.num_hidden_layers);
  } catch (error) {
    // layers.N is the residual stream after block N (HF hidden_states[N + 1]), so N runs 0 … layers − 1 either way.
    throw new FormatError(coder.dir, `hookpoint ${(error as Error).message.replace(/^hookpoint: /, "")}`);
  }
  if (cfg.transcode && point.kind !== "mlp") {
    throw new FormatError(cfgFile, `transcode: true but the hookpoint is ${point.name}; a transcoder reads an MLP's input (layers.N.mlp)`);
  }
  if (!cfg.transcode && point.kind === "mlp") {
    throw new FormatError(cfgFile, `transcode: false at ${point.name}: an SAE on an MLP output is not supported; use a transcoder at layers.N.mlp or an SAE on the residual stream at layers.N`);
  }
  if (cfg.d_in !== model.hidden_size) throw new FormatError(cfgFile, `d_in is ${cfg.d_in} but the model's hidden_size is ${model.hidden_size}`);
  const weightsFile = join(coder.dir, SPARSIFY_WEIGHTS_FILE);
  const weights = await scopedOptionalFile(scope, weightsFile);
  if (weights === undefined) throw new FormatError(weightsFile, "is missing; sparsify saves the weights next to cfg.json");
  const file = SafetensorsFile.open(weights);
  try {
    const headers = file.tensors;
    const L = cfg.numLatents;
    const d = cfg.d_in;
    checkFloatTensor(headers, weightsFile, "encoder.weight", [L, d]);
    checkFloatTensor(headers, weightsFile, "encoder.bias", [L]);
    checkFloatTensor(headers, weightsFile, "W_dec", [L, d]);
    checkFloatTensor(headers, weightsFile, "b_dec", [d]);
    if (cfg.skip_connection) checkFloatTensor(headers, weightsFile, "W_skip", [d, d]);
  } finally {
    file.close();
  }
  return { ...coder, hookpoint: point.name, kind: cfg.transcode ? "transcoder" : "sae", numLatents: cfg.numLatents, k: cfg.k };
}
