// The message inside an OpenAI-style error body, so a failure says what the server said rather than dumping JSON.
// Shapes: OpenAI, vLLM ≥ 0.10, llama.cpp server and Ollama's /v1 send {"error": {"message", "type", ...}}; older
// vLLM sent {"object": "error", "message", "type", "code"}; Ollama's native routes send {"error": "<message>"}.
import { excerpt } from "./llm-failure";

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** "<message> (<type>)" from a known error body, else an excerpt of the body as it is. */
export function serverErrorMessage(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return excerpt(body);
  }
  const root = asRecord(json);
  const error = asRecord(root?.error) ?? (root?.object === "error" ? root : null);
  if (error && typeof error.message === "string") {
    const type = typeof error.type === "string" && error.type ? ` (${error.type})` : "";
    return excerpt(`${error.message}${type}`);
  }
  if (typeof root?.error === "string") return excerpt(root.error);
  return excerpt(body);
}
