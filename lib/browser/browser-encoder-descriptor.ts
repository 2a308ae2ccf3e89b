import { z } from "zod";

// What GET /api/browser-encoder?hookpoint= answers: either how to encode this coder's latents in the browser
// (graphs, tokenizer, shapes; every URL keyed by the pack identity so a new pack never reuses stale bytes), or
// that the model is too big for a browser and /api/encode does it. Shared by the route and the browser.

export const BROWSER_ASSET_FILES = ["prefix.onnx", "coder.onnx", "tokenizer.json", "tokenizer_config.json"] as const;
export type BrowserAssetFile = (typeof BROWSER_ASSET_FILES)[number];

const browserDescriptorSchema = z.object({
  mode: z.literal("browser"),
  identity: z.string(),
  hookpoint: z.string(),
  kind: z.enum(["transcoder", "sae"]),
  /** The prefix graph's output the coder reads. */
  hook: z.enum(["mlp_in", "resid_post"]),
  dIn: z.number().int().positive(),
  k: z.number().int().positive(),
  numLatents: z.number().int().positive(),
  contextLength: z.number().int().positive(),
  /** Bytes of both graphs, what a first visit downloads besides the tokenizer and the wasm runtime. */
  graphBytes: z.number().int().nonnegative(),
  assets: z.object({ prefix: z.string(), coder: z.string(), tokenizer: z.string(), tokenizerConfig: z.string() }),
});

const serverDescriptorSchema = z.object({
  mode: z.literal("server"),
  identity: z.string(),
  hookpoint: z.string(),
  reason: z.string(),
});

export const browserEncoderDescriptorSchema = z.discriminatedUnion("mode", [browserDescriptorSchema, serverDescriptorSchema]);
export type BrowserEncoderDescriptor = z.infer<typeof browserEncoderDescriptorSchema>;
export type BrowserModeDescriptor = z.infer<typeof browserDescriptorSchema>;

export const browserEncoderDescriptorUrl = (hookpoint: string) => `/api/browser-encoder?hookpoint=${encodeURIComponent(hookpoint)}`;

export const browserAssetUrl = (identity: string, hookpoint: string, file: BrowserAssetFile) =>
  `/api/browser-encoder/${encodeURIComponent(identity)}/${encodeURIComponent(hookpoint)}/${file}`;

/** Where onnxruntime-web fetches its .wasm (and .mjs glue), keyed by its version so an upgrade is never served stale. */
export const ortWasmPath = (version: string) => `/api/ort-wasm/${encodeURIComponent(version)}/`;
