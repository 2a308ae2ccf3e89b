// The model runtime as the cache stage needs it: the pack's tokenizer, and each coder's TopK encoding of
// token contexts (base model up to the hookpoint, then the transcoder / SAE) plus its decoder rows.
import { encodeTokensAt } from "@/lib/coder/encode-tokens";
import type { PackRuntime } from "@/lib/runtime/pack-runtime";
import { packModelDir } from "@/lib/packs/pack-manifest";
import { readUnembedding } from "./latent-output-side";
import type { CacheRuntime } from "./prepare-latent-cache";

/** Pythia's (and the demo pack's) end-of-text token, placed before each document. */
const END_OF_TEXT = "<|endoftext|>";

export function packCacheRuntime(runtime: PackRuntime): CacheRuntime {
  const separatorId = runtime.tokenizer.idOf(END_OF_TEXT);
  if (separatorId === undefined) throw new Error(`the tokenizer of ${runtime.dir} has no "${END_OF_TEXT}" token to separate documents`);
  return {
    tokenize: (text) => runtime.tokenizer.encode(text),
    separatorId,
    vocabSize: runtime.model.config.vocab_size,
    unembedding: () => readUnembedding(packModelDir(runtime.dir, runtime.manifest)),
    coder: async (hookpoint) => {
      const coder = runtime.coder(hookpoint);
      const { k, numLatents, d_in: dIn } = coder.config;
      return {
        encode: async (ids, batch) => {
          const { topValues, topIndices } = await encodeTokensAt(runtime.model, coder, hookpoint, ids, batch);
          return { k, indices: topIndices, values: topValues };
        },
        decoderWeights: coder.weights.decoderWeight,
        dIn,
        numLatents,
      };
    },
  };
}
