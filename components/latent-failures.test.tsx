import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LatentFailures } from "./latent-failures";

describe("LatentFailures", () => {
  it("shows each failed stage with its source, reason and detail, and nothing when there is none", () => {
    const html = renderToStaticMarkup(
      <LatentFailures
        failures={[
          { what: "Explaining", sourceLabel: "LLM (qwen3)", reason: "answer-cut-off", detail: "cut off at max_tokens 500", createdAt: "2026-11-29T10:00:00.000Z" },
          { what: "Detection scoring", sourceLabel: "LLM (qwen3)", reason: "no-usable-answers", detail: "no example of 200 got a usable answer", createdAt: "2026-11-28T10:00:00.000Z" },
        ]}
      />,
    );
    expect(html).toContain("Explaining by LLM (qwen3) failed on 2026-11-29: <code>answer-cut-off</code>");
    expect(html).toContain("cut off at max_tokens 500");
    expect(html).toContain("Detection scoring by LLM (qwen3) failed on 2026-11-28: <code>no-usable-answers</code>");
    expect(renderToStaticMarkup(<LatentFailures failures={[]} />)).toBe("");
  });
});
