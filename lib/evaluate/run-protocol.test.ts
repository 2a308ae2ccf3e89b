import { describe, expect, it } from "vitest";
import { runProtocol } from "./run-protocol";

const base = {
  config: { bootstrapResamples: 1000, ciLevel: 0.95, unrewrittenLatents: "transcoder-topk" as const, rawActiveThreshold: 0 },
  coderKind: "transcoder" as const,
  promptCount: 500,
  inputs: { simulatorId: "lexical-baseline", promptLength: "64", cacheTokens: "1048576" },
  calibrations: [{ mode: "calibrated-quantile" as const, target: "cache" as const, estimator: "empirical" as const, tieRule: "conditional-mean" as const, contextCount: 1000 }],
  references: [{ id: "zero-ablation" as const, label: "zero ablation", role: "primary" as const }],
};

describe("runProtocol", () => {
  it("states each choice and flags where it departs from the paper", () => {
    const rows = Object.fromEntries(runProtocol(base).map((r) => [r.name, r]));
    expect(rows["latents not rewritten keep"]).toMatchObject({ ours: "the transcoder's own TopK output (active set and values)", differs: false });
    expect(rows.simulator).toMatchObject({ differs: true });
    expect(rows.simulator.ours).toMatch(/not an LLM/);
    expect(rows["quantile estimator / ties"].ours).toBe("empirical; tied predictions → conditional-mean");
    expect(rows["evaluation prompts"].paper).toMatch(/^10K/);
    expect(rows.verdict.ours).toMatch(/^paired bootstrap CI/);
  });

  it("says so when a stored run predates a setting", () => {
    const old = { ...base, config: { bootstrapResamples: 1000, ciLevel: 0.95 } };
    const rows = Object.fromEntries(runProtocol(old).map((r) => [r.name, r]));
    expect(rows["latents not rewritten keep"]).toMatchObject({ differs: true });
    expect(rows["latents not rewritten keep"].ours).toMatch(/predates the setting and back-filled/);
    expect(rows["sensitivity / specificity"].ours).toMatch(/predates/);
  });

  it("names the SAE's references", () => {
    const sae = { ...base, coderKind: "sae" as const, references: [{ id: "latents-zeroed" as const, label: "every latent zeroed (b_dec)", role: "primary" as const }] };
    const reference = runProtocol(sae).find((r) => r.name === "reference")!;
    expect(reference.ours).toMatch(/^every latent zeroed \(b_dec\) and mean ablation/);
    expect(reference.differs).toBe(true);
  });
});
