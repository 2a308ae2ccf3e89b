// Test double of the model runtime with closed forms simple enough to compute by hand:
//   decode:      r_p = b_dec + skip_p + Σ_j values[p,j] · W_dec[indices[p,j]]
//   lastTokenCe: ce_p = clean_p + ‖r_p − target_p‖²   (a "loss" that is minimal at the MLP's true output)
// lastTokenCeOfRows applies both to each requested (prompt, TopK row).
import type { CoderAdapter } from "@/lib/evaluate/coder-adapter";

export interface FakeCoderSpec {
  readonly kind?: "transcoder" | "sae";
  readonly k: number;
  /** W_dec rows, [L][d]. */
  readonly decoderRows: readonly (readonly number[])[];
  readonly bDec: readonly number[];
  /** Per prompt [P][d]. */
  readonly skip: readonly (readonly number[])[];
  readonly target: readonly (readonly number[])[];
  readonly cleanCeNats: readonly number[];
}

export interface FakeCoderAdapter extends CoderAdapter {
  /** Entries (P·k) of each decode call, and the count of CE calls: to check batching. */
  readonly decodeCallSizes: number[];
  lastTokenCeCalls: number;
}

export function fakeCoderAdapter(spec: FakeCoderSpec): FakeCoderAdapter {
  const d = spec.bDec.length;
  const promptCount = spec.cleanCeNats.length;
  // Float32 like the runtime's decoded vectors, so both paths give the same CE.
  const decodeRow = (p: number, indices: ArrayLike<number>, values: ArrayLike<number>) =>
    Float32Array.from({ length: d }, (_, c) => {
      let sum = spec.bDec[c] + spec.skip[p][c];
      for (let j = 0; j < spec.k; j++) sum += values[j] * spec.decoderRows[indices[j]][c];
      return sum;
    });
  const ceOf = (p: number, r: ArrayLike<number>) => {
    let squared = 0;
    for (let c = 0; c < d; c++) squared += (r[c] - spec.target[p][c]) ** 2;
    return spec.cleanCeNats[p] + squared;
  };
  const adapter: FakeCoderAdapter = {
    kind: spec.kind ?? "transcoder",
    numLatents: spec.decoderRows.length,
    k: spec.k,
    cleanPatchTarget: Float32Array.from(spec.target.flat()),
    decodeCallSizes: [],
    lastTokenCeCalls: 0,
    async decode(indices, values) {
      adapter.decodeCallSizes.push(indices.length);
      const out = new Float32Array(promptCount * d);
      const row = (p: number) => [p * spec.k, (p + 1) * spec.k] as const;
      for (let p = 0; p < promptCount; p++) out.set(decodeRow(p, indices.subarray(...row(p)), values.subarray(...row(p))), p * d);
      return out;
    },
    async lastTokenCe(replacement) {
      adapter.lastTokenCeCalls++;
      return Float64Array.from({ length: promptCount }, (_, p) => ceOf(p, replacement.subarray(p * d, (p + 1) * d)));
    },
    async lastTokenCeOfRows(prompts, indices, values) {
      const row = (r: number) => [r * spec.k, (r + 1) * spec.k] as const;
      return Float64Array.from(prompts, (p, r) => ceOf(p, decodeRow(p, indices.subarray(...row(r)), values.subarray(...row(r)))));
    },
  };
  return adapter;
}
