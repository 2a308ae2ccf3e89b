import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparseCoder } from "@/lib/coder/sparse-coder";
import { nextTokenCrossEntropy } from "@/lib/core/cross-entropy";
import { SafetensorsFile } from "@/lib/formats/safetensors";
import { readPackManifest } from "@/lib/packs/pack-manifest";
import { expectClose, expectRelativelyClose } from "./fixtures/expectations";
import { HOOK_NAMES } from "./gpt-neox-graphs";
import { HookedGptNeoX, lastPosition, type CleanRun } from "./hooked-model";

// The embedded demo pack against its PyTorch fixtures (training/make_fixtures.py): one sequence per key prefix,
// tensors without a batch axis. A missing fixture fails here rather than skipping.

const packDir = "packs/demo";
const fixtureFile = join(packDir, "fixtures/parity.safetensors");
const metaFile = join(packDir, "fixtures/parity.json");

interface ParityMeta {
  layer: number;
  k: number;
  vocab_size: number;
  sequences: { name: string; length: number }[];
}

const meta: ParityMeta | null = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, "utf8")) as ParityMeta) : null;

describe("demo pack vs its PyTorch parity fixtures", () => {
  it("has parity.safetensors and parity.json (training/make_fixtures.py, run by `npm run train:demo`)", () => {
    expect(existsSync(fixtureFile), `${fixtureFile} is missing`).toBe(true);
    expect(meta, `${metaFile} is missing`).not.toBeNull();
  });
  if (!meta) return;

  const manifest = readPackManifest(packDir);
  const coderDir = (kind: "transcoder" | "sae") => join(packDir, manifest.coders.find((c) => c.kind === kind)!.path);
  const layer = meta.layer;
  const vocab = meta.vocab_size;
  let fixture: SafetensorsFile;
  let model: HookedGptNeoX;
  let transcoder: SparseCoder;
  let sae: SparseCoder;

  beforeAll(() => {
    fixture = SafetensorsFile.open(fixtureFile);
    model = HookedGptNeoX.load(join(packDir, manifest.model));
    transcoder = SparseCoder.load(coderDir("transcoder"));
    sae = SparseCoder.load(coderDir("sae"));
  });

  afterAll(async () => {
    fixture?.close();
    await Promise.all([model?.release(), transcoder?.release(), sae?.release()]);
  });

  it("is the pack's hooked layer", () => expect(layer).toBe(manifest.layer));

  describe.each(meta.sequences)("$name ($length tokens)", ({ name, length }) => {
    const key = (suffix: string) => `${name}.${suffix}`;
    const ref = (suffix: string) => fixture.readFloat32(key(suffix));
    const d = () => model.config.hidden_size;
    let ids: Int32Array;
    let clean: CleanRun;
    const ce = (logits: Float32Array) => nextTokenCrossEntropy(logits, vocab, ids);
    const withLastRow = (full: Float32Array, lastRow: Float32Array) => {
      const out = full.slice();
      out.set(lastRow, (length - 1) * d());
      return out;
    };

    beforeAll(async () => {
      ids = fixture.readInt(key("input_ids"), [length]) as Int32Array;
      clean = await model.cleanRun(ids, 1, layer);
    });

    it("matches logits to 1e-4 and the layer's hooks to 1e-5 (relative)", () => {
      if (fixture.has(key("logits"))) expectClose(clean.logits, ref("logits"), 1e-4);
      else expectClose(lastPosition(clean.logits, 1, vocab), ref("logits_last"), 1e-4);
      for (const hook of HOOK_NAMES) expectRelativelyClose(clean.hooks[hook], ref(`${hook}_${layer}`), 1e-5);
    });

    it("prefix + unchanged suffix equals the full forward", async () => {
      const hooks = await model.prefix(ids, 1, layer);
      expectClose(await model.suffix(hooks, 1, layer), clean.logits, 1e-5);
    });

    it("encodes with the transcoder and the SAE as sparsify does (identical TopK indices)", async () => {
      const encoded = await transcoder.encode(clean.hooks.mlp_in, { preActs: fixture.has(key("transcoder.pre_acts")) });
      expect(activeIndices(encoded.topIndices, encoded.topValues)).toEqual(activeIndices(fixture.readInt(key("transcoder.top_indices")) as Int32Array, ref("transcoder.top_acts")));
      expectRelativelyClose(encoded.topValues, ref("transcoder.top_acts"), 1e-5);
      expectRelativelyClose(encoded.decoded, ref("transcoder.out"), 1e-5);
      if (encoded.preActs) expectRelativelyClose(encoded.preActs, ref("transcoder.pre_acts"), 1e-5);
      const saeEncoded = await sae.encode(clean.hooks.resid_post);
      expect(activeIndices(saeEncoded.topIndices, saeEncoded.topValues)).toEqual(activeIndices(fixture.readInt(key("sae.top_indices")) as Int32Array, ref("sae.top_acts")));
      expectRelativelyClose(saeEncoded.topValues, ref("sae.top_acts"), 1e-5);
      expectRelativelyClose(saeEncoded.decoded, ref("sae.out"), 1e-5);
    });

    it("matches per-position CE (nats) to 1e-5: clean, transcoder, SAE and zero ablation spliced in", async () => {
      const zeros = new Float32Array(clean.hooks.mlp_out.length);
      const { decoded } = await transcoder.encode(clean.hooks.mlp_in);
      const saeOut = (await sae.encode(clean.hooks.resid_post)).decoded;
      expectClose(ce(clean.logits), ref("ce_clean"), 1e-5);
      expectClose(ce(await model.suffix({ ...clean.hooks, mlp_out: decoded }, 1, layer)), ref("ce_transcoder"), 1e-5);
      // an SAE replaces the whole block output: resid_pre + attn_out + mlp_out = sae.out
      expectClose(ce(await model.suffix({ resid_pre: saeOut, attn_out: zeros, mlp_out: zeros }, 1, layer)), ref("ce_sae"), 1e-5);
      expectClose(ce(await model.suffix({ ...clean.hooks, mlp_out: zeros }, 1, layer)), ref("ce_zero_ablation"), 1e-5);
    });

    it("patches the last position through the fast path as the full recompute does (transcoder and zero)", async () => {
      const last = { resid_pre: lastPosition(clean.hooks.resid_pre, 1, d()), attn_out: lastPosition(clean.hooks.attn_out, 1, d()) };
      const transcoded = lastPosition((await transcoder.encode(clean.hooks.mlp_in)).decoded, 1, d());
      for (const [replacement, fixtureKey] of [[transcoded, "patched_last.logits"], [new Float32Array(d()), "zero_last.logits"]] as const) {
        const fast = await model.lastTokenLogits(clean.cache, { ...last, mlp_out: replacement });
        const full = await model.suffix({ ...clean.hooks, mlp_out: withLastRow(clean.hooks.mlp_out, replacement) }, 1, layer);
        expectClose(fast, lastPosition(full, 1, vocab), 1e-4);
        expectClose(fast, ref(fixtureKey), 1e-4);
      }
    });
  });
});

// Where fewer than k latents are positive, torch.topk picks arbitrary indices among the zeros; those slots decode to
// nothing, so identity is required of the active (value > 0) slots, with zero slots marked -1.
function activeIndices(indices: ArrayLike<number>, values: ArrayLike<number>): number[] {
  return Array.from(indices, (index, slot) => (values[slot] > 0 ? index : -1));
}
