// The hostile-request probe's way of talking to a server: any Host header, any body (declared, chunked or
// endless), and raw bytes for requests no HTTP client would write. Every outcome is a status, or why none came.
import { request } from "node:http";
import { connect } from "node:net";

export interface Outcome {
  status?: number;
  /** The parsed {"error": …} of a JSON answer, when it has one. */
  error?: string;
  headers?: Record<string, string | string[] | undefined>;
  /** Set when no HTTP answer came: reset, refused, timed out. */
  failure?: string;
}

export interface Send {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send `body` this many times as chunks, without Content-Length. */
  chunks?: number;
  timeoutMs?: number;
}

/** One request to base + path, the Host header set to the server's own unless `headers.host` says otherwise. */
export function send(base: URL, path: string, { method = "GET", headers = {}, body, chunks, timeoutMs = 30_000 }: Send = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const outgoing = { host: base.host, ...headers };
    if (body !== undefined && chunks === undefined && !("content-length" in outgoing)) Object.assign(outgoing, { "content-length": String(Buffer.byteLength(body)) });
    const req = request({ host: base.hostname, port: base.port, path, method, headers: outgoing, setHost: false, timeout: timeoutMs }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        let error: string | undefined;
        try {
          error = (JSON.parse(Buffer.concat(parts).toString("utf8")) as { error?: unknown }).error as string | undefined;
        } catch {
          error = undefined;
        }
        resolve({ status: res.statusCode, error: typeof error === "string" ? error : undefined, headers: res.headers });
      });
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (error) => resolve({ failure: error.message }));
    if (body !== undefined && chunks !== undefined) {
      const write = (left: number): void => {
        if (left === 0 || req.destroyed) return void req.end();
        if (req.write(body)) write(left - 1);
        else req.once("drain", () => write(left - 1));
      };
      write(chunks);
    } else req.end(body);
  });
}

/** Raw bytes on a socket: the status line of the answer, if any. */
export function sendRaw(base: URL, bytes: string, timeoutMs = 10_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect(Number(base.port), base.hostname);
    let answer = "";
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error("timed out")));
    socket.on("connect", () => socket.write(bytes));
    socket.on("data", (data) => {
      answer += data.toString("latin1");
    });
    const done = (failure?: string) => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1];
      const body = answer.split("\r\n\r\n").slice(1).join("\r\n\r\n");
      let error: string | undefined;
      try {
        error = (JSON.parse(body.replace(/^[0-9a-f]+\r\n/, "").replace(/\r\n0\r\n\r\n$/, "")) as { error?: string }).error;
      } catch {
        error = undefined;
      }
      resolve(status ? { status: Number(status), error } : { failure: failure ?? "closed without an answer" });
    };
    socket.on("error", (error) => done(error.message));
    socket.on("close", () => done());
  });
}
