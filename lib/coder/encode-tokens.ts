import { parseHookpoint } from "@/lib/formats/hookpoint";
import type { HookedGptNeoX } from "@/lib/model/hooked-model";
import type { CoderEncoding, SparseCoder } from "./sparse-coder";

// Runs the base model up to a coder's hookpoint and encodes there. sparsify: a transcoder on `layers.N.mlp` reads
// the MLP input (ln2 output) of block N; an SAE on `layers.N` reads the output of block N (HF hidden_states[N + 1]).

/** The hook tensor a coder at `hookpoint` reads. */
export function coderInputHook(hookpoint: string, numLayers: number): "mlp_in" | "resid_post" {
  return parseHookpoint(hookpoint, numLayers).kind === "mlp" ? "mlp_in" : "resid_post";
}

export async function encodeTokensAt(model: HookedGptNeoX, coder: SparseCoder, hookpoint: string, ids: Int32Array, batch: number): Promise<CoderEncoding> {
  const numLayers = model.config.num_hidden_layers;
  const hooks = await model.prefix(ids, batch, parseHookpoint(hookpoint, numLayers).layer);
  return coder.encode(hooks[coderInputHook(hookpoint, numLayers)]);
}
