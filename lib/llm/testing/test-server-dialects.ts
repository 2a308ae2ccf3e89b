// How vLLM, llama.cpp server and Ollama shape what the test server imitates, read from their source (2026-11):
// error bodies, where a thinking model's reasoning goes, how logprob entries look, and their quirks.
//   vLLM (entrypoints/openai): ErrorResponse {error: {message, type, param, code}}; message.reasoning; logprob
//     entries {token, logprob, bytes, top_logprobs}; --return-tokens-as-token-ids names tokens "token_id:<id>";
//     UsageInfo.completion_tokens may be null.
//   llama.cpp server: {error: {code, message, type}} (501 not_supported_error); message.reasoning_content; entries
//     {id, token, bytes, logprob, top_logprobs}, or {…, prob, top_probs} with post_sampling_probs.
//   Ollama /v1: {error: {message, type, param: null, code: null}}; message.reasoning; entries {token, logprob, bytes,
//     top_logprobs}; no logprobs at all before 0.12.11.

export type ServerDialect = "openai" | "vllm" | "llama.cpp" | "ollama";

export interface DialectQuirks {
  /** vLLM --return-tokens-as-token-ids. */
  tokensAsIds?: boolean;
  /** llama.cpp with post_sampling_probs: probabilities instead of log-probabilities. */
  postSamplingProbs?: boolean;
  /** vLLM may report usage.completion_tokens as null. */
  completionTokensNull?: boolean;
  /** An Ollama before 0.12.11: logprobs are ignored, never returned. */
  noLogprobs?: boolean;
  /** The model name the server reports instead of the requested one (Ollama adds ":latest"). */
  reportedModel?: string;
  /** Choices of a prompt array sent last first, so only their `index` tells which prompt each answers. */
  choicesOutOfOrder?: boolean;
}

/** Failures real servers answer with, for the `error` step. */
export type ServerProblem = "unknown-model" | "no-chat-template" | "context-too-long" | "not-supported";

/** The message field a dialect puts a thinking model's reasoning in (none: OpenAI keeps it hidden). */
export function reasoningField(dialect: ServerDialect): string | null {
  return dialect === "llama.cpp" ? "reasoning_content" : dialect === "openai" ? null : "reasoning";
}

/** Whether the request asks this dialect's server not to think (see THINKING_OFF_FIELDS in llm-client.ts). */
export function thinkingOff(dialect: ServerDialect, body: Record<string, unknown>): boolean {
  const kwargs = body.chat_template_kwargs as { enable_thinking?: unknown } | undefined;
  const templateOff = kwargs?.enable_thinking === false;
  const effortOff = body.reasoning_effort === "none";
  if (dialect === "llama.cpp") return templateOff;
  if (dialect === "ollama" || dialect === "openai") return effortOff;
  return templateOff || effortOff;
}

// A stable made-up id per token text, for the dialects that send ids.
function tokenId(token: string): number {
  let hash = 0;
  for (const char of token) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 150_000;
  return hash;
}

const bytesOf = (token: string) => Array.from(Buffer.from(token, "utf8"));

/** One generated token's chat-format logprob entry, as the dialect writes it. */
export function logprobEntry(
  dialect: ServerDialect,
  quirks: DialectQuirks,
  token: string,
  logprob: number,
  top: ReadonlyArray<{ token: string; logprob: number }>,
): Record<string, unknown> {
  const name = (t: string) => (quirks.tokensAsIds ? `token_id:${tokenId(t)}` : t);
  if (dialect === "llama.cpp") {
    const value = (lp: number) => (quirks.postSamplingProbs ? { prob: Math.exp(lp) } : { logprob: lp });
    const alternatives = top.map((t) => ({ id: tokenId(t.token), token: t.token, bytes: bytesOf(t.token), ...value(t.logprob) }));
    return { id: tokenId(token), token, bytes: bytesOf(token), ...value(logprob), [quirks.postSamplingProbs ? "top_probs" : "top_logprobs"]: alternatives };
  }
  const alternatives = top.map((t) => ({ token: name(t.token), logprob: t.logprob, bytes: bytesOf(t.token) }));
  // Ollama leaves top_logprobs out when there are none (omitempty).
  const topField = dialect === "ollama" && alternatives.length === 0 ? {} : { top_logprobs: alternatives };
  return { token: name(token), logprob, bytes: bytesOf(token), ...topField };
}

function errorBody(dialect: ServerDialect, status: number, message: string, type: string, extra: Record<string, unknown> = {}) {
  if (dialect === "llama.cpp") return { error: { code: status, message, type, ...extra } };
  if (dialect === "vllm") return { error: { message, type, param: null, code: status, ...extra } };
  return { error: { message, type, param: null, code: null, ...extra } };
}

// The messages each server sends, as their source words them (the numbers are an example's).
const VLLM_NO_CHAT_TEMPLATE =
  "As of transformers v4.44, default chat template is no longer allowed, so you must provide a chat template if the tokenizer does not define one.";
const VLLM_CONTEXT_TOO_LONG =
  "This model's maximum context length is 4096 tokens. However, you requested 4613 tokens (4113 in the messages, 500 in the completion). Please reduce the length of the messages or completion.";
const LLAMA_CPP_CONTEXT_TOO_LONG = "the request exceeds the available context size, try increasing it";

/** The status and body the dialect's server answers `problem` with. */
export function problemReply(dialect: ServerDialect, problem: ServerProblem, model: string): { status: number; body: unknown } {
  const reply = (status: number, message: string, type: string, extra: Record<string, unknown> = {}) => ({ status, body: errorBody(dialect, status, message, type, extra) });
  const unsupported = () => new Error(`the test server has no ${problem} answer for ${dialect}`);
  switch (problem) {
    case "unknown-model":
      if (dialect === "vllm") return reply(404, `The model \`${model}\` does not exist.`, "NotFoundError");
      if (dialect === "ollama") return reply(404, `model "${model}" not found, try pulling it first`, "not_found_error");
      if (dialect === "openai") return reply(404, `The model \`${model}\` does not exist or you do not have access to it.`, "invalid_request_error");
      throw unsupported(); // llama.cpp serves the one model it loaded, whatever the request names
    case "no-chat-template":
      if (dialect !== "vllm") throw unsupported();
      return reply(400, VLLM_NO_CHAT_TEMPLATE, "BadRequestError");
    case "context-too-long":
      if (dialect === "llama.cpp") return reply(400, LLAMA_CPP_CONTEXT_TOO_LONG, "exceed_context_size_error", { n_prompt_tokens: 4113, n_ctx: 4096 });
      if (dialect !== "vllm") throw unsupported();
      return reply(400, VLLM_CONTEXT_TOO_LONG, "BadRequestError");
    case "not-supported":
      if (dialect !== "llama.cpp") throw unsupported();
      return reply(501, "This server does not support this request.", "not_supported_error");
  }
}
