// What `rewrite pack add` takes, written with random weights in the shapes of the paper's set-up: an HF snapshot
// folder shaped like EleutherAI/pythia-160m (its config.json, its tensor names and shapes, bf16) and a sparsify
// run folder with a bf16 transcoder at layers.6.mlp (k = 32, skip connection), plus a JSON-lines corpus. The
// tokenizer is the demo pack's (Pythia's own is not shipped); its ids all lie inside Pythia's vocabulary.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readCorpusDocuments } from "@/lib/corpus/corpus-documents";
import { PYTHIA_160M_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder } from "@/lib/model/testing/random-snapshot";

const DEMO_PACK = resolve("packs/demo");

/** EleutherAI/pythia-160m's config.json, but for torch_dtype: these weights are stored in bf16. */
export const PYTHIA_160M_CONFIG_JSON = {
  architectures: ["GPTNeoXForCausalLM"],
  bos_token_id: 0,
  eos_token_id: 0,
  hidden_act: "gelu",
  hidden_size: 768,
  initializer_range: 0.02,
  intermediate_size: 3072,
  layer_norm_eps: 1e-5,
  max_position_embeddings: 2048,
  model_type: "gpt_neox",
  num_attention_heads: 12,
  num_hidden_layers: 12,
  rotary_emb_base: 10000,
  rotary_pct: 0.25,
  tie_word_embeddings: false,
  torch_dtype: "bfloat16",
  transformers_version: "4.24.0",
  use_cache: true,
  use_parallel_residual: true,
  vocab_size: 50304,
};

/** The paper's transcoder: layer 6's MLP, k = 32, 32,768 latents, skip connection. */
export const PYTHIA_TRANSCODER = { hookpoint: "layers.6.mlp", k: 32, numLatents: 32_768 } as const;

export interface PythiaShapedInputs {
  modelDir: string;
  /** A sparsify run folder: <coderRunDir>/layers.6.mlp/{cfg.json, sae.safetensors}. */
  coderRunDir: string;
  corpusFile: string;
}

/** Paragraphs of the demo corpus's documents as one {"text": …} line each, until `chars` characters. */
function writeJsonLinesCorpus(file: string, chars: number): void {
  const lines: string[] = [];
  let written = 0;
  outer: for (const document of readCorpusDocuments(join(DEMO_PACK, "corpus.json"))) {
    for (const paragraph of document.text.split("\n\n")) {
      if (written >= chars) break outer;
      lines.push(JSON.stringify({ text: paragraph }));
      written += paragraph.length;
    }
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

export function writePythiaShapedInputs(root: string, options: { numLatents?: number; corpusChars: number; seed?: number }): PythiaShapedInputs {
  const seed = options.seed ?? 160;
  const modelDir = join(root, "pythia-160m");
  writeRandomGptNeoXSnapshot(modelDir, PYTHIA_160M_CONFIG, seed, "BF16");
  writeFileSync(join(modelDir, "config.json"), `${JSON.stringify(PYTHIA_160M_CONFIG_JSON, null, 2)}\n`);
  for (const file of ["tokenizer.json", "tokenizer_config.json"]) copyFileSync(join(DEMO_PACK, "model", file), join(modelDir, file));
  const coderRunDir = join(root, "sparsify-run");
  const coder = { dIn: PYTHIA_160M_CONFIG_JSON.hidden_size, numLatents: options.numLatents ?? PYTHIA_TRANSCODER.numLatents, k: PYTHIA_TRANSCODER.k };
  writeRandomSparsifyCoder(join(coderRunDir, PYTHIA_TRANSCODER.hookpoint), { ...coder, transcode: true, skipConnection: true, dtype: "BF16" }, seed + 1);
  mkdirSync(root, { recursive: true });
  const corpusFile = join(root, "corpus.jsonl");
  writeJsonLinesCorpus(corpusFile, options.corpusChars);
  return { modelDir, coderRunDir, corpusFile };
}
