import { describe, expect, it } from "vitest";
import { resultWithoutArrays, runListHeadline } from "./run-list-data";
import { smallResult } from "@/lib/evaluate/testing/small-evaluation-fixture";
import { splitTypedArrays } from "./typed-array-json";

describe("the /runs headline", () => {
  it("reads the top-scoring calibrated rewrite at fraction 1 and zero ablation from the stored JSON alone", async () => {
    const result = await smallResult();
    const skeleton = resultWithoutArrays(splitTypedArrays(result).json);
    // What the run computed, looked up directly in its summaries and baselines.
    const rewrite = result.summaries.find((s) => s.selection === "top-detection" && s.treatment === "calibrated-quantile" && s.fraction === 1)!.summary.meanIncreaseNats;
    const zero = result.baselines.zeroAblation.summary.meanIncreaseNats;
    expect(runListHeadline(skeleton)).toEqual({
      fraction: 1,
      ciLevel: result.config.ciLevel,
      rewrite: { label: "top-scoring, calibrated", cell: { estimate: rewrite.estimate, lower: rewrite.lower, upper: rewrite.upper } },
      reference: { label: "zero ablation", cell: { estimate: zero.estimate, lower: zero.lower, upper: zero.upper } },
    });
    expect(skeleton.baselines.cleanCeNats).toHaveLength(0);
  });

  it("restores non-finite numbers the store wrote as {$number}", () => {
    expect(resultWithoutArrays('{"a": {"$number": "NaN"}, "b": [{"$number": "-Infinity"}], "c": {"$array": "c"}}')).toEqual({ a: Number.NaN, b: [-Infinity], c: new Float64Array(0) });
  });

  it("has no headline for a run without fraction 1", async () => {
    const result = await smallResult();
    const skeleton = resultWithoutArrays(splitTypedArrays({ ...result, config: { ...result.config, fractions: [0, 0.5] } }).json);
    expect(runListHeadline(skeleton)).toBeNull();
  });
});
