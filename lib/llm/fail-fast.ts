// Stops a stage run when the server fails the same way again and again (a 400 on every call, a wrong model name, no
// logprobs, a thinking model cut off at max_tokens): a few calls are spent instead of thousands, and the reason is
// said once. Only setup failures count (answer-failure.ts); a usable answer or the model's own bad answer breaks a
// streak. Once answers have come back, a longer streak is needed, so scattered failures never stop a healthy run.
import { isSetupFailure } from "./answer-failure";

export interface AnswerFailure {
  reason: string;
  detail: string;
}

export const FAIL_FAST_LIMITS = { beforeFirstAnswer: 3, afterAnswers: 20 } as const;

/** The run stopped early; the message says why (the first failure of the streak) and what to do. */
export class RunStoppedError extends Error {
  constructor(
    readonly failure: AnswerFailure,
    readonly count: number,
  ) {
    super(
      `stopped after ${count} LLM calls in a row failed the same way (${failure.reason}): ${failure.detail}. ` +
        "Nothing more was sent; fix the cause and run the command again (failures like this are asked again).",
    );
    this.name = "RunStoppedError";
  }
}

// Request failures are alike when their messages are, numbers aside (token counts, ports); other setup failures
// when their reason is (their detail quotes each answer).
function signatureOf(failure: AnswerFailure): string {
  return failure.reason === "llm-request-failed" ? `${failure.reason}:${failure.detail.replace(/\d+/g, "#")}` : failure.reason;
}

export class FailFast {
  private readonly controller = new AbortController();
  private streak: { signature: string; count: number; first: AnswerFailure } | null = null;
  private answered = false;
  private error: RunStoppedError | null = null;

  constructor(private readonly limits: { beforeFirstAnswer: number; afterAnswers: number } = FAIL_FAST_LIMITS) {}

  /** Fires when the run stops: requests still queued or in flight are cancelled, nothing more is sent. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The caller's signal and this one. */
  withSignal(signal?: AbortSignal): AbortSignal {
    return signal ? AbortSignal.any([signal, this.controller.signal]) : this.controller.signal;
  }

  get stopped(): RunStoppedError | null {
    return this.error;
  }

  /** One call's outcome: null for a usable answer. */
  record(failure: AnswerFailure | null): void {
    if (this.error) return;
    if (!failure || !isSetupFailure(failure.reason)) {
      if (!failure) this.answered = true;
      this.streak = null;
      return;
    }
    const signature = signatureOf(failure);
    this.streak = this.streak?.signature === signature ? { ...this.streak, count: this.streak.count + 1 } : { signature, count: 1, first: failure };
    const limit = this.answered ? this.limits.afterAnswers : this.limits.beforeFirstAnswer;
    if (this.streak.count >= limit) {
      this.error = new RunStoppedError(this.streak.first, this.streak.count);
      this.controller.abort(this.error);
    }
  }

  throwIfStopped(): void {
    if (this.error) throw this.error;
  }
}
