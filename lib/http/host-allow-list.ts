// DNS rebinding: a hostile page's own name can be re-pointed at 127.0.0.1, and the browser then treats this server
// as that page's origin. The Host header still carries the hostile name, so only Host values on this list pass.
import { isLoopbackHost } from "./server-binding";

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i;
const ANY_INTERFACE = /^(0\.0\.0\.0|::|\[::\])$/;

/** Host values this server answers: localhost, 127.0.0.1 and [::1] on its port, the address it listens on, and `extra`. */
export function hostAllowList(port: string | undefined, listening: string, extra: readonly string[]): string[] {
  const onPort = (name: string) => (port ? `${name}:${port}` : name);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].map(onPort);
  const bound = ANY_INTERFACE.test(listening) || isLoopbackHost(listening) ? [] : [onPort(listening.includes(":") ? `[${listening}]` : listening)];
  return [...loopback, ...bound, ...extra.map((host) => host.toLowerCase())];
}

/** Whether a Host header (or an Origin's host) is on the list; an entry without a port allows any port. */
export function isAllowedHost(host: string | null, allowed: readonly string[]): boolean {
  const match = host === null ? null : HOST_HEADER.exec(host.trim());
  if (!match) return false;
  const name = match[1].toLowerCase();
  // No port in the header means the scheme's default one.
  const ports = match[2] === undefined ? ["80", "443"] : [match[2]];
  return allowed.some((entry) => entry === name || ports.some((port) => entry === `${name}:${port}`));
}
