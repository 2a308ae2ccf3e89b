import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import type { TestServerOptions } from "@/lib/llm/testing/test-server";

/** The test server in a child process, so its work does not share the measured event loop. */
export async function startServerProcess(options: TestServerOptions = {}): Promise<{ url: string; stop(): void }> {
  const serverModule = resolve("lib/llm/testing/test-server.ts");
  const code = `const m = await import(${JSON.stringify(serverModule)}); const s = await (m.startTestLlmServer ?? m.default.startTestLlmServer)(${JSON.stringify(options)}); console.log(s.url); process.stdin.on("end", () => process.exit(0)); process.stdin.resume();`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { stdio: ["pipe", "pipe", "inherit"] });
  const [url] = await new Promise<string[]>((ok, fail) => {
    createInterface({ input: child.stdout }).once("line", (line) => ok([line.trim()]));
    child.once("exit", (status) => fail(new Error(`the test LLM server process exited (${status}) before printing its URL`)));
  });
  return { url, stop: () => child.stdin.end() };
}
