// Test double of the model runtime with closed forms simple enough to compute by hand:
//   decode:      r_p = b_dec + skip_p + Σ_j values[p,j] · W_dec[indices[p,j]]
//   lastTokenCe: ce_p = clean_p + ‖r_p − target_p‖²   (a "loss" that is minimal at the MLP's true output)
import type { CoderAdapter } from "./coder-adapter";

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
      for (let p = 0; p < promptCount; p++) {
        for (let c = 0; c < d; c++) {
          let sum = spec.bDec[c] + spec.skip[p][c];
          for (let j = p * spec.k; j < (p + 1) * spec.k; j++) sum += values[j] * spec.decoderRows[indices[j]][c];
          out[p * d + c] = sum;
        }
      }
      return out;
    },
    async lastTokenCe(replacement) {
      adapter.lastTokenCeCalls++;
      return Float64Array.from({ length: promptCount }, (_, p) => {
        let squared = 0;
        for (let c = 0; c < d; c++) squared += (replacement[p * d + c] - spec.target[p][c]) ** 2;
        return spec.cleanCeNats[p] + squared;
      });
    },
  };
  return adapter;
}
