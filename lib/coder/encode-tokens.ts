import { parseHookpoint } from "@/lib/formats/hookpoint";
import type { HookedGptNeoX } from "@/lib/model/hooked-model";
import type { CoderEncoding, SparseCoder } from "./sparse-coder";

// Runs the base model up to a coder's hookpoint and encodes there. sparsify: a transcoder on `layers.N.mlp` reads
// the MLP input (ln2 output) of block N; an SAE on `layers.N` reads the output of block N (HF hidden_states[N + 1]).

export async function encodeTokensAt(model: HookedGptNeoX, coder: SparseCoder, hookpoint: string, ids: Int32Array, batch: number): Promise<CoderEncoding> {
  const point = parseHookpoint(hookpoint, model.config.num_hidden_layers);
  const hooks = await model.prefix(ids, batch, point.layer);
  return coder.encode(point.kind === "mlp" ? hooks.mlp_in : hooks.resid_post);
}
