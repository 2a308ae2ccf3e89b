import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparseCoder } from "@/lib/coder/sparse-coder";
import { readTokenizer } from "@/lib/formats/tokenizer";
import { HookedGptNeoX } from "@/lib/model/hooked-model";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { DEMO_SHAPED_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder } from "@/lib/model/testing/random-snapshot";
import { POST } from "./route";

// A demo-shaped pack with random weights and the demo tokenizer, served through the route handler itself.

const root = mkdtempSync(join(tmpdir(), "encode-route-"));
const packDir = join(root, "pack");
const previousPackDir = process.env.REWRITE_PACK_DIR;

beforeAll(() => {
  const modelDir = join(packDir, "model");
  writeRandomGptNeoXSnapshot(modelDir, DEMO_SHAPED_CONFIG, 11);
  for (const file of ["tokenizer.json", "tokenizer_config.json"]) copyFileSync(join("packs/demo/model", file), join(modelDir, file));
  writeRandomSparsifyCoder(join(packDir, "coders/layers.2.mlp"), { dIn: 192, numLatents: 1024, k: 32, transcode: true, skipConnection: true }, 12);
  writeRandomSparsifyCoder(join(packDir, "coders/layers.2"), { dIn: 192, numLatents: 512, k: 16, transcode: false, skipConnection: false }, 13);
  const coders = [
    { kind: "transcoder", hookpoint: "layers.2.mlp", path: "coders/layers.2.mlp" },
    { kind: "sae", hookpoint: "layers.2", path: "coders/layers.2" },
  ];
  writeFileSync(join(packDir, "pack.json"), JSON.stringify({ name: "random-demo", model: "model", layer: 2, coders, context_length: 16 }));
  process.env.REWRITE_PACK_DIR = packDir;
  process.env.REWRITE_DATA_DIR = join(root, "data"); // the active pack is read from this database
});

afterAll(async () => {
  await getPackRuntime(packDir).release();
  process.env.REWRITE_PACK_DIR = previousPackDir;
  rmSync(root, { recursive: true, force: true });
});

function post(body: unknown): Promise<Response> {
  const init = { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) };
  return POST(new Request("http://localhost/api/encode", init));
}

async function expectError(response: Response, status: number, message: RegExp): Promise<void> {
  expect(response.status).toBe(status);
  expect(((await response.json()) as { error: string }).error).toMatch(message);
}

type Encoded = { coder: { kind: string; hookpoint: string }; tokens: { id: number; text: string }[]; latents: { latent: number; activation: number }[][] };

describe("POST /api/encode", () => {
  const text = "The jury said it did find";

  it("returns the tokens and each token's strongest latents, as the transcoder computes them on mlp_in", async () => {
    const response = await post({ text, topN: 5 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Encoded;
    const ids = readTokenizer(join(packDir, "model")).encode(text);
    expect(body.tokens.map((t) => t.id)).toEqual(ids);
    expect(body.tokens.map((t) => t.text).join("")).toBe(text);
    expect(body.coder).toMatchObject({ kind: "transcoder", hookpoint: "layers.2.mlp" });

    const model = HookedGptNeoX.load(join(packDir, "model"));
    const coder = SparseCoder.load(join(packDir, "coders/layers.2.mlp"));
    const hooks = await model.prefix(Int32Array.from(ids), 1, 2);
    const { topValues, topIndices } = await coder.encode(hooks.mlp_in);
    body.latents.forEach((row, t) => {
      expect(row.length).toBe(5);
      expect(row.map((l) => l.latent)).toEqual(Array.from(topIndices.subarray(t * 32, t * 32 + 5)));
      row.forEach((l, j) => expect(l.activation).toBeCloseTo(topValues[t * 32 + j], 6));
    });
    await Promise.all([model.release(), coder.release()]);
  });

  it("uses the SAE on the residual stream when asked", async () => {
    const body = (await (await post({ text, coder: "sae", layer: 2 })).json()) as Encoded;
    expect(body.coder).toMatchObject({ kind: "sae", hookpoint: "layers.2" });
    expect(body.latents[0].length).toBeGreaterThan(0);
    expect(body.latents.every((row) => row.every((l) => l.latent < 512 && l.activation > 0))).toBe(true);
  });

  it("answers 400 for a body that is not JSON or fields of the wrong type", async () => {
    await expectError(await post("{text:"), 400, /must be JSON/);
    await expectError(await post({ layer: 2 }), 400, /text: /);
    await expectError(await post({ text: "" }), 400, /text: text must not be empty/);
    await expectError(await post({ text, coder: "mlp" }), 400, /coder: /);
    await expectError(await post({ text, topN: 0 }), 400, /topN: /);
  });

  it("answers 413 for text over the character limit or the pack's context length", async () => {
    await expectError(await post({ text: "a".repeat(5000) }), 413, /5000 characters; the limit is 4000/);
    await expectError(await post({ text: "word ".repeat(40) }), 413, /tokens; the pack's context length is 16 tokens/);
  });

  it("answers 404 for a layer without a coder or a missing pack, 409 for a broken pack", async () => {
    await expectError(await post({ text, layer: 1 }), 404, /no coder at layer 1; it has: transcoder at layers.2.mlp, sae at layers.2/);
    const broken = join(root, "broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "pack.json"), JSON.stringify({ name: "broken" }));
    try {
      process.env.REWRITE_PACK_DIR = join(root, "nowhere");
      await expectError(await post({ text }), 404, /no pack at .*nowhere/);
      process.env.REWRITE_PACK_DIR = broken;
      await expectError(await post({ text }), 409, /cannot be used: .*pack.json/);
    } finally {
      process.env.REWRITE_PACK_DIR = packDir;
    }
  });
});
