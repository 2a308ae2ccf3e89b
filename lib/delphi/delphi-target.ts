// What an import maps delphi's results onto: one pack's coders (hookpoint, width), its vocabulary, and the
// decoder rows the latent summaries' neighbours come from.
import { FormatError } from "@/lib/formats/format-error";
import { readSparsifyCoder } from "@/lib/formats/sparsify-coder";
import { openReadablePack } from "@/lib/packs/open-pack";
import { packCoderDir, packModelDir } from "@/lib/packs/pack-manifest";

export interface DelphiCoder {
  hookpoint: string;
  kind: "transcoder" | "sae";
  numLatents: number;
}

export interface DelphiTarget {
  packIdentity: string;
  packName: string;
  vocabSize: number;
  coders: DelphiCoder[];
  /** The HF snapshot folder: delphi's config.json names it as model_name, so its loader finds the tokenizer. */
  modelDir?: string;
  /** W_dec rows of a coder, for the summaries' decoder neighbours; without it none are stored. */
  decoderWeights?: (hookpoint: string) => { values: Float32Array; dIn: number };
}

export function delphiTargetOfPack(packDir: string): DelphiTarget {
  const { pack, manifest, identity } = openReadablePack(packDir);
  return {
    packIdentity: identity,
    packName: pack.name,
    vocabSize: pack.model.vocabSize,
    coders: pack.coders.map((c) => ({ hookpoint: c.hookpoint, kind: c.kind, numLatents: c.numLatents })),
    modelDir: packModelDir(pack.dir, manifest),
    decoderWeights: (hookpoint) => {
      const coder = manifest.coders.find((c) => c.hookpoint === hookpoint);
      if (!coder) throw new Error(`the pack at ${pack.dir} has no coder at hookpoint "${hookpoint}"`);
      const weights = readSparsifyCoder(packCoderDir(pack.dir, coder));
      return { values: weights.decoderWeight, dIn: weights.config.d_in };
    },
  };
}

/** The coder at `hookpoint`, or an error naming the file and the pack's coders. */
export function targetCoder(target: DelphiTarget, hookpoint: string, where: string): DelphiCoder {
  const coder = target.coders.find((c) => c.hookpoint === hookpoint);
  if (!coder) {
    throw new FormatError(where, `hookpoint "${hookpoint}" is not one of pack ${target.packName}'s coders (${target.coders.map((c) => c.hookpoint).join(", ")}); import only those with --hookpoint`);
  }
  return coder;
}
