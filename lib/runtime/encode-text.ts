import { parseHookpoint } from "@/lib/formats/hookpoint";
import type { PackRuntime } from "./pack-runtime";
import { encodeTokensAt } from "@/lib/coder/encode-tokens";
import { EncodeTextError, textLatents, tokenizeWithinLimits, type TextLatents } from "@/lib/coder/text-latents";

// Text → tokens → the pack's transcoder or SAE at one layer → each token's strongest active latents.

export { EncodeTextError } from "@/lib/coder/text-latents";
export const DEFAULT_TOP_LATENTS = 10;

export interface EncodeTextRequest {
  text: string;
  layer?: number;
  coder?: "transcoder" | "sae";
  topN?: number;
}

export interface EncodedText extends TextLatents {
  pack: string;
  layer: number;
  coder: { kind: "transcoder" | "sae"; hookpoint: string; k: number; numLatents: number };
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
  const ids = tokenizeWithinLimits(tokenizer, request.text, manifest.context_length);
  const coder = runtime.coder(entry.hookpoint);
  const { k, numLatents } = coder.config;
  const { topValues, topIndices } = await encodeTokensAt(model, coder, entry.hookpoint, ids, 1);
  const encoded = textLatents(tokenizer, ids, topValues, topIndices, k, request.topN ?? DEFAULT_TOP_LATENTS);
  return {
    pack: manifest.name,
    layer,
    coder: { kind: entry.kind, hookpoint: entry.hookpoint, k, numLatents },
    ...encoded,
  };
}
