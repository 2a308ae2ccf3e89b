import type { GptNeoXConfig } from "@/lib/formats/hf-config";
import { buildGptNeoXGraph, HOOK_NAMES, pastKeyName, pastValueName, SPLICE_INPUTS, type GptNeoXGraphKind, type HookName } from "./gpt-neox-graphs";
import { readGptNeoXWeights, type GptNeoXWeights } from "./gpt-neox-weights";
import { floatTensor, int32Tensor, runSession, SessionCache, type OrtFeeds, type OrtSession, type SessionOptions } from "./ort-session";

// A GPT-NeoX snapshot with hook points: clean forward, prefix/suffix around one layer, and the §2.3 last-token
// patch path that reuses the clean run's keys/values. Sessions are built on first use and kept.

/** Hook tensors at one layer, each [B, T, d] row-major. */
export type LayerHooks = Record<HookName, Float32Array>;

/** What replaces layer L's block output: resid_post = resid_pre + attn_out + mlp_out. */
export type Splice = Record<(typeof SPLICE_INPUTS)[number], Float32Array>;

/** Keys (after rotary) and values of positions 0..T−2 in every layer after L, each [B, heads, T−1, head_dim]. */
export interface KvCache {
  layer: number;
  batch: number;
  pastLength: number;
  keys: Float32Array[];
  values: Float32Array[];
}

export interface CleanRun {
  logits: Float32Array; // [B, T, vocab]
  hooks: LayerHooks;
  cache: KvCache;
}

export class HookedGptNeoX {
  private readonly sessions: SessionCache;
  readonly config: GptNeoXConfig;

  constructor(
    private readonly weights: GptNeoXWeights,
    options: SessionOptions = {},
  ) {
    this.config = weights.config;
    this.sessions = new SessionCache(options);
  }

  static load(modelDir: string, options: SessionOptions = {}): HookedGptNeoX {
    return new HookedGptNeoX(readGptNeoXWeights(modelDir), options);
  }

  /** The ONNX ModelProto bytes of one graph (the browser loads the same bytes in onnxruntime-web). */
  graphBytes(kind: GptNeoXGraphKind, layer = 0): Uint8Array {
    return buildGptNeoXGraph(this.weights, kind, layer);
  }

  private session(kind: GptNeoXGraphKind, layer: number): Promise<OrtSession> {
    return this.sessions.get(`${kind}:${kind === "forward" ? 0 : layer}`, () => this.graphBytes(kind, layer));
  }

  private idsFeed(ids: Int32Array, batch: number): OrtFeeds {
    if (batch <= 0 || ids.length % batch !== 0) throw new Error(`${ids.length} token ids do not split into ${batch} equal sequences`);
    const length = ids.length / batch;
    if (length > this.config.max_position_embeddings) throw new Error(`sequence length ${length} exceeds max_position_embeddings ${this.config.max_position_embeddings}`);
    for (const id of ids) {
      if (id < 0 || id >= this.config.vocab_size) throw new Error(`token id ${id} is outside the vocabulary [0, ${this.config.vocab_size})`);
    }
    return { input_ids: int32Tensor(ids, [batch, length]) };
  }

  /** Logits [B, T, vocab] for `ids` ([B, T] row-major). */
  async forward(ids: Int32Array, batch: number): Promise<Float32Array> {
    const out = await runSession(await this.session("forward", 0), this.idsFeed(ids, batch));
    return out.logits as Float32Array;
  }

  /** Hooks at `layer` without running the later layers. */
  async prefix(ids: Int32Array, batch: number, layer: number): Promise<LayerHooks> {
    const out = await runSession(await this.session("prefix", layer), this.idsFeed(ids, batch));
    return pick(out, HOOK_NAMES) as LayerHooks;
  }

  /** Logits [B, T, vocab] from layer `layer`'s (possibly replaced) residual pieces, each [B, T, d]. */
  async suffix(splice: Splice, batch: number, layer: number): Promise<Float32Array> {
    const dims = [batch, splice.resid_pre.length / (batch * this.config.hidden_size), this.config.hidden_size];
    const feeds = Object.fromEntries(SPLICE_INPUTS.map((name) => [name, floatTensor(splice[name], dims)]));
    const out = await runSession(await this.session("suffix", layer), feeds);
    return out.logits as Float32Array;
  }

  /** The clean forward with hooks at `layer` and the later layers' keys/values for a last-token patch. */
  async cleanRun(ids: Int32Array, batch: number, layer: number): Promise<CleanRun> {
    const out = await runSession(await this.session("clean", layer), this.idsFeed(ids, batch));
    const later = this.laterLayers(layer);
    return {
      logits: out.logits as Float32Array,
      hooks: pick(out, HOOK_NAMES) as LayerHooks,
      cache: {
        layer,
        batch,
        pastLength: ids.length / batch - 1,
        keys: later.map((l) => out[pastKeyName(l)] as Float32Array),
        values: later.map((l) => out[pastValueName(l)] as Float32Array),
      },
    };
  }

  /** Last-position logits [B, vocab] after replacing the last position's pieces (each [B, d]) at the cached layer. */
  async lastTokenLogits(cache: KvCache, last: Splice): Promise<Float32Array> {
    const { batch, layer, pastLength } = cache;
    const { hidden_size: d, num_attention_heads: heads, headDim } = this.config;
    const feeds: OrtFeeds = Object.fromEntries(SPLICE_INPUTS.map((name) => [name, floatTensor(last[name], [batch, d])]));
    this.laterLayers(layer).forEach((l, i) => {
      feeds[pastKeyName(l)] = floatTensor(cache.keys[i], [batch, heads, pastLength, headDim]);
      feeds[pastValueName(l)] = floatTensor(cache.values[i], [batch, heads, pastLength, headDim]);
    });
    const out = await runSession(await this.session("last-token", layer), feeds);
    return out.logits as Float32Array;
  }

  private laterLayers(layer: number): number[] {
    return Array.from({ length: this.config.num_hidden_layers - layer - 1 }, (_, i) => layer + 1 + i);
  }

  release(): Promise<void> {
    return this.sessions.release();
  }
}

/** The last position of each sequence of a [B, T, d] tensor, as [B, d]. */
export function lastPosition(tensor: Float32Array, batch: number, width: number): Float32Array {
  const length = tensor.length / (batch * width);
  const out = new Float32Array(batch * width);
  for (let b = 0; b < batch; b++) out.set(tensor.subarray(((b + 1) * length - 1) * width, (b + 1) * length * width), b * width);
  return out;
}

function pick<K extends string>(record: Record<string, Float32Array | Int32Array>, names: readonly K[]): Record<K, Float32Array> {
  return Object.fromEntries(names.map((name) => [name, record[name] as Float32Array])) as Record<K, Float32Array>;
}
