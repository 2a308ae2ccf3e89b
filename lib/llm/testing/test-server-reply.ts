// The test server's answer bodies: one generation per prompt, shaped as the imitated server shapes it.
//   vLLM (serving_completion.py): one body, a choice per prompt with `index` its position, in prompt order.
//   llama.cpp server (handle_completions_impl): one prompt → one body; several → a JSON array of bodies, each choice
//     with its prompt's `index`, and logprobs in the chat format ({content: [...]}) on /v1/completions too.
import { type DialectQuirks, logprobEntry, reasoningField, type ServerDialect } from "./test-server-dialects";
import { type ReplyToken, textTokens } from "./test-server-rules";

interface Generation {
  /** Every generated token, reasoning first. */
  tokens: ReplyToken[];
  /** How many of them are reasoning. */
  reasoningCount: number;
  finishReason: "stop" | "length";
}

/** The reasoning (unless turned off) then the answer, cut at the request's max_tokens. */
export function generate(answer: ReplyToken[], reasoning: string | undefined, maxTokens: number): Generation {
  const thought = reasoning ? [...textTokens(reasoning), { token: "\n\n" }] : [];
  const all = [...thought, ...answer];
  const tokens = all.slice(0, Math.max(0, maxTokens));
  return { tokens, reasoningCount: Math.min(thought.length, tokens.length), finishReason: tokens.length < all.length ? "length" : "stop" };
}

/** One prompt's generation and the usage it adds. */
export interface Reply {
  generation: Generation;
  usage: { promptTokens: number; completionTokens: number };
}

/** What shapes every reply of one request. */
export interface ReplyShape {
  chat: boolean;
  body: Record<string, unknown>;
  withLogprobs: boolean;
  dialect: ServerDialect;
  quirks: DialectQuirks;
}

function choiceOf({ chat, body, withLogprobs, dialect, quirks }: ReplyShape, { generation }: Reply, index: number) {
  const { tokens, reasoningCount } = generation;
  const answerText = tokens.slice(reasoningCount).map((t) => t.token).join("");
  const reasoningText = tokens.slice(0, reasoningCount).map((t) => t.token).join("").trim();
  const topCount = Number(chat ? (body.logprobs ? (body.top_logprobs ?? 0) : -1) : (body.logprobs ?? -1));
  const wanted = withLogprobs && !quirks.noLogprobs && topCount >= 0;
  const entries = tokens.map((t) => {
    const top = (t.top ?? [[t.token, 1]]).map(([token, p]) => ({ token, logprob: Math.log(p) }));
    return { token: t.token, logprob: top.find((e) => e.token === t.token)?.logprob ?? 0, top: top.slice(0, topCount) };
  });
  const chatLogprobs = () => ({ content: entries.map((e) => logprobEntry(dialect, quirks, e.token, e.logprob, e.top)) });
  const completionLogprobs = () => ({
    tokens: entries.map((e) => e.token),
    token_logprobs: entries.map((e) => e.logprob),
    top_logprobs: entries.map((e) => Object.fromEntries(e.top.map((x) => [x.token, x.logprob]))),
  });
  const chatShaped = chat || dialect === "llama.cpp";
  // Ollama omits the logprobs field when it has none; the others send null.
  const logprobs = wanted ? { logprobs: chatShaped ? chatLogprobs() : completionLogprobs() } : dialect === "ollama" ? {} : { logprobs: null };
  if (!chat) return { index, text: answerText, finish_reason: generation.finishReason, ...logprobs };
  const field = reasoningField(dialect);
  const content = answerText === "" && dialect === "vllm" ? null : answerText;
  const message = { role: "assistant", content, ...(field && reasoningText ? { [field]: reasoningText } : {}) };
  return { index, message, finish_reason: generation.finishReason, ...logprobs };
}

function envelope(shape: ReplyShape, choices: object[], replies: readonly Reply[]) {
  const sum = (key: "promptTokens" | "completionTokens") => replies.reduce((n, r) => n + r.usage[key], 0);
  return {
    id: "test",
    object: shape.chat ? "chat.completion" : "text_completion",
    model: shape.quirks.reportedModel ?? shape.body.model,
    choices,
    usage: { prompt_tokens: sum("promptTokens"), completion_tokens: shape.quirks.completionTokensNull ? null : sum("completionTokens") },
  };
}

export function completionBody(shape: ReplyShape, reply: Reply) {
  return envelope(shape, [choiceOf(shape, reply, 0)], [reply]);
}

/** The answer to `prompt` as an array: vLLM's one body, or llama.cpp's array of bodies (one alone is not wrapped). */
export function batchCompletionBody(shape: ReplyShape, replies: readonly Reply[]) {
  const order = replies.map((_, i) => i);
  if (shape.quirks.choicesOutOfOrder) order.reverse();
  if (shape.dialect === "llama.cpp") {
    const bodies = order.map((i) => envelope(shape, [choiceOf(shape, replies[i], i)], [replies[i]]));
    return bodies.length === 1 ? bodies[0] : bodies;
  }
  return envelope(shape, order.map((i) => choiceOf(shape, replies[i], i)), replies);
}
