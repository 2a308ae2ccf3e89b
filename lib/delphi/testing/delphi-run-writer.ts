// Writes a results folder the way delphi's own code does, so the import is tested against upstream's layout and
// not against Rewrite's exporter: LatentCache.save_splits (torch.linspace boundaries, locations made relative to
// the range and stored uint16 when columns 0 and 2 fit, activations .half(), the full int64 tokens in every file),
// save_config (CacheConfig + model_name, json.dump indent 4), explainer_postprocess and scorer_postprocess
// (orjson.dumps of the explanation string and of the ClassifierOutput list).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeSafetensors, type WritableTensor } from "@/lib/formats/safetensors-writer";

export interface DelphiActivation {
  sequence: number;
  position: number;
  latent: number;
  value: number;
}

export interface DelphiLatentsSpec {
  /** [n_seq][ctx] token ids, as the cache saw them (after delphi's filter_bos, when it ran). */
  tokens: number[][];
  activations: DelphiActivation[];
  /** The coder's width (delphi's LatentCache.width). */
  width: number;
  splits?: number;
  modelName?: string;
}

/** delphi's _generate_split_indices: linspace(0, width, n + 1).long(), end made inclusive. */
function splitIndices(width: number, splits: number): [number, number][] {
  const bounds = Array.from({ length: splits + 1 }, (_, i) => Math.trunc((i * width) / splits));
  return bounds.slice(0, -1).map((start, i) => [start, bounds[i + 1] - 1]);
}

/** latents/<hookpoint>/<start>_<end>.safetensors + config.json, as `python -m delphi` leaves them. */
export function writeDelphiLatents(moduleDir: string, spec: DelphiLatentsSpec): void {
  mkdirSync(moduleDir, { recursive: true });
  const ctx = spec.tokens[0].length;
  const tokens: WritableTensor = { dtype: "I64", shape: [spec.tokens.length, ctx], data: BigInt64Array.from(spec.tokens.flat(), BigInt) };
  const splits = spec.splits ?? 5;
  for (const [start, end] of splitIndices(spec.width, splits)) {
    const rows = spec.activations.filter((a) => a.latent >= start && a.latent <= end);
    const flat = rows.flatMap((a) => [a.sequence, a.position, a.latent - start]);
    const narrow = rows.every((a) => a.sequence < 2 ** 16 && a.latent - start < 2 ** 16);
    const locations: WritableTensor = narrow
      ? { dtype: "U16", shape: [rows.length, 3], data: Uint16Array.from(flat) }
      : { dtype: "U32", shape: [rows.length, 3], data: Uint32Array.from(flat) };
    const activations: WritableTensor = { dtype: "F16", shape: [rows.length], data: Float32Array.from(rows, (a) => a.value) };
    writeSafetensors(join(moduleDir, `${start}_${end}.safetensors`), { locations, activations, tokens });
  }
  const config = {
    dataset_repo: "EleutherAI/SmolLM2-135M-10B",
    dataset_split: "train[:1%]",
    dataset_name: "",
    dataset_column: "text",
    batch_size: 32,
    cache_ctx_len: ctx,
    n_tokens: spec.tokens.length * ctx,
    n_splits: splits,
    model_name: spec.modelName ?? "EleutherAI/pythia-160m",
  };
  writeFileSync(join(moduleDir, "config.json"), JSON.stringify(config, null, 4));
}

/** orjson writes a Python float with its fraction (1.0, not 1). */
function pythonFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

export interface DelphiClassifierOutput {
  str_tokens: string[];
  activations: number[];
  /** An int for activating examples' quantile, a float (-1.0) for random non-activating ones. */
  distance: number;
  activating: boolean;
  prediction: boolean | null;
  probability: number | null;
  correct: boolean | null;
}

/** orjson.dumps of a ClassifierOutput list: compact, dataclass fields in declaration order. */
export function delphiScoreText(records: readonly DelphiClassifierOutput[]): string {
  const value = (x: unknown, float: boolean): string => (typeof x === "number" && float ? pythonFloat(x) : JSON.stringify(x));
  return `[${records
    .map((r) =>
      [
        `"str_tokens":${JSON.stringify(r.str_tokens)}`,
        `"activations":[${r.activations.map(pythonFloat).join(",")}]`,
        `"distance":${value(r.distance, !r.activating)}`,
        `"activating":${value(r.activating, false)}`,
        `"prediction":${value(r.prediction, false)}`,
        `"probability":${value(r.probability, true)}`,
        `"correct":${value(r.correct, false)}`,
      ].join(","),
    )
    .map((fields) => `{${fields}}`)
    .join(",")}]`;
}

/** explanations/<hookpoint>_latent<i>.txt holding orjson.dumps(explanation). */
export function writeDelphiExplanation(root: string, hookpoint: string, latent: number, explanation: string): string {
  const file = join(root, "explanations", `${hookpoint}_latent${latent}.txt`);
  mkdirSync(join(root, "explanations"), { recursive: true });
  writeFileSync(file, JSON.stringify(explanation));
  return file;
}

/** scores/<scorer>/<hookpoint>_latent<i>.txt holding orjson.dumps(score). */
export function writeDelphiScore(root: string, scorer: string, hookpoint: string, latent: number, records: readonly DelphiClassifierOutput[]): string {
  const file = join(root, "scores", scorer, `${hookpoint}_latent${latent}.txt`);
  mkdirSync(join(root, "scores", scorer), { recursive: true });
  writeFileSync(file, delphiScoreText(records));
  return file;
}
