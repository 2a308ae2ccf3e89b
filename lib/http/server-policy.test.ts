import { describe, expect, it } from "vitest";
import { serverPolicy } from "./server-policy";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
const nextStart = (...args: string[]) => ["/usr/bin/node", "/app/node_modules/next/dist/bin/next", "start", ...args];

describe("serverPolicy", () => {
  it("serves loopback on the port next start chose, without a token, with a 1 MiB body limit", () => {
    expect(serverPolicy(env({ PORT: "3100" }), nextStart("-H", "127.0.0.1"))).toEqual({
      refusal: undefined,
      allowedHosts: ["localhost:3100", "127.0.0.1:3100", "[::1]:3100"],
      token: undefined,
      maxBodyBytes: 1_048_576,
    });
  });

  it("refuses everything when next start listens on every interface without a token, whatever REWRITE_HOST says", () => {
    expect(serverPolicy(env({ PORT: "3000", REWRITE_HOST: "127.0.0.1" }), nextStart("-p", "3000")).refusal).toMatch(/listens on 0\.0\.0\.0/);
    const team = serverPolicy(env({ PORT: "3000", REWRITE_AUTH_TOKEN: "x".repeat(32), REWRITE_ALLOWED_HOSTS: "Rewrite.Lab.example" }), nextStart("-H", "10.0.0.7"));
    expect(team.refusal).toBeUndefined();
    expect(team.allowedHosts).toEqual(["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "10.0.0.7:3000", "rewrite.lab.example"]);
  });

  it("refuses everything when a setting is malformed", () => {
    expect(serverPolicy(env({ REWRITE_MAX_BODY_BYTES: "1e3x" }), []).refusal).toBe('REWRITE_MAX_BODY_BYTES must be a positive whole number, not "1e3x"');
    expect(serverPolicy(env({ REWRITE_MAX_BODY_BYTES: "4096" }), []).maxBodyBytes).toBe(4096);
  });
});
