import { describe, expect, it } from "vitest";
import type { RewriteDatabase } from "@/db/client";
import type { LlmClient } from "@/lib/llm";
import { openStageJobTarget } from "./stage-job-target";

const params = { packDir: "/nowhere", hookpoint: "layers.0.mlp", llm: "model-a", seed: 0 };
const client = (model: string) => ({ model }) as LlmClient;
const noDatabase = {} as RewriteDatabase;

describe("openStageJobTarget", () => {
  it("never resumes an LLM job with another model or with the baseline", () => {
    expect(() => openStageJobTarget(noDatabase, params, null)).toThrow("this job runs with the LLM model-a, but no LLM server is configured (REWRITE_LLM_BASE_URL); configure it, or run the command again with --baseline");
    expect(() => openStageJobTarget(noDatabase, params, client("model-b"))).toThrow(/runs with the LLM model-a, but the configured LLM is model-b/);
  });
});
