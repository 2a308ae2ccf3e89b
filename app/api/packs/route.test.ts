import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHAPED_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder } from "@/lib/model/testing/random-snapshot";
import { POST as useActive } from "./active/route";
import { GET, POST } from "./route";

// The pack routes on a temporary data dir: the same checks as `rewrite pack add`, answered as 4xx messages.

const root = mkdtempSync(join(tmpdir(), "packs-route-"));
const model = join(root, "model");
const coder = join(root, "run", "layers.0.mlp");

beforeAll(() => {
  process.env.REWRITE_DATA_DIR = join(root, "data");
  process.env.REWRITE_PACK_ROOTS = root;
  process.env.REWRITE_PACK_DIR = resolve("packs/demo");
  writeRandomGptNeoXSnapshot(model, { ...DEMO_SHAPED_CONFIG, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 16 }, 1);
  copyFileSync("packs/demo/model/tokenizer.json", join(model, "tokenizer.json"));
  writeRandomSparsifyCoder(coder, { dIn: 16, numLatents: 16, k: 2, transcode: true, skipConnection: false }, 2);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const post = (handler: (request: Request) => Promise<Response>, body: unknown) =>
  handler(new Request("http://localhost/api/packs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

describe("/api/packs", () => {
  it("answers a malformed request and a rejected pack with 4xx and the reason", async () => {
    const missing = await post(POST, { name: "x", model, coders: [] });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/coders: give at least one sparsify coder folder/);
    const wrongHookpoint = await post(POST, { name: "x", model, coders: [join(root, "run")], hookpoint: "layers.3.mlp" });
    expect(wrongHookpoint.status).toBe(422);
    expect((await wrongHookpoint.json()).error).toMatch(/has no coder for --hookpoint layers\.3\.mlp; it has layers\.0\.mlp/);
  });

  it("answers 403 with one message to folders outside REWRITE_PACK_ROOTS, existing or not, and 413 to a huge body", async () => {
    const errors: string[] = [];
    for (const outside of ["/etc", "/no/such/model", join(root, "..")]) {
      const refused = await post(POST, { name: "x", model: outside, coders: [coder] });
      expect(refused.status).toBe(403);
      errors.push(((await refused.json()) as { error: string }).error.replace(outside, "<model>"));
    }
    expect(new Set(errors)).toEqual(new Set([`<model> is not under a folder the server may read for the browser (REWRITE_PACK_ROOTS: ${root}); move it under one, or add the pack with \`rewrite pack add\``]));
    expect((await post(POST, { name: "x", model, coders: ["/etc"] })).status).toBe(403);
    expect((await post(POST, { name: "x".repeat(2 ** 20), model, coders: [coder] })).status).toBe(413);
  });

  it("answers 400 to a corpus folder with a link out of it", async () => {
    const corpus = join(root, "corpus");
    mkdirSync(corpus);
    symlinkSync("/etc/passwd", join(corpus, "passwd.txt"));
    const refused = await post(POST, { name: "x", model, coders: [coder], corpus });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe(`${corpus}: passwd.txt is a link that leads out of the folder or nowhere; copy the file in instead`);
  });

  it("adds a pack, lists it, and makes it active", async () => {
    const added = await post(POST, { name: "tiny", model, coders: [coder], corpus: "", hookpoint: "" });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ name: "tiny", dir: join(root, "data", "packs", "tiny") });
    expect((await post(POST, { name: "tiny", model, coders: [coder] })).status).toBe(409);
    const used = await post(useActive, { name: "tiny" });
    expect(used.status).toBe(200);
    const listed = (await GET().json()) as { packs: { name: string; active: boolean }[] };
    expect(listed.packs.map((p) => [p.name, p.active])).toEqual([
      ["demo", false],
      ["tiny", true],
    ]);
    expect((await post(useActive, { name: "ghost" })).status).toBe(404);
  });
});
