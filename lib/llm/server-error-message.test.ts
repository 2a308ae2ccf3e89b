import { describe, expect, it } from "vitest";
import { serverErrorMessage } from "./server-error-message";

describe("serverErrorMessage", () => {
  it("reads the message of each server's error body", () => {
    // vLLM ≥ 0.10 (ErrorResponse{error: ErrorInfo}); llama.cpp (format_error_response inside "error"); Ollama's /v1.
    const vllm = '{"error":{"message":"The model `llama` does not exist.","type":"NotFoundError","param":null,"code":404}}';
    const llamaCpp = '{"error":{"code":501,"message":"This server does not support embeddings.","type":"not_supported_error"}}';
    const ollama = '{"error":{"message":"model \\"llama\\" not found, try pulling it first","type":"not_found_error","param":null,"code":null}}';
    expect(serverErrorMessage(vllm)).toBe("The model `llama` does not exist. (NotFoundError)");
    expect(serverErrorMessage(llamaCpp)).toBe("This server does not support embeddings. (not_supported_error)");
    expect(serverErrorMessage(ollama)).toBe('model "llama" not found, try pulling it first (not_found_error)');
  });

  it("reads older vLLM's flat body and Ollama's native one", () => {
    expect(serverErrorMessage('{"object":"error","message":"bad template","type":"BadRequestError","param":null,"code":400}')).toBe(
      "bad template (BadRequestError)",
    );
    expect(serverErrorMessage('{"error":"unexpected EOF"}')).toBe("unexpected EOF");
  });

  it("keeps any other body as it is, cut to an excerpt", () => {
    expect(serverErrorMessage("Bad Gateway")).toBe("Bad Gateway");
    expect(serverErrorMessage('{"detail":"Not Found"}')).toBe('{"detail":"Not Found"}');
    expect(serverErrorMessage("x".repeat(400))).toHaveLength(301);
  });
});
