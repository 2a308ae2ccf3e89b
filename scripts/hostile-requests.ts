// Bad and hostile requests against a running server, with what each should get; prints every outcome and the
// counts (clear 4xx, other 4xx, 5xx, no answer) and checks the server still answers afterwards.
//
//   REWRITE_DATA_DIR=/tmp/rw-data npx next start -H 127.0.0.1 -p 3100       (in one shell, from the repo root)
//   REWRITE_DATA_DIR=/tmp/rw-data npx tsx scripts/hostile-requests.ts http://127.0.0.1:3100
//
// REWRITE_DATA_DIR must be the server's: the probe puts links, FIFOs and loops there, inside the default pack roots.
// With PROBE_TOKEN=<REWRITE_AUTH_TOKEN of the server> it also sends requests with missing and wrong tokens.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { send, sendRaw, type Outcome, type Send } from "./hostile-http";

const base = new URL(process.argv[2] ?? "http://127.0.0.1:3100");
const token = process.env.PROBE_TOKEN;
const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
const authLine = token ? `Authorization: Bearer ${token}\r\n` : "";
const json = { "content-type": "application/json", ...auth };
const fixtures = resolve(process.env.REWRITE_DATA_DIR ?? "data", "hostile-probe");

interface Case {
  name: string;
  run: () => Promise<Outcome>;
  /** The statuses that mean the server handled it as it should. */
  expected: number[];
  /** A further problem with the answer, if any. */
  check?: (outcome: Outcome) => string | undefined;
}

const get = (path: string, options: Send = {}) => () => send(base, path, { ...options, headers: { ...auth, ...options.headers } });
const post = (path: string, body: unknown, headers: Record<string, string> = json, options: Send = {}) => () =>
  send(base, path, { method: "POST", headers, body: typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body), ...options });
const addPack = (fields: Record<string, unknown>) => post("/api/packs", { name: "probe", coders: ["packs/demo/coders/layers.2.mlp"], ...fields });
const demoModel = resolve("packs/demo/model");
const demoCoder = resolve("packs/demo/coders/layers.2.mlp");
const at = (name: string) => join(fixtures, name);

/** Links out of the roots, FIFOs and loops, all inside the data folder (a pack root). */
function writeFixtures(): void {
  rmSync(fixtures, { recursive: true, force: true });
  for (const folder of ["corpus-link", "corpus-fifo", "corpus-loop", "model-fifo"]) mkdirSync(at(folder), { recursive: true });
  symlinkSync("/etc", at("link-to-etc"));
  symlinkSync("/nonexistent-target", at("dangling"));
  symlinkSync("/etc/passwd", at("corpus-link/passwd.txt"));
  execFileSync("mkfifo", [at("corpus-fifo/blocks.txt")]);
  symlinkSync(".", at("corpus-loop/loop"));
  symlinkSync("..", at("corpus-loop/up"));
  for (let i = 0; i < 12; i++) writeFileSync(at(`corpus-loop/${i}.txt`), `document ${i}`);
  execFileSync("mkfifo", [at("model-fifo/config.json")]);
}

const rebinding = ["evil.test", "evil.test:PORT", "localhost.evil.test:PORT", "127.0.0.1.nip.io:PORT", "localhost:1", "0.0.0.0:PORT", "localhost:PORT@evil.test", "[::ffff:7f00:1]:PORT"];
const port = base.port;

const cases: Case[] = [
  // DNS rebinding: the Host header names a name this server does not answer to.
  ...rebinding.map((host): Case => ({ name: `Host ${host}`, run: get("/api/packs", { headers: { host: host.replace("PORT", port) } }), expected: [421] })),
  { name: "Host on a page", run: get("/latents", { headers: { host: "attacker.example" } }), expected: [421] },
  { name: "Host on a static file", run: get("/_next/static/chunks/x.js", { headers: { host: "attacker.example" } }), expected: [421] },
  { name: "Host on a POST", run: post("/api/packs/active", { name: "demo" }, { ...json, host: "evil.test" }), expected: [421] },
  { name: "no Host (HTTP/1.0)", run: () => sendRaw(base, "GET /api/packs HTTP/1.0\r\n\r\n"), expected: [421] },
  // Node keeps the first of two Host headers, and the guard judges that one.
  { name: "two Host headers, evil first", run: () => sendRaw(base, `GET /api/packs HTTP/1.1\r\nHost: evil.test\r\nHost: 127.0.0.1:${port}\r\n\r\n`), expected: [400, 421] },
  // Cross-site request forgery: a page elsewhere makes the browser send a state change.
  { name: "POST from another origin", run: post("/api/packs/active", { name: "demo" }, { ...json, origin: "http://evil.test" }), expected: [403] },
  { name: "POST from origin null", run: post("/api/packs/active", { name: "demo" }, { ...json, origin: "null" }), expected: [403] },
  { name: "POST from a look-alike origin", run: post("/api/packs/active", { name: "demo" }, { ...json, origin: `http://localhost:${port}.evil.test` }), expected: [403] },
  { name: "POST from another port", run: post("/api/shares", { kind: "run", runId: 1 }, { ...json, origin: `http://127.0.0.1:${Number(port) + 1}` }), expected: [403] },
  { name: "POST Sec-Fetch-Site cross-site", run: post("/api/packs/active", { name: "demo" }, { ...json, "sec-fetch-site": "cross-site" }), expected: [403] },
  { name: "POST Sec-Fetch-Site same-site", run: post("/api/packs/active", { name: "demo" }, { ...json, "sec-fetch-site": "same-site" }), expected: [403] },
  { name: "form POST text/plain", run: post("/api/packs/active", '{"name": "demo", "x": "="}', { ...auth, "content-type": "text/plain" }), expected: [415] },
  { name: "form POST urlencoded", run: post("/api/packs/active", "name=demo", { ...auth, "content-type": "application/x-www-form-urlencoded" }), expected: [415] },
  { name: "form POST multipart", run: post("/api/shares", "--x\r\n\r\n--x--", { ...auth, "content-type": "multipart/form-data; boundary=x" }), expected: [415] },
  { name: "POST without Content-Type", run: post("/api/latents/0/simulations", { text: "x" }, auth), expected: [415] },
  { name: "POST text/json", run: post("/api/packs/active", { name: "demo" }, { ...auth, "content-type": "text/json" }), expected: [415] },
  { name: "POST application/jsonp", run: post("/api/packs/active", { name: "demo" }, { ...auth, "content-type": "application/jsonp" }), expected: [415] },
  { name: "DELETE text/plain", run: () => send(base, "/api/packs", { method: "DELETE", headers: { ...auth, "content-type": "text/plain" }, body: "x" }), expected: [415] },
  { name: "PATCH without type", run: () => send(base, "/api/shares", { method: "PATCH", headers: auth }), expected: [415] },
  { name: "PUT JSON (no such method)", run: () => send(base, "/api/packs/active", { method: "PUT", headers: json, body: "{}" }), expected: [405] },
  {
    name: "CORS preflight from elsewhere",
    run: () => send(base, "/api/packs", { method: "OPTIONS", headers: { ...auth, origin: "http://evil.test", "access-control-request-method": "POST" } }),
    expected: [204, 200, 400, 405],
    check: (outcome) => (outcome.headers?.["access-control-allow-origin"] ? "the preflight was granted" : undefined),
  },
  // Bodies: too large (declared, chunked, endless), malformed, hostile shapes.
  { name: "declared 2 MB body", run: post("/api/packs/active", `{"name": "${"a".repeat(2 * 2 ** 20)}"}`), expected: [413] },
  { name: "chunked 3 MB body", run: post("/api/packs/active", "a".repeat(2 ** 16), json, { chunks: 48 }), expected: [413] },
  { name: "chunked 64 MB body", run: post("/api/encode", " ".repeat(2 ** 20), json, { chunks: 64 }), expected: [413] },
  { name: "Content-Length not a number", run: () => sendRaw(base, `POST /api/shares HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${authLine}Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}`), expected: [400] },
  { name: "malformed JSON", run: post("/api/packs/active", '{"name": '), expected: [400] },
  { name: "invalid UTF-8", run: post("/api/packs/active", Buffer.from([0x7b, 0x22, 0x6e, 0xff, 0xfe, 0x22, 0x7d])), expected: [400] },
  { name: "JSON nested 200,000 deep", run: post("/api/shares", "[".repeat(200_000) + "]".repeat(200_000)), expected: [400] },
  { name: "JSON array body", run: post("/api/packs/active", [1, 2, 3]), expected: [400] },
  { name: "__proto__ in body", run: post("/api/shares", { __proto__: { polluted: true }, kind: "run", runId: 999999 }), expected: [404] },
  { name: "pack name with traversal", run: post("/api/packs/active", { name: "../../../etc/passwd" }), expected: [404] },
  { name: "900 KB pack name", run: post("/api/packs/active", { name: "x".repeat(900_000) }), expected: [404] },
  { name: "encode 900 KB text", run: post("/api/encode", { text: "the ".repeat(225_000) }), expected: [413, 404, 409] },
  { name: "encode topN 1e9", run: post("/api/encode", { text: "x", topN: 1e9 }), expected: [400] },
  { name: "simulate latent abc", run: post("/api/latents/abc/simulations", { text: "x" }), expected: [404] },
  { name: "simulate latent 1e20", run: post("/api/latents/99999999999999999999/simulations", { text: "x" }), expected: [404] },
  { name: "simulate 100 KB explanation", run: post("/api/latents/0/simulations", { text: "x".repeat(100_000) }), expected: [400] },
  { name: "share run -1", run: post("/api/shares", { kind: "run", runId: -1 }), expected: [400] },
  { name: "share unknown kind", run: post("/api/shares", { kind: "everything" }), expected: [400] },
  // Packs from the browser: only under REWRITE_PACK_ROOTS, folders walked safely, nothing revealed.
  { name: "pack model /etc", run: addPack({ model: "/etc" }), expected: [403] },
  { name: "pack model /nonexistent", run: addPack({ model: "/nonexistent/model" }), expected: [403] },
  { name: "pack model /proc/self", run: addPack({ model: "/proc/self" }), expected: [403] },
  { name: "pack model ../../..", run: addPack({ model: "../../../../../../etc" }), expected: [403] },
  { name: "pack model via link to /etc", run: addPack({ model: at("link-to-etc") }), expected: [403] },
  { name: "pack model via dangling link", run: addPack({ model: join(at("dangling"), "model") }), expected: [403] },
  { name: "pack coder /root", run: addPack({ model: demoModel, coders: ["/root"] }), expected: [403] },
  { name: "pack corpus /dev/zero", run: addPack({ model: demoModel, coders: [demoCoder], corpus: "/dev/zero" }), expected: [403] },
  { name: "pack corpus with a link out", run: addPack({ model: demoModel, coders: [demoCoder], corpus: at("corpus-link") }), expected: [400] },
  { name: "pack corpus with a FIFO", run: addPack({ model: demoModel, coders: [demoCoder], corpus: at("corpus-fifo") }), expected: [400] },
  { name: "pack model config.json FIFO", run: addPack({ model: at("model-fifo") }), expected: [422] },
  { name: "pack corpus with link loops", run: addPack({ name: "probe-loop", model: demoModel, coders: [demoCoder], corpus: at("corpus-loop") }), expected: [201, 409] },
  { name: "pack name with slashes", run: addPack({ name: "../../x", model: demoModel }), expected: [400] },
  // Paths and queries.
  { name: "ort-wasm traversal", run: get("/api/ort-wasm/1.30.0/..%2f..%2fpackage.json"), expected: [404] },
  { name: "ort-wasm dot segments", run: () => sendRaw(base, `GET /api/ort-wasm/../../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${authLine}\r\n`), expected: [404] },
  { name: "browser-encoder traversal", run: get("/api/browser-encoder/x/layers.2.mlp/..%2f..%2fpack.json"), expected: [404] },
  { name: "browser-encoder hookpoint ../", run: get("/api/browser-encoder?hookpoint=../../etc"), expected: [404] },
  { name: "latent id NUL", run: get("/api/latents/%00"), expected: [404] },
  { name: "events of job 1e12", run: get("/api/simulations/999999999999/events"), expected: [404] },
  { name: "jobs status=evil", run: get("/api/jobs?status=evil"), expected: [400] },
  { name: "jobs limit=1e9", run: get("/api/jobs?limit=1000000000"), expected: [400] },
  { name: "share slug traversal", run: get("/s/..%2f..%2fetc%2fpasswd"), expected: [404] },
  { name: "script in a latent URL", run: get("/latents/%3Cscript%3Ealert(1)%3C%2Fscript%3E"), expected: [404] },
  { name: "100 KB header", run: get("/api/packs", { headers: { "x-pad": "a".repeat(100_000) } }), expected: [431] },
  { name: "garbage request line", run: () => sendRaw(base, "\x16\x03\x01 not http at all\r\n\r\n"), expected: [400] },
];

const tokenCases: Case[] = token
  ? [
      { name: "no token", run: () => send(base, "/api/packs"), expected: [401] },
      { name: "wrong bearer", run: () => send(base, "/api/packs", { headers: { authorization: "Bearer wrong-wrong-wrong-wrong" } }), expected: [401] },
      { name: "wrong cookie", run: () => send(base, "/latents", { headers: { cookie: "rewrite_token=wrong" } }), expected: [401] },
      { name: "wrong ?token=", run: () => send(base, "/latents?token=wrong"), expected: [401] },
      { name: "token in the query of a POST", run: () => send(base, `/api/packs/active?token=${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), expected: [401] },
      { name: "right token, evil origin", run: post("/api/packs/active", { name: "demo" }, { ...json, origin: "http://evil.test" }), expected: [403] },
    ]
  : [];

type Kind = "clear 4xx" | "other 4xx" | "2xx/3xx" | "5xx" | "no answer";
const kindOf = (outcome: Outcome): Kind =>
  outcome.status === undefined ? "no answer" : outcome.status >= 500 ? "5xx" : outcome.status >= 400 ? (outcome.error ? "clear 4xx" : "other 4xx") : "2xx/3xx";

async function main(): Promise<void> {
  writeFixtures();
  const counts: Record<Kind, number> = { "clear 4xx": 0, "other 4xx": 0, "2xx/3xx": 0, "5xx": 0, "no answer": 0 };
  const unexpected: string[] = [];
  const missingHeaders: string[] = [];
  const rootRefusals = new Set<string>();
  for (const { name, run, expected, check } of [...cases, ...tokenCases]) {
    const outcome = await run();
    const kind = kindOf(outcome);
    counts[kind]++;
    const problem = outcome.status !== undefined && expected.includes(outcome.status) ? check?.(outcome) : `status ${outcome.status ?? outcome.failure}`;
    const ok = problem === undefined;
    if (!ok) unexpected.push(`${name} (${problem})`);
    if (outcome.status === 403 && name.startsWith("pack ")) rootRefusals.add((outcome.error ?? "").replace(/^\S+ is not under/, "<path> is not under"));
    if (outcome.headers && outcome.headers["x-frame-options"] !== "DENY") missingHeaders.push(name);
    const detail = outcome.failure ?? `${outcome.status} ${(outcome.error ?? "").slice(0, 110)}`;
    console.log(`${ok ? "  ok " : "  !! "} ${name.padEnd(34)} ${kind.padEnd(10)} ${detail}`);
  }
  const health = await send(base, "/api/health", { headers: auth });
  console.log(`\n${cases.length + tokenCases.length} requests: ${Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(", ")}`);
  console.log(`unexpected answers: ${unexpected.length ? unexpected.join("; ") : "none"}`);
  console.log(`distinct messages for pack folders outside the roots (existing, missing, linked): ${rootRefusals.size}`);
  console.log(`answers without the security headers (Node's own parser errors have none): ${missingHeaders.length ? missingHeaders.join("; ") : "none"}`);
  console.log(`server afterwards: ${health.status === 200 ? "answers /api/health with 200" : `DOWN or unhealthy (${health.failure ?? health.status})`}`);
  rmSync(fixtures, { recursive: true, force: true });
  process.exitCode = counts["5xx"] + counts["no answer"] + unexpected.length > 0 || rootRefusals.size > 1 || health.status !== 200 ? 1 : 0;
}

void main();
