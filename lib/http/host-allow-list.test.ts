import { describe, expect, it } from "vitest";
import { hostAllowList, isAllowedHost } from "./host-allow-list";

describe("the Host allow-list", () => {
  const allowed = hostAllowList("3100", "127.0.0.1", ["team.example.org", "box.lan:8443"]);

  it("lists the loopback names on the server's port, the address it listens on, and REWRITE_ALLOWED_HOSTS", () => {
    expect(allowed).toEqual(["localhost:3100", "127.0.0.1:3100", "[::1]:3100", "team.example.org", "box.lan:8443"]);
    expect(hostAllowList("3000", "10.1.2.3", [])).toContain("10.1.2.3:3000");
    expect(hostAllowList("3000", "fe80::1", [])).toContain("[fe80::1]:3000");
    expect(hostAllowList("3000", "0.0.0.0", [])).toHaveLength(3);
  });

  it("answers its own names and refuses a rebinding attacker's name, another port, and malformed Hosts", () => {
    for (const host of ["localhost:3100", "LOCALHOST:3100", "127.0.0.1:3100", "[::1]:3100", "team.example.org", "team.example.org:443", "box.lan:8443"]) {
      expect(isAllowedHost(host, allowed)).toBe(true);
    }
    for (const host of [null, "", "evil.test:3100", "localhost:3101", "localhost", "127.0.0.1.evil.test:3100", "box.lan:8444", "localhost:3100@evil", "localhost:3100/x", "[::1]x", "a b"]) {
      expect(isAllowedHost(host, allowed)).toBe(false);
    }
  });

  it("takes a Host without a port as the scheme's default port", () => {
    const onDefault = hostAllowList("80", "127.0.0.1", []);
    expect(isAllowedHost("localhost", onDefault)).toBe(true);
    expect(isAllowedHost("localhost:8080", onDefault)).toBe(false);
  });
});
