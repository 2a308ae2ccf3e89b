import { describe, expect, it } from "vitest";
import { fakeCoderAdapter } from "@/lib/evaluate/testing/fake-coder-adapter";
import { handCoderSpec, handConfig, handInputs } from "@/lib/evaluate/testing/hand-example";
import { describePairedVerdicts, pairedVerdicts, referenceBaselines } from "./reference-verdict";
import { runRewriteEvaluation } from "./rewrite-evaluation";

describe("paired verdicts on the hand example", () => {
  it("leads with zero ablation for a transcoder, then mean ablation and every latent zeroed", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    expect(referenceBaselines(result).map((r) => [r.id, r.role])).toEqual([
      ["zero-ablation", "primary"],
      ["mean-ablation", "secondary"],
      ["latents-zeroed", "secondary"],
    ]);
    const atOne = pairedVerdicts(result).filter((v) => v.fraction === 1);
    // calibrated at 1: CE [57.25, 44.25]. zero ablation [122, 198] → (−64.75, −153.75), mean −109.25, every
    // resample negative; mean ablation [3.25, 4.25] → (54, 40), mean 47; every latent zeroed [111.25, 158.25] → (−54, −114).
    expect(atOne.map((v) => [v.reference, v.difference.estimate, v.kind])).toEqual([
      ["zero-ablation", -109.25, "beats"],
      ["mean-ablation", 47, "worse"],
      ["latents-zeroed", -84, "beats"],
    ]);
    expect(atOne[0].difference.upper).toBeLessThanOrEqual(-64.75);
    expect(describePairedVerdicts(pairedVerdicts(result))).toMatch(
      /^Against zero ablation, rewriting all latents from calibrated simulations changes CE by -109\.250 \[-153\.750, -64\.750\] nats per prompt \(paired\): better than it\./,
    );
  });

  it("never uses a zeroed residual stream as an SAE's reference", async () => {
    const inputs = { ...handInputs(), coder: fakeCoderAdapter({ ...handCoderSpec, kind: "sae" }) };
    const result = await runRewriteEvaluation(handConfig, inputs);
    expect(referenceBaselines(result).map((r) => [r.id, r.role])).toEqual([
      ["latents-zeroed", "primary"],
      ["mean-ablation", "secondary"],
      ["zero-ablation", "not meaningful"],
    ]);
    expect(new Set(pairedVerdicts(result).map((v) => v.reference))).toEqual(new Set(["latents-zeroed", "mean-ablation"]));
    expect(describePairedVerdicts(pairedVerdicts(result))).toMatch(/^Against every latent zeroed \(b_dec\)/);
  });

  it("falls back to zero ablation for an SAE run stored before the SAE references existed", async () => {
    const inputs = { ...handInputs(), coder: fakeCoderAdapter({ ...handCoderSpec, kind: "sae" }) };
    const result = await runRewriteEvaluation(handConfig, inputs);
    const old = { ...result, baselines: { ...result.baselines, latentsZeroed: undefined, meanAblation: undefined } };
    expect(referenceBaselines(old).map((r) => [r.id, r.role])).toEqual([["zero-ablation", "primary"]]);
  });
});
