import { readFileSync } from "node:fs";
import { z } from "zod";
import { FormatError } from "./format-error";
import { jsonSyntaxProblem } from "./json-syntax";
import { describeZodIssues } from "./zod-issues";

// Hugging Face GPTNeoXConfig field names; defaults are those of transformers' GPTNeoXConfig.
const gptNeoXConfigSchema = z.object({
  model_type: z.literal("gpt_neox", {
    error: (issue) => `model_type must be "gpt_neox" (found ${JSON.stringify(issue.input)}); only GPT-NeoX / Pythia models are supported`,
  }),
  vocab_size: z.number().int().positive(),
  hidden_size: z.number().int().positive(),
  num_hidden_layers: z.number().int().positive(),
  num_attention_heads: z.number().int().positive(),
  intermediate_size: z.number().int().positive(),
  rotary_pct: z.number().gt(0).lte(1).default(0.25),
  rotary_emb_base: z.number().positive().default(10000),
  max_position_embeddings: z.number().int().positive().default(2048),
  layer_norm_eps: z.number().positive().default(1e-5),
  use_parallel_residual: z.boolean().default(true),
  hidden_act: z.string().default("gelu"),
  tie_word_embeddings: z.boolean().default(false),
});

export type GptNeoXConfig = z.infer<typeof gptNeoXConfigSchema> & { headDim: number; rotaryDims: number };

/** Validates a parsed config.json; `file` names it in errors. */
export function parseGptNeoXConfig(json: unknown, file = "config.json"): GptNeoXConfig {
  const parsed = gptNeoXConfigSchema.safeParse(json);
  if (!parsed.success) throw new FormatError(file, describeZodIssues(parsed.error));
  const config = parsed.data;
  if (config.hidden_size % config.num_attention_heads !== 0) {
    throw new FormatError(file, `hidden_size ${config.hidden_size} is not divisible by num_attention_heads ${config.num_attention_heads}`);
  }
  if (!["gelu", "gelu_new", "gelu_fast", "gelu_pytorch_tanh"].includes(config.hidden_act)) {
    throw new FormatError(file, `hidden_act "${config.hidden_act}" is not supported (expected a GELU variant)`);
  }
  const headDim = config.hidden_size / config.num_attention_heads;
  // transformers: rotary_ndims = int(head_size * rotary_pct)
  return { ...config, headDim, rotaryDims: Math.floor(headDim * config.rotary_pct) };
}

export function readGptNeoXConfig(path: string): GptNeoXConfig {
  return parseGptNeoXConfig(readJsonFile(path), path);
}

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new FormatError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FormatError(path, jsonSyntaxProblem(error));
  }
}
