import { readSparsifyCoder, type SparsifyCoderWeights } from "@/lib/formats/sparsify-coder";
import { floatTensor, int32Tensor, runSession, SessionCache, type OrtFeeds, type OrtSession, type SessionOptions } from "@/lib/model/ort-session";
import { buildCoderGraph, type CoderGraphKind } from "./coder-graph";

// A sparsify transcoder or SAE, batched over rows, on onnxruntime-node (graphs in coder-graph.ts).

export interface CoderEncoding {
  /** [rows, k], largest first. */
  topValues: Float32Array;
  /** [rows, k] latent indices, ties in index order. */
  topIndices: Int32Array;
  /** The decoder's output for these latents, [rows, d_in]. */
  decoded: Float32Array;
  /** relu'd pre-activations [rows, numLatents], when asked for. */
  preActs?: Float32Array;
}

export class SparseCoder {
  private readonly sessions: SessionCache;

  constructor(
    readonly weights: SparsifyCoderWeights,
    options: SessionOptions = {},
  ) {
    this.sessions = new SessionCache(options);
  }

  static load(coderDir: string, options: SessionOptions = {}): SparseCoder {
    return new SparseCoder(readSparsifyCoder(coderDir), options);
  }

  get config() {
    return this.weights.config;
  }

  /** "transcoder" when trained to predict an MLP's output from its input (cfg.transcode), else "sae". */
  get kind(): "transcoder" | "sae" {
    return this.config.transcode ? "transcoder" : "sae";
  }

  graphBytes(kind: CoderGraphKind): Uint8Array {
    return buildCoderGraph(this.weights, kind);
  }

  private session(kind: CoderGraphKind): Promise<OrtSession> {
    return this.sessions.get(kind, () => this.graphBytes(kind));
  }

  private rows(x: Float32Array): number {
    const dIn = this.config.d_in;
    if (x.length % dIn !== 0) throw new Error(`input of length ${x.length} is not a whole number of rows of d_in ${dIn}`);
    return x.length / dIn;
  }

  /** Encodes rows of x [rows, d_in] (the MLP input for a transcoder, the residual stream for an SAE). */
  async encode(x: Float32Array, options: { preActs?: boolean } = {}): Promise<CoderEncoding> {
    const kind = options.preActs ? "encode-with-pre-acts" : "encode";
    const out = await runSession(await this.session(kind), { x: floatTensor(x, [this.rows(x), this.config.d_in]) });
    return {
      topValues: out.top_values as Float32Array,
      topIndices: out.top_indices as Int32Array,
      decoded: out.decoded as Float32Array,
      ...(options.preActs ? { preActs: out.pre_acts as Float32Array } : {}),
    };
  }

  /** Decodes chosen latents (values and indices [rows, k'], any k'); `x` [rows, d_in] feeds the skip term. */
  async decode(topValues: Float32Array, topIndices: Int32Array, x: Float32Array): Promise<Float32Array> {
    const rows = this.rows(x);
    if (topValues.length !== topIndices.length || topValues.length % rows !== 0) {
      throw new Error(`values (${topValues.length}) and indices (${topIndices.length}) must both be [${rows}, k]`);
    }
    const dims = [rows, topValues.length / rows];
    const feeds: OrtFeeds = { top_values: floatTensor(topValues, dims), top_indices: int32Tensor(topIndices, dims), x: floatTensor(x, [rows, this.config.d_in]) };
    const out = await runSession(await this.session("decode"), feeds);
    return out.decoded as Float32Array;
  }

  release(): Promise<void> {
    return this.sessions.release();
  }
}
