import { describe, expect, it } from "vitest";
import { renderChatPrompt } from "./prompt-format";

const messages = [
  { role: "system" as const, content: "Be brief." },
  { role: "user" as const, content: "Explanation: cats\n\nText: a <<cat>>" },
];

describe("renderChatPrompt", () => {
  it("spells Llama 3 headers and ends at the assistant's turn", () => {
    expect(renderChatPrompt(messages, "llama3")).toBe(
      "<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>" +
        "<|start_header_id|>user<|end_header_id|>\n\nExplanation: cats\n\nText: a <<cat>><|eot_id|>" +
        "<|start_header_id|>assistant<|end_header_id|>\n\n",
    );
  });

  it("spells ChatML turns", () => {
    expect(renderChatPrompt(messages, "chatml")).toBe(
      "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nExplanation: cats\n\nText: a <<cat>><|im_end|>\n<|im_start|>assistant\n",
    );
  });

  it("joins the messages for a base model", () => {
    expect(renderChatPrompt(messages, "plain")).toBe("Be brief.\n\nExplanation: cats\n\nText: a <<cat>>\n\n");
  });
});
