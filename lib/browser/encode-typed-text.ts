import { EncodeTextError, type TextLatents } from "@/lib/coder/text-latents";
import { parseHookpoint } from "@/lib/formats/hookpoint";
import { loadBrowserEncoder } from "./load-browser-encoder";

// "Try your text": in the browser with onnxruntime-web when the pack's descriptor allows it, otherwise (or when
// anything browser-side fails) through POST /api/encode. Both refuse over-long text with the same message.

export interface CoderRef {
  kind: "transcoder" | "sae";
  hookpoint: string;
}

export interface TypedTextLatents extends TextLatents {
  path: "browser" | "server";
  /** The encode call alone (not the one-off loading of graphs and runtime). */
  elapsedMs: number;
  /** Browser path: the one-off load of the wasm runtime, graphs and tokenizer. */
  load?: { ms: number; graphBytes: number };
  /** Why the server encoded it, when it did. */
  serverReason?: string;
}

// Above k, every TopK latent of each token comes back, so a shaded latent is never cut off.
const ALL_TOPK = 256;

async function encodeOnServer(text: string, coder: CoderRef): Promise<TextLatents> {
  const response = await fetch("/api/encode", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text, coder: coder.kind, layer: parseHookpoint(coder.hookpoint).layer, topN: ALL_TOPK }),
  });
  const body = (await response.json().catch(() => null)) as (Partial<TextLatents> & { error?: string }) | null;
  if (!response.ok) throw new Error(body?.error ?? `the encoder answered ${response.status} ${response.statusText}`);
  if (!body || !Array.isArray(body.tokens) || !Array.isArray(body.latents)) throw new Error("the encoder's answer has no tokens/latents");
  return { tokens: body.tokens, latents: body.latents };
}

export async function encodeTypedText(text: string, coder: CoderRef): Promise<TypedTextLatents> {
  let serverReason: string;
  try {
    const loaded = await loadBrowserEncoder(coder.hookpoint);
    if (loaded.mode === "browser") {
      const start = performance.now();
      const encoded = await loaded.encoder.encode(text, ALL_TOPK);
      return { ...encoded, path: "browser", elapsedMs: performance.now() - start, load: { ms: loaded.loadMs, graphBytes: loaded.graphBytes } };
    }
    serverReason = loaded.reason;
  } catch (error) {
    if (error instanceof EncodeTextError) throw error;
    serverReason = `the browser could not encode it (${(error as Error).message})`;
  }
  const start = performance.now();
  const encoded = await encodeOnServer(text, coder);
  return { ...encoded, path: "server", elapsedMs: performance.now() - start, serverReason };
}
