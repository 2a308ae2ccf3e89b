// Chat messages as one text prompt for /v1/completions, which applies no chat template: the only endpoint where
// vLLM and llama.cpp server accept several prompts per request. The format must match the served model's template.
import type { ChatMessage } from "./llm-client";

export const PROMPT_FORMATS = ["llama3", "chatml", "plain"] as const;
export type PromptFormat = (typeof PROMPT_FORMATS)[number];

// Llama 3 / 3.1 instruct (the seed paper's simulator); the server adds <|begin_of_text|> itself (add_bos_token).
function llama3(messages: readonly ChatMessage[]): string {
  const turns = messages.map((m) => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content}<|eot_id|>`);
  return `${turns.join("")}<|start_header_id|>assistant<|end_header_id|>\n\n`;
}

// ChatML (Qwen, many fine-tunes).
function chatml(messages: readonly ChatMessage[]): string {
  const turns = messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`);
  return `${turns.join("")}<|im_start|>assistant\n`;
}

// A base model: the messages one after another, and the reply starts on the next line.
function plain(messages: readonly ChatMessage[]): string {
  return `${messages.map((m) => m.content).join("\n\n")}\n\n`;
}

const RENDERERS: Record<PromptFormat, (messages: readonly ChatMessage[]) => string> = { llama3, chatml, plain };

export function renderChatPrompt(messages: readonly ChatMessage[], format: PromptFormat): string {
  return RENDERERS[format](messages);
}
