import { availableParallelism } from "node:os";
import * as ort from "onnxruntime-node";

// onnxruntime-node sessions as the server runs them: every graph optimisation (constant folding of the weight
// transposes, GELU / LayerNorm fusions), one intra-op thread per core (unless told), sequential execution.

export type OrtSession = ort.InferenceSession;
export type OrtFeeds = Record<string, ort.Tensor>;

export interface SessionOptions {
  threads?: number;
}

export function createOrtSession(modelBytes: Uint8Array, options: SessionOptions = {}): Promise<OrtSession> {
  return ort.InferenceSession.create(modelBytes, {
    graphOptimizationLevel: "all",
    executionMode: "sequential",
    intraOpNumThreads: options.threads ?? availableParallelism(),
    interOpNumThreads: 1,
    logSeverityLevel: 3, // warnings are only the optimiser's notes about folded constants
    // Idle workers sleep instead of spinning: on cores shared with other jobs spinning doubled our latency.
    extra: { session: { intra_op: { allow_spinning: "0" } } },
  });
}

export function floatTensor(data: Float32Array, dims: number[]): ort.Tensor {
  return new ort.Tensor("float32", data, dims);
}

export function int32Tensor(data: Int32Array, dims: number[]): ort.Tensor {
  return new ort.Tensor("int32", data, dims);
}

/** Runs `session` and returns its outputs' data (float32 or int32), keyed by output name. */
export async function runSession(session: OrtSession, feeds: OrtFeeds): Promise<Record<string, Float32Array | Int32Array>> {
  const results = await session.run(feeds);
  const out: Record<string, Float32Array | Int32Array> = {};
  for (const [name, tensor] of Object.entries(results)) out[name] = tensor.data as Float32Array | Int32Array;
  return out;
}

/** Sessions built on first use from graph bytes, kept per key. */
export class SessionCache {
  private readonly sessions = new Map<string, Promise<OrtSession>>();

  constructor(private readonly options: SessionOptions = {}) {}

  get(key: string, buildGraph: () => Uint8Array): Promise<OrtSession> {
    let session = this.sessions.get(key);
    if (!session) {
      session = createOrtSession(buildGraph(), this.options);
      this.sessions.set(key, session);
    }
    return session;
  }

  async release(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map(async (session) => (await session).release()));
  }
}
