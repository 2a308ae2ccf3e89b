import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type DialectQuirks,
  logprobEntry,
  problemReply,
  reasoningField,
  type ServerDialect,
  type ServerProblem,
  thinkingOff,
} from "./test-server-dialects";
import { type AnswerStyle, type ReplyToken, type TestRule, testRule, textTokens } from "./test-server-rules";

/** One scripted answer; the script is consumed one request at a time, then `always` or the rule answers. */
export type TestServerStep =
  | { kind: "rule" }
  | { kind: "status"; status: number; retryAfter?: string; retryAfterMs?: string; body?: string }
  | { kind: "error"; problem: ServerProblem } // the dialect's own status and error body
  | { kind: "hang" } // never answers: exercises the client's timeout
  | { kind: "garbage" } // HTTP 200 with a body that is not JSON
  | { kind: "reply"; text: string } // fixed text (a refusal, no digit), with certain-token logprobs
  | { kind: "no-logprobs" }; // the rule's answer, but without logprobs even if asked

export interface TestServerOptions {
  script?: TestServerStep[];
  rule?: TestRule;
  /** Answers every request after the script (a server that always fails the same way); default: the rule. */
  always?: TestServerStep;
  /** Whose bodies to imitate (test-server-dialects.ts); default "openai". */
  dialect?: ServerDialect;
  quirks?: DialectQuirks;
  /** How the default rule spells its answer lists. */
  answerStyle?: AnswerStyle;
  /**
   * A thinking model: this reasoning is generated before every answer, sent in the dialect's reasoning field and
   * among the logprobs (as the real servers do), and counted against max_tokens, so a small budget cuts the answer
   * off (finish_reason "length"). A request that turns thinking off gets the answer alone.
   */
  reasoning?: string;
  /** Holds each request until this many are in flight (or 2 s pass), so concurrency becomes observable. */
  holdUntilInFlight?: number;
  /** Waits this long before answering each request, so a run can be interrupted part-way. */
  replyDelayMs?: number;
  /** Fixed usage per reply; by default prompt tokens = whitespace-separated words, completion tokens = reply tokens. */
  usage?: { promptTokens: number; completionTokens: number };
}

export interface LoggedRequest {
  path: string;
  body: Record<string, unknown>;
  step: TestServerStep["kind"];
}

export interface TestLlmServer {
  /** Base URL ending in /v1. */
  url: string;
  requestLog: LoggedRequest[];
  maxInFlight(): number;
  close(): Promise<void>;
}

// Only a tail batch smaller than the gate ever waits this long.
const HOLD_FALLBACK_MS = 2_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function promptOf(path: string, body: Record<string, unknown>): { fullText: string; lastMessage: string } {
  if (path.endsWith("/chat/completions")) {
    const messages = Array.isArray(body.messages) ? (body.messages as Array<{ content?: unknown }>) : [];
    const contents = messages.map((m) => String(m.content ?? ""));
    return { fullText: contents.join("\n\n"), lastMessage: contents.at(-1) ?? "" };
  }
  const prompt = String(body.prompt ?? "");
  return { fullText: prompt, lastMessage: prompt };
}

interface Generation {
  /** Every generated token, reasoning first. */
  tokens: ReplyToken[];
  /** How many of them are reasoning. */
  reasoningCount: number;
  finishReason: "stop" | "length";
}

/** The reasoning (unless turned off) then the answer, cut at the request's max_tokens. */
function generate(answer: ReplyToken[], reasoning: string | undefined, maxTokens: number): Generation {
  const thought = reasoning ? [...textTokens(reasoning), { token: "\n\n" }] : [];
  const all = [...thought, ...answer];
  const tokens = all.slice(0, Math.max(0, maxTokens));
  return { tokens, reasoningCount: Math.min(thought.length, tokens.length), finishReason: tokens.length < all.length ? "length" : "stop" };
}

interface ReplyOptions {
  chat: boolean;
  body: Record<string, unknown>;
  generation: Generation;
  withLogprobs: boolean;
  usage: { promptTokens: number; completionTokens: number };
  dialect: ServerDialect;
  quirks: DialectQuirks;
}

function completionBody({ chat, body, generation, withLogprobs, usage, dialect, quirks }: ReplyOptions) {
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
  // Ollama omits the logprobs field when it has none; the others send null.
  const logprobs = wanted ? { logprobs: chat ? chatLogprobs() : completionLogprobs() } : dialect === "ollama" ? {} : { logprobs: null };
  const field = reasoningField(dialect);
  const content = answerText === "" && dialect === "vllm" ? null : answerText;
  const message = { role: "assistant", content, ...(field && reasoningText ? { [field]: reasoningText } : {}) };
  const choice = chat
    ? { index: 0, message, finish_reason: generation.finishReason, ...logprobs }
    : { index: 0, text: answerText, finish_reason: generation.finishReason, ...logprobs };
  return {
    id: "test",
    object: chat ? "chat.completion" : "text_completion",
    model: quirks.reportedModel ?? body.model,
    choices: [choice],
    usage: { prompt_tokens: usage.promptTokens, completion_tokens: quirks.completionTokensNull ? null : usage.completionTokens },
  };
}

/** A local OpenAI-compatible server on 127.0.0.1 (random port) answering from a deterministic rule, with fault injection. */
export async function startTestLlmServer(options: TestServerOptions = {}): Promise<TestLlmServer> {
  const script = [...(options.script ?? [])];
  const rule = options.rule ?? testRule(options.answerStyle);
  const dialect = options.dialect ?? "openai";
  const quirks = options.quirks ?? {};
  const requestLog: LoggedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const held: Array<() => void> = [];

  function hold(): Promise<void> {
    const gate = options.holdUntilInFlight;
    if (!gate) return Promise.resolve();
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        const at = held.indexOf(release);
        if (at >= 0) held.splice(at, 1);
        resolve();
      };
      const timer = setTimeout(release, HOLD_FALLBACK_MS);
      held.push(release);
      if (held.length >= gate) [...held].forEach((r) => r());
    });
  }

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(typeof body === "string" ? body : JSON.stringify(body));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? "";
    const chat = path === "/v1/chat/completions";
    if (req.method !== "POST" || (!chat && path !== "/v1/completions")) return void json(res, 404, { error: `no route ${path}` });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return void json(res, 400, { error: "body is not JSON" });
    }
    const step = script.shift() ?? options.always ?? { kind: "rule" };
    requestLog.push({ path, body, step: step.kind });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => (inFlight -= 1));
    await hold();
    if (options.replyDelayMs) await new Promise((resolve) => setTimeout(resolve, options.replyDelayMs));
    if (step.kind === "hang") return;
    if (step.kind === "status") {
      const headers: Record<string, string> = {};
      if (step.retryAfter !== undefined) headers["retry-after"] = step.retryAfter;
      if (step.retryAfterMs !== undefined) headers["retry-after-ms"] = step.retryAfterMs;
      return void json(res, step.status, step.body ?? { error: `scripted ${step.status}` }, headers);
    }
    if (step.kind === "error") {
      const { status, body: errorBody } = problemReply(dialect, step.problem, String(body.model ?? ""));
      return void json(res, status, errorBody);
    }
    if (step.kind === "garbage") return void res.writeHead(200, { "content-type": "application/json" }).end("{not json at all");
    const prompt = promptOf(path, body);
    const answer = step.kind === "reply" ? textTokens(step.text) : rule(prompt);
    const reasoning = chat && !thinkingOff(dialect, body) ? options.reasoning : undefined;
    const generation = generate(answer, reasoning, Number(body.max_tokens ?? Number.POSITIVE_INFINITY));
    const usage = options.usage ?? {
      promptTokens: prompt.fullText.split(/\s+/).filter(Boolean).length,
      completionTokens: generation.tokens.length,
    };
    json(res, 200, completionBody({ chat, body, generation, withLogprobs: step.kind !== "no-logprobs", usage, dialect, quirks }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requestLog,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise((resolve) => {
        [...held].forEach((r) => r());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
