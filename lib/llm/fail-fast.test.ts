import { describe, expect, it } from "vitest";
import { FailFast, RunStoppedError } from "./fail-fast";

const http400 = (tokens: number) => ({ reason: "llm-request-failed", detail: `http://h:8000/v1/chat/completions answered HTTP 400: context of ${tokens} tokens` });

describe("FailFast", () => {
  it("stops at the third identical setup failure in a row, cancelling what is still queued", () => {
    const failFast = new FailFast();
    failFast.record(http400(4100));
    failFast.record(http400(4250)); // the same failure, numbers aside
    expect(failFast.stopped).toBeNull();
    expect(failFast.signal.aborted).toBe(false);
    failFast.record(http400(4300));
    expect(failFast.stopped).toBeInstanceOf(RunStoppedError);
    expect(failFast.signal.aborted).toBe(true);
    expect(() => failFast.throwIfStopped()).toThrow(/stopped after 3 LLM calls in a row failed the same way \(llm-request-failed\): .*context of 4100 tokens/);
  });

  it("never counts the model's own bad answers, and a different failure starts a new streak", () => {
    const failFast = new FailFast();
    failFast.record({ reason: "no-logprobs", detail: "a" });
    failFast.record({ reason: "no-logprobs", detail: "b" });
    failFast.record({ reason: "refusal", detail: "I'm sorry" }); // breaks the streak
    failFast.record({ reason: "no-logprobs", detail: "c" });
    failFast.record(http400(1));
    failFast.record({ reason: "no-logprobs", detail: "d" });
    failFast.record({ reason: "no-logprobs", detail: "e" });
    expect(failFast.stopped).toBeNull();
    failFast.record({ reason: "no-logprobs", detail: "f" });
    expect(failFast.stopped?.failure).toEqual({ reason: "no-logprobs", detail: "d" });
  });

  it("asks for a longer streak once answers came back", () => {
    const failFast = new FailFast({ beforeFirstAnswer: 3, afterAnswers: 5 });
    failFast.record(null);
    for (let i = 0; i < 4; i += 1) failFast.record({ reason: "answer-cut-off", detail: String(i) });
    expect(failFast.stopped).toBeNull();
    failFast.record({ reason: "answer-cut-off", detail: "4" });
    expect(failFast.stopped?.count).toBe(5);
  });

  it("combines with the caller's signal", () => {
    const caller = new AbortController();
    const failFast = new FailFast();
    const signal = failFast.withSignal(caller.signal);
    caller.abort();
    expect(signal.aborted).toBe(true);
    expect(failFast.stopped).toBeNull();
  });
});
