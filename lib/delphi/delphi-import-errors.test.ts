import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { activationCacheDir, CACHE_FILES } from "@/lib/cache/cache-layout";
import { withSafetensors } from "@/lib/formats/safetensors";
import { writeSafetensors, type WritableTensor } from "@/lib/formats/safetensors-writer";
import type { DelphiTarget } from "./delphi-target";
import { copyFixture, FIXTURE_EXPECTED as expected, FIXTURE_RESULTS, fixtureTarget, rowCounts } from "@/lib/delphi/testing/delphi-test-support";
import { readIndexTensor } from "./index-tensor";
import { importDelphiResults } from "./import-delphi-results";

let dir: string;
let db: RewriteDatabase;
let broken: string;
const cacheDir = () => activationCacheDir(dir, "fixture-pack", expected.hookpoint);
const moduleDir = () => join(broken, "latents", expected.hookpoint);

/** What a failed import must leave as it was: the rows, the cache folder's files and no stray folders. */
function state() {
  return {
    rows: rowCounts(db),
    caches: db.$client.prepare("SELECT * FROM activation_caches").all(),
    offsets: readFileSync(join(cacheDir(), CACHE_FILES.offsets)).toString("hex"),
    folders: readdirSync(dirname(cacheDir())).sort(),
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "rewrite-delphi-errors-"));
  db = openDatabase(join(dir, "rewrite.sqlite"));
  await importDelphiResults(db, { dir: FIXTURE_RESULTS, target: fixtureTarget(), dataDir: dir });
  broken = copyFixture();
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(dirname(broken), { recursive: true, force: true });
});

async function expectRejected(message: RegExp, target: DelphiTarget = fixtureTarget()) {
  const before = state();
  await expect(importDelphiResults(db, { dir: broken, target, dataDir: dir })).rejects.toThrow(message);
  expect(state()).toEqual(before);
}

/** Rewrites one split file of the broken copy with its tensors changed. */
function rewriteSplit(name: string, edit: (tensors: Record<string, WritableTensor>) => Record<string, WritableTensor>) {
  const path = join(moduleDir(), name);
  const tensors = withSafetensors(path, (file): Record<string, WritableTensor> => {
    const n = file.info("activations").shape[0];
    const tokens = readIndexTensor(file, "tokens");
    return {
      locations: { dtype: "U32", shape: [n, 3], data: readIndexTensor(file, "locations") },
      activations: { dtype: "F32", shape: [n], data: file.readFloat32("activations") },
      tokens: { dtype: "I64", shape: file.info("tokens").shape, data: BigInt64Array.from(tokens, (t) => BigInt(t)) },
    };
  });
  writeSafetensors(path, edit(tensors));
}

describe("a malformed delphi folder is refused with its own error, and nothing changes", () => {
  it("a hookpoint that is none of the pack's coders", async () => {
    renameSync(moduleDir(), join(broken, "latents", "layers.7.mlp"));
    await expectRejected(/latents\/layers\.7\.mlp: hookpoint "layers\.7\.mlp" is not one of pack fixture's coders \(layers\.2\.mlp, layers\.2\)/);
  });

  it("a latent range beyond the coder's width", async () => {
    await expectRejected(/10_15\.safetensors: holds latents 10–15, but the coder has 13 latents \(0–12\): latent index out of range/, fixtureTarget({ coders: [{ hookpoint: expected.hookpoint, kind: "transcoder", numLatents: 13 }] }));
  });

  it("a location whose latent column is outside its file's range", async () => {
    rewriteSplit("0_4.safetensors", (t) => {
      (t.locations.data as Uint32Array)[3 * 7 + 2] = 5;
      return t;
    });
    await expectRejected(/0_4\.safetensors: tensor "locations" row 7 \(\d+, \d+, 5\): latent column 5 is outside the file's range: it holds latents 0–4/);
  });

  it("an explanation of a latent the coder does not have", async () => {
    writeFileSync(join(broken, "explanations", `${expected.hookpoint}_latent16.txt`), JSON.stringify("Commas"));
    await expectRejected(/layers\.2\.mlp_latent16\.txt: names latent 16, but the coder at layers\.2\.mlp has 16 latents \(0–15\): latent index out of range/);
  });

  it("a missing tensor", async () => {
    rewriteSplit("5_9.safetensors", ({ locations, tokens }) => ({ locations, tokens }));
    await expectRejected(/5_9\.safetensors: has no tensor "activations"; it holds: locations, tokens/);
  });

  it("locations of the wrong shape", async () => {
    rewriteSplit("5_9.safetensors", (t) => ({ ...t, locations: { dtype: "U32", shape: [t.locations.shape[0] * 3, 1], data: t.locations.data as Uint32Array } }));
    await expectRejected(/5_9\.safetensors: tensor "locations" has shape \[\d+, 1\]; delphi writes \[N, 3\]/);
  });

  it("activations that do not pair with the locations", async () => {
    rewriteSplit("5_9.safetensors", (t) => ({ ...t, activations: { dtype: "F32", shape: [3], data: new Float32Array(3) } }));
    await expectRejected(/5_9\.safetensors: tensor "activations" has shape \[3\]; expected \[\d+\], one per location/);
  });

  it("an unsupported activation dtype", async () => {
    rewriteSplit("0_4.safetensors", (t) => ({ ...t, activations: { dtype: "I32", shape: t.activations.shape, data: new Int32Array(t.activations.shape[0]) } }));
    await expectRejected(/0_4\.safetensors: tensor "activations" has dtype I32, which is not supported; delphi writes F16/);
  });

  it("float locations", async () => {
    rewriteSplit("0_4.safetensors", (t) => ({ ...t, locations: { dtype: "F32", shape: t.locations.shape, data: Float32Array.from(t.locations.data as Uint32Array) } }));
    await expectRejected(/0_4\.safetensors: tensor "locations" has dtype F32; delphi stores it as an integer dtype/);
  });

  it("a truncated file", async () => {
    const path = join(moduleDir(), "10_15.safetensors");
    truncateSync(path, readFileSync(path).length - 100);
    await expectRejected(/10_15\.safetensors: tensor "tokens" ends at data byte \d+ but the file has only \d+ data bytes: the file is truncated/);
  });

  it("token ids beyond the pack's vocabulary", async () => {
    const largest = Math.max(...expected.tokens);
    const at = expected.tokens.indexOf(largest);
    await expectRejected(
      new RegExp(`0_4\\.safetensors: tensor "tokens" holds token id ${largest} at \\(sequence ${Math.floor(at / 40)}, position ${at % 40}\\); the pack's vocabulary has ${largest} ids`),
      fixtureTarget({ vocabSize: largest }),
    );
  });

  it("a context length that disagrees with config.json", async () => {
    const configPath = join(moduleDir(), "config.json");
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, "utf8")), cache_ctx_len: 64 }));
    await expectRejected(/config\.json: cache_ctx_len is 64 but the "tokens" tensor of .*0_4\.safetensors has context length 40: context length mismatch/);
  });

  it("files whose tokens have different context lengths", async () => {
    rewriteSplit("5_9.safetensors", (t) => ({ ...t, tokens: { ...t.tokens, shape: [12, 20] } as WritableTensor }));
    await expectRejected(/5_9\.safetensors: tensor "tokens" has shape \[12, 20\] but .*0_4\.safetensors has \[6, 40\]: context length mismatch/);
  });

  it("an explanation file that is not a JSON string", async () => {
    writeFileSync(join(broken, "explanations", `${expected.hookpoint}_latent3.txt`), "Plain text, not JSON");
    await expectRejected(/layers\.2\.mlp_latent3\.txt: is not JSON .*delphi stores an explanation as a JSON string/);
  });

  it("a score record without its class", async () => {
    const path = join(broken, "scores", "detection", `${expected.hookpoint}_latent3.txt`);
    const records = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>[];
    delete records[4].activating;
    writeFileSync(path, JSON.stringify(records));
    await expectRejected(/layers\.2\.mlp_latent3\.txt: is not a list of delphi score records .*4\.activating/);
  });

  it("a failure inside the transaction rolls the database back and keeps the cache it would have replaced", async () => {
    rmSync(join(moduleDir(), "10_15.safetensors"));
    const failing = fixtureTarget({
      decoderWeights: () => {
        throw new Error("W_dec unreadable");
      },
    });
    await expectRejected(/W_dec unreadable/, failing);
    expect(existsSync(join(cacheDir(), CACHE_FILES.manifest))).toBe(true);
  });
});
