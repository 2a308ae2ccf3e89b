// The browser's one way to call this app's JSON routes: the answer parsed once, and a refused request (4xx / 5xx)
// thrown as an Error carrying the route's own message (routes answer { error }), so every page shows the same thing.

export interface FetchJsonInit {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON; a state-changing request says it is JSON even without a body (the server refuses others: CSRF). */
  body?: unknown;
  signal?: AbortSignal;
}

/** A route's refusal: its HTTP status and its message. */
export class FetchJsonError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "FetchJsonError";
  }
}

export async function fetchJson<T>(url: string, init: FetchJsonInit = {}, fetchImpl: typeof fetch = fetch): Promise<T> {
  const method = init.method ?? "GET";
  const response = await fetchImpl(url, {
    method,
    headers: method === "GET" ? undefined : { "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  const answer = (await response.json().catch(() => null)) as (T & { error?: unknown }) | null;
  if (!response.ok) {
    const message = typeof answer?.error === "string" ? answer.error : `${method} ${url} answered ${response.status} ${response.statusText}`.trim();
    throw new FetchJsonError(message, response.status);
  }
  if (answer === null) throw new FetchJsonError(`${method} ${url} answered ${response.status} without a JSON body`, response.status);
  return answer;
}
