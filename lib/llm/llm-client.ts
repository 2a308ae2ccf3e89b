import type { BatchCompletions } from "./batch-completions";
import type { LlmCompletion } from "./llm-completion";
import type { LlmConfig, LlmStage } from "./llm-config";
import { excerpt, type LlmFailure, type LlmResult } from "./llm-failure";
import { emptyUsage, type LlmUsage } from "./llm-usage";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  retryDelayFromHeaders,
  type RetryPolicy,
} from "./retry-policy";
import { batchReader, CHAT_READER, COMPLETION_READER, type ResponseReader } from "./response-reader";
import { Semaphore } from "./semaphore";
import { serverErrorMessage } from "./server-error-message";

/**
 * What "thinking off" sends: vLLM and llama.cpp server pass chat_template_kwargs to the chat template (Qwen3-style
 * templates read enable_thinking); Ollama maps reasoning_effort "none" to think=false. Each ignores the other field.
 */
export const THINKING_OFF_FIELDS = { chat_template_kwargs: { enable_thinking: false }, reasoning_effort: "none" } as const;

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

interface SamplingOptions {
  maxTokens?: number;
  temperature?: number;
  stop?: string[];
  /** How many alternatives to return per generated token; 0 or absent asks for no logprobs. */
  topLogprobs?: number;
  signal?: AbortSignal;
}

export interface ChatRequest extends SamplingOptions {
  messages: ChatMessage[];
}

export interface CompletionRequest extends SamplingOptions {
  prompt: string;
}

/** Several prompts in one /v1/completions request (vLLM, llama.cpp server): one completion each, in order. */
export interface BatchCompletionRequest extends SamplingOptions {
  prompts: readonly string[];
}

export interface LlmClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Injected in tests to record backoff delays instead of waiting them out. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1); the edge may use Math.random, tests pass a fixed one. */
  random?: () => number;
  now?: () => number;
}

type Attempt<T> =
  | { kind: "ok"; value: T }
  | { kind: "retry"; failure: LlmFailure; retryAfterMs: number | null }
  | { kind: "fail"; failure: LlmFailure };

function cancelled(url: string, attempts: number): LlmFailure {
  return { kind: "aborted", message: `${url}: cancelled by the caller`, attempts };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** A client for OpenAI-compatible servers (vLLM, llama.cpp, Ollama, OpenAI) with a concurrency cap, timeouts and retries. */
export class LlmClient {
  readonly model: string;
  private readonly semaphore: Semaphore;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly totals: LlmUsage = emptyUsage();
  private readonly reportedModels = new Set<string>();

  constructor(
    private readonly config: LlmConfig,
    options: LlmClientOptions = {},
  ) {
    this.model = config.model;
    this.semaphore = new Semaphore(config.concurrency);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** The stage's max_tokens: the configured one (REWRITE_LLM_<STAGE>_MAX_TOKENS), else the stage's default. */
  maxTokensFor(stage: LlmStage, stageDefault: number): number {
    return this.config.maxTokens?.[stage] ?? stageDefault;
  }

  /** Requests in flight at most (REWRITE_LLM_CONCURRENCY): what a stage must offer to keep the server busy. */
  get concurrency(): number {
    return this.config.concurrency;
  }

  /** Simulator prompts per /v1/completions request and their format (REWRITE_LLM_BATCH_SIZE); null: one chat request each. */
  get batch(): LlmConfig["batch"] | null {
    return this.config.batch ?? null;
  }

  /** The simulator's expected value (REWRITE_LLM_SIMULATOR_EXPECTED_VALUE). */
  get simulatorExpectedValue(): "renormalized" | "raw-sum" {
    return this.config.simulatorExpectedValue ?? "renormalized";
  }

  /** Model names the server reported in its answers (Ollama adds a tag, llama.cpp may name its file). */
  servedModels(): string[] {
    return [...this.reportedModels];
  }

  /** The model name the server reported, when it is not the configured one; null when it is or none was reported. */
  differentServedModel(): string | null {
    return this.servedModels().find((m) => m !== this.model) ?? null;
  }

  chat(request: ChatRequest): Promise<LlmResult<LlmCompletion>> {
    const top = request.topLogprobs ?? 0;
    const body = {
      messages: request.messages,
      ...this.sampling(request),
      ...(top > 0 ? { logprobs: true, top_logprobs: top } : {}),
      ...(this.config.thinking === "off" ? THINKING_OFF_FIELDS : {}),
    };
    return this.call(CHAT_READER, body, request.signal);
  }

  complete(request: CompletionRequest): Promise<LlmResult<LlmCompletion>> {
    const top = request.topLogprobs ?? 0;
    const body = { prompt: request.prompt, ...this.sampling(request), ...(top > 0 ? { logprobs: top } : {}) };
    return this.call(COMPLETION_READER, body, request.signal);
  }

  /** One request for every prompt (`prompt` as an array); the server must accept arrays (vLLM, llama.cpp server). */
  completeBatch(request: BatchCompletionRequest): Promise<LlmResult<BatchCompletions>> {
    const top = request.topLogprobs ?? 0;
    const body = { prompt: request.prompts, ...this.sampling(request), ...(top > 0 ? { logprobs: top } : {}) };
    return this.call(batchReader(request.prompts.length), body, request.signal);
  }

  /** A copy of the running totals. */
  usage(): LlmUsage {
    return { ...this.totals };
  }

  private sampling(request: SamplingOptions) {
    return {
      model: this.model,
      max_tokens: request.maxTokens ?? 256,
      temperature: request.temperature ?? 0,
      ...(request.stop ? { stop: request.stop } : {}),
    };
  }

  private async call<T>(reader: ResponseReader<T>, body: object, signal?: AbortSignal): Promise<LlmResult<T>> {
    this.totals.calls += 1;
    // The permit is held through backoff too, so a throttled server sees fewer requests, not the same number later.
    const result = await this.semaphore.run(() => this.withRetries(reader, JSON.stringify(body), signal));
    if (result.ok) {
      const model = reader.model(result.value);
      if (model) this.reportedModels.add(model);
      this.totals.prompts += reader.prompts(result.value);
      this.totals.promptTokens += reader.usage(result.value)?.promptTokens ?? 0;
      this.totals.completionTokens += reader.usage(result.value)?.completionTokens ?? 0;
    } else {
      this.totals.failures += 1;
    }
    return result;
  }

  private async withRetries<T>(reader: ResponseReader<T>, body: string, signal?: AbortSignal): Promise<LlmResult<T>> {
    const url = `${this.config.baseUrl}/${reader.endpoint === "chat" ? "chat/completions" : "completions"}`;
    for (let attempt = 1; ; attempt += 1) {
      this.totals.attempts += 1;
      const outcome = await this.attempt(reader, url, body, attempt, signal);
      if (outcome.kind === "ok") return { ok: true, value: outcome.value };
      if (outcome.kind === "fail") return { ok: false, failure: outcome.failure };
      const retry = attempt - 1;
      if (retry >= this.policy.maxRetries) {
        const { failure } = outcome;
        const message = `${failure.message}; gave up after ${attempt} attempts (maxRetries ${this.policy.maxRetries})`;
        return { ok: false, failure: { ...failure, message } };
      }
      if (outcome.retryAfterMs !== null && outcome.retryAfterMs > this.policy.maxRetryAfterMs) {
        const message =
          `${url} asked to retry after ${outcome.retryAfterMs} ms, more than the ${this.policy.maxRetryAfterMs} ms ` +
          "allowed; try again later or lower REWRITE_LLM_CONCURRENCY";
        const { status } = outcome.failure;
        return { ok: false, failure: { kind: "retry-after-too-long", message, attempts: attempt, status } };
      }
      this.totals.retries += 1;
      await this.sleep(outcome.retryAfterMs ?? backoffDelayMs(retry, this.policy, this.random), signal);
      if (signal?.aborted) return { ok: false, failure: cancelled(url, attempt) };
    }
  }

  private async attempt<T>(
    reader: ResponseReader<T>,
    url: string,
    body: string,
    attempts: number,
    signal?: AbortSignal,
  ): Promise<Attempt<T>> {
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    let status = 0;
    let text: string;
    let retryAfterMs: number | null = null;
    try {
      // The body is read under the same signal, so a server that stalls mid-answer also times out.
      const response = await fetch(url, { method: "POST", headers, body, signal: combined });
      status = response.status;
      text = await response.text();
      retryAfterMs = retryDelayFromHeaders(response.headers.get("retry-after-ms"), response.headers.get("retry-after"), this.now());
    } catch (error) {
      if (signal?.aborted) return { kind: "fail", failure: cancelled(url, attempts) };
      if (timeout.aborted) {
        const message = `${url} did not answer within ${this.config.timeoutMs} ms (REWRITE_LLM_TIMEOUT_MS)`;
        return { kind: "retry", failure: { kind: "timeout", message, attempts }, retryAfterMs: null };
      }
      // undici puts the system error (ECONNREFUSED, ENOTFOUND) in `cause`.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      const message = `could not reach ${url}: ${reason}; check REWRITE_LLM_BASE_URL and that the server is running`;
      return { kind: "retry", failure: { kind: "network", message, attempts }, retryAfterMs: null };
    }
    if (status < 200 || status >= 300) {
      // 404: a wrong model name (vLLM, Ollama) or a wrong URL; the server's own message says which.
      const hint = status === 404 ? `; check REWRITE_LLM_MODEL (${this.model}) and REWRITE_LLM_BASE_URL` : "";
      const message = `${url} answered HTTP ${status}: ${serverErrorMessage(text)}${hint}`;
      const failure: LlmFailure = { kind: "http-status", status, attempts, message };
      if (!isRetryableStatus(status)) return { kind: "fail", failure };
      return { kind: "retry", failure, retryAfterMs };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const message = `${url} answered HTTP ${status} with a body that is not JSON: ${JSON.stringify(excerpt(text))}`;
      return { kind: "fail", failure: { kind: "invalid-json", status, attempts, message } };
    }
    const parsed = reader.parse(json);
    if (!parsed.ok) {
      const message = `${url} answered JSON that is not an OpenAI-style ${reader.endpoint} response (${parsed.detail}): ${excerpt(text)}`;
      return { kind: "fail", failure: { kind: "invalid-shape", status, attempts, message } };
    }
    return { kind: "ok", value: parsed.value };
  }
}
