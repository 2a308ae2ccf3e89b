// What the request guard enforces, read from the environment and the command line once per request (cheap, and
// a changed setting needs no rebuild).
import { accessToken, extraAllowedHosts, maxBodyBytes, serverHost } from "@/lib/settings";
import { hostAllowList } from "./host-allow-list";
import { bindingProblem, listeningHost } from "./server-binding";

export interface ServerPolicy {
  /** Set when the server must refuse everything (listening beyond loopback without a token, a bad setting). */
  refusal?: string;
  allowedHosts: string[];
  token?: string;
  maxBodyBytes: number;
}

export function serverPolicy(env: NodeJS.ProcessEnv, argv: readonly string[]): ServerPolicy {
  const listening = listeningHost(argv, serverHost(env));
  const token = accessToken(env);
  // next start sets PORT to the port it listens on.
  const allowedHosts = hostAllowList(env.PORT?.trim() || undefined, listening, extraAllowedHosts(env));
  let limit: number;
  try {
    limit = maxBodyBytes(env);
  } catch (error) {
    return { refusal: (error as Error).message, allowedHosts, maxBodyBytes: 0 };
  }
  return { refusal: bindingProblem(listening, token), allowedHosts, token, maxBodyBytes: limit };
}
