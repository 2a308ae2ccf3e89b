// The rewrite protocol's CoderAdapter over the ORT runtime for every held-out prompt at once: one clean run per
// batch keeps the later layers' keys/values (prompt-clean-runs.ts), so each patched evaluation is a single-position
// forward (prompt-batch-adapter.ts). It holds [P × L] pre-activations and every prompt's keys/values: fine for the
// one-latent editor's few hundred prompts; the evaluation at scale walks blocks instead (pack-prompt-blocks.ts).
import type { SparseCoder } from "@/lib/coder/sparse-coder";
import type { TopTokens } from "@/lib/core/top-tokens";
import type { HookedGptNeoX } from "@/lib/model/hooked-model";
import type { CoderAdapter } from "./coder-adapter";
import type { HeldoutPrompts } from "./heldout-prompts";
import { promptBatchAdapter } from "./prompt-batch-adapter";
import { coderHookpoint, defaultBatchSize, promptRangeCleanRuns } from "./prompt-clean-runs";

export { CLEAN_TOP_TOKENS } from "./prompt-clean-runs";

export interface HeldoutCleanRun {
  readonly coder: CoderAdapter;
  /** [P·L] the coder's relu'd pre-activations (before TopK) at each prompt's last token. */
  readonly trueActivations: Float32Array;
  /** [P] the clean model's next-token CE at the last token, nats. */
  readonly cleanCeNats: Float64Array;
  /** The clean model's CLEAN_TOP_TOKENS most likely next tokens at each prompt's last token. */
  readonly cleanTopTokens: TopTokens;
}

export interface PackCoderAdapterOptions {
  /** Prompts per clean run (and per patched forward pass). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function packCoderAdapter(
  model: HookedGptNeoX,
  coder: SparseCoder,
  hookpoint: string,
  prompts: HeldoutPrompts,
  options: PackCoderAdapterOptions = {},
): Promise<HeldoutCleanRun> {
  const point = coderHookpoint(model, coder, hookpoint);
  const { promptCount: P, promptLength: T } = prompts;
  const batchSize = options.batchSize ?? defaultBatchSize(T, model.config.vocab_size);
  const clean = await promptRangeCleanRuns(model, point, prompts, { first: 0, count: P, batchSize }, {
    signal: options.signal,
    onProgress: (done) => options.onProgress?.(done, P),
  });
  const encoded = await coder.encode(clean.coderInput, { preActs: true });
  const adapter = promptBatchAdapter(model, coder, point, clean, prompts.nextTokens, { batchSize, signal: options.signal });
  return { coder: adapter, trueActivations: encoded.preActs!, cleanCeNats: clean.cleanCeNats, cleanTopTokens: clean.cleanTopTokens };
}
