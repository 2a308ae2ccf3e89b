import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultTestRule, type ReplyToken, type TestRule, textTokens } from "./test-server-rules";

/** One scripted answer; the script is consumed one request at a time, then the rule answers. */
export type TestServerStep =
  | { kind: "rule" }
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  | { kind: "hang" } // never answers: exercises the client's timeout
  | { kind: "garbage" } // HTTP 200 with a body that is not JSON
  | { kind: "reply"; text: string } // fixed text (a refusal, no digit), with certain-token logprobs
  | { kind: "no-logprobs" }; // the rule's answer, but without logprobs even if asked

export interface TestServerOptions {
  script?: TestServerStep[];
  rule?: TestRule;
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

function completionBody(
  chat: boolean,
  body: Record<string, unknown>,
  tokens: ReplyToken[],
  withLogprobs: boolean,
  usage: { promptTokens: number; completionTokens: number },
) {
  const text = tokens.map((t) => t.token).join("");
  const topCount = Number(chat ? (body.logprobs ? (body.top_logprobs ?? 0) : -1) : (body.logprobs ?? -1));
  const wanted = withLogprobs && topCount >= 0;
  const entries = tokens.map((t) => {
    const top = (t.top ?? [[t.token, 1]]).map(([token, p]) => ({ token, logprob: Math.log(p) }));
    return { token: t.token, logprob: top.find((e) => e.token === t.token)?.logprob ?? 0, top: top.slice(0, topCount) };
  });
  const logprobs = !wanted
    ? null
    : chat
      ? { content: entries.map((e) => ({ token: e.token, logprob: e.logprob, top_logprobs: e.top })) }
      : {
          tokens: entries.map((e) => e.token),
          token_logprobs: entries.map((e) => e.logprob),
          top_logprobs: entries.map((e) => Object.fromEntries(e.top.map((x) => [x.token, x.logprob]))),
        };
  const choice = chat
    ? { index: 0, message: { role: "assistant", content: text }, finish_reason: "stop", logprobs }
    : { index: 0, text, finish_reason: "stop", logprobs };
  return {
    id: "test",
    object: chat ? "chat.completion" : "text_completion",
    model: body.model,
    choices: [choice],
    usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens },
  };
}

/** A local OpenAI-compatible server on 127.0.0.1 (random port) answering from a deterministic rule, with fault injection. */
export async function startTestLlmServer(options: TestServerOptions = {}): Promise<TestLlmServer> {
  const script = [...(options.script ?? [])];
  const rule = options.rule ?? defaultTestRule;
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? "";
    const chat = path === "/v1/chat/completions";
    if (req.method !== "POST" || (!chat && path !== "/v1/completions")) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: `no route ${path}` }));
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "body is not JSON" }));
      return;
    }
    const step = script.shift() ?? { kind: "rule" };
    requestLog.push({ path, body, step: step.kind });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => (inFlight -= 1));
    await hold();
    if (options.replyDelayMs) await new Promise((resolve) => setTimeout(resolve, options.replyDelayMs));
    if (step.kind === "hang") return;
    if (step.kind === "status") {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (step.retryAfter !== undefined) headers["retry-after"] = step.retryAfter;
      res.writeHead(step.status, headers).end(step.body ?? JSON.stringify({ error: `scripted ${step.status}` }));
      return;
    }
    if (step.kind === "garbage") {
      res.writeHead(200, { "content-type": "application/json" }).end("{not json at all");
      return;
    }
    const prompt = promptOf(path, body);
    const tokens = step.kind === "reply" ? textTokens(step.text) : rule(prompt);
    const usage = options.usage ?? {
      promptTokens: prompt.fullText.split(/\s+/).filter(Boolean).length,
      completionTokens: tokens.length,
    };
    const reply = completionBody(chat, body, tokens, step.kind !== "no-logprobs", usage);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
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
