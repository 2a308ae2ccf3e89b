// The paper's headline question (§3, Conclusion): does rewriting the top-scoring latents from their calibrated
// simulations cost less CE than zero-ablating the whole patch target? Read off the Fig. 3 table at fraction 1 (and
// at every fraction), comparing the two bootstrap CIs.
import type { Figure3Cell, Figure3Table } from "./figure3-table";

export type VerdictKind = "beats" | "worse" | "indistinguishable";

export interface ZeroAblationVerdict {
  readonly fraction: number;
  readonly rewritten: Figure3Cell;
  readonly zeroAblation: Figure3Cell;
  /** "beats": CI entirely below zero ablation's; "worse": entirely above; else the CIs overlap. */
  readonly kind: VerdictKind;
}

function compare(rewritten: Figure3Cell, zeroAblation: Figure3Cell): VerdictKind {
  if (rewritten.upper < zeroAblation.lower) return "beats";
  if (rewritten.lower > zeroAblation.upper) return "worse";
  return "indistinguishable";
}

/** Per fraction, top-scoring calibrated vs zero ablation (rows where either cell is missing are left out). */
export function zeroAblationVerdicts(table: Figure3Table): ZeroAblationVerdict[] {
  const top = table.columns.findIndex((c) => c.id === "top-calibrated");
  const zero = table.columns.findIndex((c) => c.id === "zero-ablation");
  return table.rows.flatMap(({ fraction, cells }) => {
    const rewritten = cells[top];
    const zeroAblation = cells[zero];
    return rewritten && zeroAblation ? [{ fraction, rewritten, zeroAblation, kind: compare(rewritten, zeroAblation) }] : [];
  });
}

/** One plain sentence about rewriting every latent (fraction 1), for the CLI and the run page. */
export function describeZeroAblationVerdict(verdicts: readonly ZeroAblationVerdict[], digits = 3): string {
  const all = verdicts.find((v) => v.fraction === 1) ?? verdicts.at(-1);
  if (!all) return "The run has no top-scoring calibrated cells to compare with zero ablation.";
  const cell = (c: Figure3Cell) => `${c.estimate.toFixed(digits)} [${c.lower.toFixed(digits)}, ${c.upper.toFixed(digits)}]`;
  const what = `Rewriting ${all.fraction === 1 ? "all" : `${Math.round(all.fraction * 100)}% of the`} latents from calibrated simulations costs ${cell(all.rewritten)} nats against zero ablation's ${cell(all.zeroAblation)}`;
  // Fraction 0 rewrites nothing (it is the coder alone), so it says nothing about the explanations.
  const beaten = verdicts.filter((v) => v.kind === "beats" && v.fraction > 0).map((v) => v.fraction);
  const tail = beaten.length > 0 ? ` Rewriting is below zero ablation (CIs apart) at fractions ${beaten.join(", ")}.` : "";
  if (all.kind === "beats") return `${what}: calibrated top-scoring rewriting beats zero ablation (CIs do not overlap).${tail}`;
  if (all.kind === "worse") return `${what}: calibrated rewriting is worse than zero ablation (CIs do not overlap).${tail}`;
  return `${what}: the CIs overlap, so it does not clearly beat zero ablation.${tail}`;
}
