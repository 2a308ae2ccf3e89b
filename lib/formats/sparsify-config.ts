import { join } from "node:path";
import { z } from "zod";
import { FormatError } from "./format-error";
import { readJsonFile } from "./hf-config";
import { describeZodIssues } from "./zod-issues";

// sparsify's cfg.json (SparseCoderConfig / transcoder), with its defaults (sparsify/config.py: k 32, expansion_factor 32).
const sparsifyConfigSchema = z.object({
  activation: z.enum(["topk", "groupmax"]).default("topk"),
  expansion_factor: z.number().int().positive().default(32),
  normalize_decoder: z.boolean().default(true),
  num_latents: z.number().int().nonnegative().default(0),
  k: z.number().int().positive().default(32),
  multi_topk: z.boolean().default(false),
  skip_connection: z.boolean().default(false),
  transcode: z.boolean().default(false),
  d_in: z.number().int().positive(),
});

export type SparsifyConfig = z.infer<typeof sparsifyConfigSchema> & { numLatents: number };

export function parseSparsifyConfig(json: unknown, file = "cfg.json"): SparsifyConfig {
  const parsed = sparsifyConfigSchema.safeParse(json);
  if (!parsed.success) throw new FormatError(file, describeZodIssues(parsed.error));
  const config = parsed.data;
  if (config.activation !== "topk") {
    throw new FormatError(file, `activation "${config.activation}" is not supported (only "topk")`);
  }
  // sparsify: num_latents 0 means d_in × expansion_factor
  const numLatents = config.num_latents || config.d_in * config.expansion_factor;
  if (config.k > numLatents) throw new FormatError(file, `k ${config.k} exceeds num_latents ${numLatents}`);
  return { ...config, numLatents };
}

/** Reads `<coderDir>/cfg.json` (sparsify layout: `<hookpoint>/cfg.json` + `sae.safetensors`). */
export function readSparsifyConfig(coderDir: string): SparsifyConfig {
  const file = join(coderDir, "cfg.json");
  return parseSparsifyConfig(readJsonFile(file), file);
}
