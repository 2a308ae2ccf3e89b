import { FormatError } from "./format-error";

/** Where a coder reads in the GPT-NeoX module tree. */
export type Hookpoint =
  | { kind: "mlp"; layer: number; name: string } // transcoder: MLP input → MLP output of `layer`
  | { kind: "residual"; layer: number; name: string }; // SAE: residual stream after block `layer`

/**
 * Parses sparsify hookpoint names. `layers.6.mlp` is layer 6's MLP; `layers.6` is the output of block 6,
 * which is HF `hidden_states[7]` (hidden_states[0] is the embedding output).
 */
export function parseHookpoint(name: string, numLayers?: number): Hookpoint {
  const match = /^(?:gpt_neox\.)?layers\.(\d+)(\.mlp)?$/.exec(name);
  if (!match) {
    throw new FormatError("hookpoint", `"${name}" is not supported; use "layers.N.mlp" (transcoder) or "layers.N" (residual SAE)`);
  }
  const layer = Number(match[1]);
  if (numLayers !== undefined && layer >= numLayers) {
    throw new FormatError("hookpoint", `"${name}" names layer ${layer} but the model has ${numLayers} layers (0–${numLayers - 1})`);
  }
  const canonical = `layers.${layer}${match[2] ?? ""}`;
  return match[2] ? { kind: "mlp", layer, name: canonical } : { kind: "residual", layer, name: canonical };
}
