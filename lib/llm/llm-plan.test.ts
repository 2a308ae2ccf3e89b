import { describe, expect, it } from "vitest";
import { addEstimates, describeEstimate, NO_CALLS, promptTextTokens } from "./call-estimate";
import { formatDuration } from "@/lib/core/format-duration";
import { describePlanTime, measuredPromptsPerS, planFor, readPlanSettings } from "./llm-plan";

const estimate = { calls: 3_600, requests: 57, promptTokens: 1_000_000, completionTokens: 28_800, sharedPromptTokens: 700_000 };

describe("planFor", () => {
  it("divides prompts by the rate and prices tokens per million", () => {
    const settings = readPlanSettings({ REWRITE_LLM_PROMPTS_PER_S: "1200", REWRITE_LLM_PRICE_PER_MTOK_IN: "0.1", REWRITE_LLM_PRICE_PER_MTOK_OUT: "0.2" });
    const plan = planFor(estimate, settings, { promptsPerS: 10, source: "measured" });
    expect(plan.wallSeconds).toBe(3); // 3,600 / 1,200: the configured rate wins
    expect(plan.costUsd).toBeCloseTo(0.1 + 0.00576, 12); // 1e6 × 0.1/1e6 + 28,800 × 0.2/1e6
    expect(describePlanTime(plan, settings)).toBe(
      "≈ 3 s at 1,200 prompts/s, configured (REWRITE_LLM_PROMPTS_PER_S); ≈ $0.11 at $0.1 / $0.2 per million prompt / completion tokens",
    );
  });

  it("uses a measured rate when none is configured, and says what is unknown", () => {
    const none = readPlanSettings({});
    expect(planFor(estimate, none, { promptsPerS: 100, source: "measured" }).wallSeconds).toBe(36);
    const blind = planFor(estimate, none);
    expect([blind.wallSeconds, blind.costUsd]).toEqual([null, null]);
    expect(describePlanTime(blind, none)).toMatch(/^wall time unknown: set REWRITE_LLM_PROMPTS_PER_S.*; no price configured/);
  });

  it("names a bad setting and its value", () => {
    expect(() => readPlanSettings({ REWRITE_LLM_PROMPTS_PER_S: "0" })).toThrow(/REWRITE_LLM_PROMPTS_PER_S must be above 0 \(got "0"\)/);
    expect(() => readPlanSettings({ REWRITE_LLM_PRICE_PER_MTOK_IN: "cheap" })).toThrow(/REWRITE_LLM_PRICE_PER_MTOK_IN must be a non-negative number \(got "cheap"\)/);
  });
});

describe("measuredPromptsPerS", () => {
  it("counts the answers after the latest stretch's first commit over its span", () => {
    // An older run at t = 0…1 s, a 5-minute pause, then commits of 3, 2 and 5 answers at 400, 401 and 402 s.
    const times = [0, 500, 1000, ...[400_000, 400_000, 400_000], ...[401_000, 401_000], ...[402_000, 402_000, 402_000, 402_000, 402_000]];
    expect(measuredPromptsPerS(times)).toBeCloseTo(7 / 2, 12);
    expect(measuredPromptsPerS([5, 5, 5])).toBeNull();
    expect(measuredPromptsPerS([])).toBeNull();
  });
});

describe("formatDuration", () => {
  it("picks a unit a reader can take in", () => {
    expect([45, 720, 12_000, 3 * 86_400 + 43_200].map(formatDuration)).toEqual(["45 s", "12 min", "3 h 20 min", "3.5 days"]);
  });
});

describe("estimates", () => {
  it("add their requests and keep a character count exact only when every side has one", () => {
    const a = { calls: 10, requests: 2, promptChars: 4_000, promptTokens: 1_000, completionTokens: 80, sharedPromptTokens: 0 };
    const b = { calls: 5, promptTokens: 500, completionTokens: 40, sharedPromptTokens: 0 };
    expect(addEstimates(a, a)).toMatchObject({ calls: 20, requests: 4, promptChars: 8_000 });
    expect(addEstimates(a, NO_CALLS)).toMatchObject({ requests: 2, promptChars: 4_000 });
    const mixed = addEstimates(a, b);
    expect(mixed.requests).toBe(7); // b sends one request per call
    expect(mixed.promptChars).toBeUndefined();
    expect(describeEstimate(addEstimates(a, a))).toBe("20 calls in 4 requests, ≈ 2,000 prompt tokens (8,000 characters exactly), ≤ 160 completion tokens");
  });
});

describe("promptTextTokens", () => {
  it("counts a special token as one and the rest at 4 characters a token", () => {
    expect(promptTextTokens("<|im_start|>user\nabcd<|im_end|>\n")).toBe(2 + 10 / 4);
  });
});
