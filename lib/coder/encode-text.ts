import { parseHookpoint } from "@/lib/formats/hookpoint";
import type { PackRuntime } from "@/lib/model/pack-runtime";
import { encodeTokensAt } from "./encode-tokens";

// Text → tokens → the pack's transcoder or SAE at one layer → each token's strongest active latents.

export const MAX_ENCODE_TEXT_CHARS = 4000;
export const DEFAULT_TOP_LATENTS = 10;

export interface EncodeTextRequest {
  text: string;
  layer?: number;
  coder?: "transcoder" | "sae";
  topN?: number;
}

export interface EncodedText {
  pack: string;
  layer: number;
  coder: { kind: "transcoder" | "sae"; hookpoint: string; k: number; numLatents: number };
  tokens: { id: number; text: string }[];
  /** Per token, its active latents (activation > 0), strongest first, at most topN. */
  latents: { latent: number; activation: number }[][];
}

/** A request the pack cannot serve: text over the context length, or no coder at that layer. */
export class EncodeTextError extends Error {
  constructor(
    readonly reason: "too-long" | "no-coder",
    message: string,
  ) {
    super(message);
    this.name = "EncodeTextError";
  }
}

export async function encodeText(runtime: PackRuntime, request: EncodeTextRequest): Promise<EncodedText> {
  const { manifest, model, tokenizer } = runtime;
  const layer = request.layer ?? manifest.layer;
  const atLayer = manifest.coders.filter((c) => parseHookpoint(c.hookpoint, model.config.num_hidden_layers).layer === layer);
  const entry = atLayer.find((c) => c.kind === (request.coder ?? "transcoder")) ?? (request.coder ? undefined : atLayer[0]);
  if (!entry) {
    const available = manifest.coders.map((c) => `${c.kind} at ${c.hookpoint}`).join(", ");
    throw new EncodeTextError("no-coder", `the pack has no ${request.coder ?? "coder"} at layer ${layer}; it has: ${available}`);
  }
  if (request.text.length > MAX_ENCODE_TEXT_CHARS) {
    throw new EncodeTextError("too-long", `text is ${request.text.length} characters; the limit is ${MAX_ENCODE_TEXT_CHARS}`);
  }
  const ids = tokenizer.encode(request.text);
  if (ids.length > manifest.context_length) {
    throw new EncodeTextError("too-long", `text is ${ids.length} tokens; the pack's context length is ${manifest.context_length} tokens`);
  }
  const coder = runtime.coder(entry.hookpoint);
  const { k, numLatents } = coder.config;
  const { topValues, topIndices } = await encodeTokensAt(model, coder, entry.hookpoint, Int32Array.from(ids), 1);
  const topN = Math.min(request.topN ?? DEFAULT_TOP_LATENTS, k);
  const latents = ids.map((_, t) => {
    const row: { latent: number; activation: number }[] = [];
    for (let j = t * k; j < t * k + topN && topValues[j] > 0; j++) row.push({ latent: topIndices[j], activation: topValues[j] });
    return row;
  });
  return {
    pack: manifest.name,
    layer,
    coder: { kind: entry.kind, hookpoint: entry.hookpoint, k, numLatents },
    tokens: ids.map((id) => ({ id, text: tokenizer.tokenText(id) })),
    latents,
  };
}
