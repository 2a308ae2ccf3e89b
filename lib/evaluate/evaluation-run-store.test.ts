import { describe, expect, it } from "vitest";
import { InMemoryEvaluationRunStore } from "./evaluation-run-store";
import { handConfig, handInputs } from "@/lib/evaluate/testing/hand-example";
import { runRewriteEvaluation } from "./rewrite-evaluation";

describe("InMemoryEvaluationRunStore", () => {
  it("keeps a run (typed arrays included) and hands back copies", async () => {
    const result = await runRewriteEvaluation(handConfig, handInputs());
    const store = new InMemoryEvaluationRunStore();
    const id = await store.save({ inputRefs: { pack: "demo" }, result });
    const loaded = await store.load(id);
    expect(loaded).toEqual({ inputRefs: { pack: "demo" }, result });
    expect(loaded!.result.runs[0].ceNats).toBeInstanceOf(Float64Array);
    loaded!.result.runs[0].ceNats[0] = 999;
    expect((await store.load(id))!.result.runs[0].ceNats[0]).not.toBe(999);
    expect(await store.list()).toEqual([{ id, seed: 7, coderKind: "transcoder", promptCount: 2, inputRefs: { pack: "demo" } }]);
    expect(await store.load("run-404")).toBeUndefined();
  });
});
