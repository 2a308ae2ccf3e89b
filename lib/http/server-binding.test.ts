import { describe, expect, it } from "vitest";
import { bindingProblem, isLoopbackHost, listeningHost } from "./server-binding";

describe("listeningHost", () => {
  const next = ["/usr/bin/node", "/app/node_modules/next/dist/bin/next"];
  it("reads -H / --hostname of next start and next dev, in every spelling", () => {
    expect(listeningHost([...next, "start", "-p", "3100", "-H", "127.0.0.1"], "x")).toBe("127.0.0.1");
    expect(listeningHost([...next, "start", "--hostname", "::1"], "x")).toBe("::1");
    expect(listeningHost([...next, "dev", "--hostname=10.0.0.5"], "x")).toBe("10.0.0.5");
    expect(listeningHost(["node", "/app/node_modules/.bin/next", "start", "-H0.0.0.0"], "x")).toBe("0.0.0.0");
  });

  it("takes next start without -H to listen on every interface, and other processes to follow REWRITE_HOST", () => {
    expect(listeningHost([...next, "start", "-p", "3000"], "127.0.0.1")).toBe("0.0.0.0");
    expect(listeningHost(["node", "/app/node_modules/vitest/vitest.mjs", "run"], "127.0.0.1")).toBe("127.0.0.1");
    expect(listeningHost([...next, "build"], "192.168.1.4")).toBe("192.168.1.4");
  });
});

describe("bindingProblem", () => {
  it("accepts loopback without a token, and any address with a long token", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopbackHost(host)).toBe(true);
    expect(bindingProblem("127.0.0.1", undefined)).toBeUndefined();
    expect(bindingProblem("0.0.0.0", "a".repeat(32))).toBeUndefined();
  });

  it("refuses another interface without a token, and a short token anywhere", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.4", "localhost.evil.test"]) expect(bindingProblem(host, undefined)).toMatch(/beyond this machine, without REWRITE_AUTH_TOKEN/);
    expect(bindingProblem("127.0.0.1", "short")).toMatch(/REWRITE_AUTH_TOKEN is 5 characters; use at least 16/);
  });
});
