import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type DialectQuirks, problemReply, type ServerDialect, type ServerProblem, thinkingOff } from "./test-server-dialects";
import { batchCompletionBody, completionBody, generate, type Reply } from "./test-server-reply";
import { type AnswerStyle, type TestRule, testRule, textTokens } from "./test-server-rules";

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
    const reply = (prompt: { fullText: string; lastMessage: string }): Reply => {
      const answer = step.kind === "reply" ? textTokens(step.text) : rule(prompt);
      const reasoning = chat && !thinkingOff(dialect, body) ? options.reasoning : undefined;
      const generation = generate(answer, reasoning, Number(body.max_tokens ?? Number.POSITIVE_INFINITY));
      const usage = options.usage ?? {
        promptTokens: prompt.fullText.split(/\s+/).filter(Boolean).length,
        completionTokens: generation.tokens.length,
      };
      return { generation, usage };
    };
    const shape = { chat, body, withLogprobs: step.kind !== "no-logprobs", dialect, quirks };
    // vLLM and llama.cpp server take `prompt` as an array on /v1/completions: one choice per prompt.
    if (!chat && Array.isArray(body.prompt)) {
      const replies = body.prompt.map((p) => reply({ fullText: String(p), lastMessage: String(p) }));
      return void json(res, 200, batchCompletionBody(shape, replies));
    }
    json(res, 200, completionBody(shape, reply(promptOf(path, body))));
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
