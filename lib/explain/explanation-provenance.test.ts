import { describe, expect, it } from "vitest";
import { explanationSourceLabel, scorerSourceLabel } from "./explanation-provenance";

describe("provenance labels", () => {
  it("names baselines as baselines and LLMs with their model", () => {
    expect(explanationSourceLabel("statistical-baseline", null)).toMatch(/^statistical baseline .*not an LLM/);
    expect(explanationSourceLabel("llm", "Qwen2.5-7B")).toBe("LLM (Qwen2.5-7B)");
    expect(scorerSourceLabel("lexical-baseline")).toMatch(/^lexical baseline .*not an LLM/);
    expect(scorerSourceLabel("llm:gpt-4o-mini")).toBe("LLM (gpt-4o-mini)");
  });
});
