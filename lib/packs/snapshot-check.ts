// Checks an HF GPT-NeoX snapshot folder before it becomes part of a pack, from headers only (no weights read):
// config.json's fields, tokenizer.json, and every tensor transformers' GPTNeoXForCausalLM loads, by name, dtype
// and shape against the config. Each problem is a FormatError naming the file, the tensor, expected vs found.
// Every file is reached through the request's PackPathScope.
import { basename, join } from "node:path";
import { FormatError } from "@/lib/formats/format-error";
import { readGptNeoXConfig, readJsonFile, type GptNeoXConfig } from "@/lib/formats/hf-config";
import { SafetensorsFile, type TensorInfo } from "@/lib/formats/safetensors";
import { isFloatDtype } from "@/lib/formats/safetensors-dtypes";
import { readTokenizer, type TextTokenizer } from "@/lib/formats/tokenizer";
import { MAX_JSON_FILE_BYTES, scopedFile, scopedFolder, scopedOptionalFile, type PackPathScope } from "./pack-path-scope";

/** Pythia's end-of-text token: placed before every document of the corpus. */
export const END_OF_TEXT = "<|endoftext|>";

const SINGLE_FILE = "model.safetensors";
const INDEX_FILE = "model.safetensors.index.json";

/** [HF name, shape] of every weight a GPT-NeoX causal LM of `config` holds. */
export function gptNeoXTensorShapes(config: GptNeoXConfig): [string, number[]][] {
  const d = config.hidden_size;
  const inter = config.intermediate_size;
  const shapes: [string, number[]][] = [["gpt_neox.embed_in.weight", [config.vocab_size, d]]];
  for (let layer = 0; layer < config.num_hidden_layers; layer++) {
    const p = `gpt_neox.layers.${layer}`;
    shapes.push(
      [`${p}.input_layernorm.weight`, [d]],
      [`${p}.input_layernorm.bias`, [d]],
      [`${p}.post_attention_layernorm.weight`, [d]],
      [`${p}.post_attention_layernorm.bias`, [d]],
      [`${p}.attention.query_key_value.weight`, [3 * d, d]],
      [`${p}.attention.query_key_value.bias`, [3 * d]],
      [`${p}.attention.dense.weight`, [d, d]],
      [`${p}.attention.dense.bias`, [d]],
      [`${p}.mlp.dense_h_to_4h.weight`, [inter, d]],
      [`${p}.mlp.dense_h_to_4h.bias`, [inter]],
      [`${p}.mlp.dense_4h_to_h.weight`, [d, inter]],
      [`${p}.mlp.dense_4h_to_h.bias`, [d]],
    );
  }
  shapes.push(["gpt_neox.final_layer_norm.weight", [d]], ["gpt_neox.final_layer_norm.bias", [d]]);
  if (!config.tie_word_embeddings) shapes.push(["embed_out.weight", [config.vocab_size, d]]);
  return shapes;
}

/** The weight files: model.safetensors, or the shards its index names (plain file names beside it). */
async function snapshotWeightFiles(modelDir: string, scope: PackPathScope): Promise<{ files: string[]; listedIn: string }> {
  const single = await scopedOptionalFile(scope, join(modelDir, SINGLE_FILE));
  if (single !== undefined) return { files: [single], listedIn: single };
  const indexFile = await scopedOptionalFile(scope, join(modelDir, INDEX_FILE), MAX_JSON_FILE_BYTES);
  if (indexFile === undefined) throw new FormatError(modelDir, `has neither ${SINGLE_FILE} nor ${INDEX_FILE}; only safetensors weights are read (convert pytorch_model.bin first)`);
  const weightMap = (readJsonFile(indexFile) as { weight_map?: unknown }).weight_map;
  if (typeof weightMap !== "object" || weightMap === null) throw new FormatError(indexFile, "has no weight_map object");
  const files: string[] = [];
  for (const shard of new Set(Object.values(weightMap))) {
    if (typeof shard !== "string" || basename(shard) !== shard || shard === "..") throw new FormatError(indexFile, "names a shard that is not a file beside it");
    files.push(await scopedFile(scope, join(modelDir, shard), `is missing; ${INDEX_FILE} names it`));
  }
  return { files, listedIn: indexFile };
}

/** Every tensor header of the snapshot (one file or the shards of its index), by name, and the file that lists them. */
async function snapshotTensorHeaders(modelDir: string, scope: PackPathScope): Promise<{ headers: Map<string, TensorInfo & { file: string }>; listedIn: string }> {
  const { files, listedIn } = await snapshotWeightFiles(modelDir, scope);
  const headers = new Map<string, TensorInfo & { file: string }>();
  for (const file of files) {
    const opened = SafetensorsFile.open(file); // parses the header: a truncated file fails here
    for (const [name, info] of opened.tensors) headers.set(name, { ...info, file });
    opened.close();
  }
  return { headers, listedIn };
}

/** Throws unless `name` is a float tensor of `shape` among `headers` (which come from `where`). */
export function checkFloatTensor(headers: ReadonlyMap<string, TensorInfo & { file?: string }>, where: string, name: string, shape: readonly number[]): void {
  const info = headers.get(name);
  if (!info) throw new FormatError(where, `has no tensor "${name}" (expected shape [${shape.join(", ")}])`);
  const file = info.file ?? where;
  if (shape.length !== info.shape.length || shape.some((n, i) => n !== info.shape[i])) {
    throw new FormatError(file, `tensor "${name}" has shape [${info.shape.join(", ")}] but [${shape.join(", ")}] was expected`);
  }
  if (!isFloatDtype(info.dtype)) throw new FormatError(file, `tensor "${name}" has dtype ${info.dtype}; a float dtype (F32, F16, BF16, F64) is needed`);
}

export interface CheckedSnapshot {
  /** The snapshot folder's real path. */
  dir: string;
  config: GptNeoXConfig;
  tokenizer: TextTokenizer;
  /** The id of `<|endoftext|>`, the document separator. */
  separatorId: number;
}

export async function checkGptNeoXSnapshot(path: string, scope: PackPathScope): Promise<CheckedSnapshot> {
  const modelDir = await scopedFolder(scope, path, "pass the Hugging Face snapshot folder (config.json, model.safetensors, tokenizer.json)");
  const configFile = join(modelDir, "config.json");
  const config = readGptNeoXConfig(await scopedFile(scope, configFile, "is missing; pass the snapshot folder that holds it", MAX_JSON_FILE_BYTES));
  if (!config.use_parallel_residual) throw new FormatError(configFile, "use_parallel_residual: false is not supported (every Pythia model uses the parallel residual)");
  if (config.rotaryDims % 2 !== 0) throw new FormatError(configFile, `head_dim ${config.headDim} × rotary_pct ${config.rotary_pct} gives ${config.rotaryDims} rotary dims; it must be even`);
  const tokenizerFile = join(modelDir, "tokenizer.json");
  await scopedFile(scope, tokenizerFile, "is missing; copy the snapshot's tokenizer.json next to config.json", MAX_JSON_FILE_BYTES);
  await scopedOptionalFile(scope, join(modelDir, "tokenizer_config.json"), MAX_JSON_FILE_BYTES);
  const tokenizer = readTokenizer(modelDir);
  const separatorId = tokenizer.idOf(END_OF_TEXT);
  if (separatorId === undefined) throw new FormatError(tokenizerFile, `has no "${END_OF_TEXT}" token, which separates the corpus's documents`);
  if (separatorId >= config.vocab_size) throw new FormatError(tokenizerFile, `"${END_OF_TEXT}" has id ${separatorId}, outside the model's vocab_size ${config.vocab_size}`);
  const { headers, listedIn } = await snapshotTensorHeaders(modelDir, scope);
  for (const [name, shape] of gptNeoXTensorShapes(config)) checkFloatTensor(headers, listedIn, name, shape);
  return { dir: modelDir, config, tokenizer, separatorId };
}
