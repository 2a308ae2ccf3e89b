// `next start` and `next dev` listen on every interface unless -H names one. Beyond loopback a neighbour on the
// network can reach the server, so it serves only behind REWRITE_AUTH_TOKEN; this decides when that applies.

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/** A token shorter than this is guessable by a neighbour who can send requests all day. */
export const MIN_TOKEN_LENGTH = 16;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host.trim());
}

function hostnameOption(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "-H" || arg === "--hostname") return args[i + 1];
    if (arg.startsWith("--hostname=")) return arg.slice("--hostname=".length);
    if (arg.startsWith("-H")) return arg.slice(2).replace(/^=/, "");
  }
  return undefined;
}

/**
 * The address this process listens on: the -H of `next start|dev` (every interface, "0.0.0.0", without one), else
 * `fallback` (REWRITE_HOST) when the server was started some other way.
 */
export function listeningHost(argv: readonly string[], fallback: string): string {
  const next = argv.findIndex((arg) => /(^|[/\\])next(\.js)?$/.test(arg));
  const command = next < 0 ? undefined : argv[next + 1];
  if (command !== "start" && command !== "dev") return fallback;
  return hostnameOption(argv.slice(next + 2)) ?? "0.0.0.0";
}

/** Why the server must refuse every request (and `npm start` refuse to start), or undefined when it may serve. */
export function bindingProblem(host: string, token: string | undefined): string | undefined {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    return `REWRITE_AUTH_TOKEN is ${token.length} characters; use at least ${MIN_TOKEN_LENGTH} (e.g. \`openssl rand -hex 32\`)`;
  }
  if (token === undefined && !isLoopbackHost(host)) {
    return `the server listens on ${host}, beyond this machine, without REWRITE_AUTH_TOKEN; set a token (e.g. \`openssl rand -hex 32\`) or listen on 127.0.0.1 (REWRITE_HOST)`;
  }
  return undefined;
}
