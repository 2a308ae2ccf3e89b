// The token contexts of a delphi latent cache: every split file repeats the same `tokens` [n_seq, ctx]
// (delphi's save_splits), so they must agree with each other, with config.json's cache_ctx_len and with the
// pack's vocabulary before they can stand for Rewrite's cached contexts.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FormatError } from "@/lib/formats/format-error";
import { withSafetensors } from "@/lib/formats/safetensors";
import { checkLatentFileHeader } from "./delphi-latent-file";
import { DELPHI_CACHE_CONFIG } from "./delphi-layout";
import { readIndexTensor } from "./index-tensor";

export interface DelphiTokens {
  /** Row-major [numContexts, contextLength]. */
  values: Uint32Array;
  numContexts: number;
  contextLength: number;
}

function sameValues(a: Uint32Array, b: Uint32Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function checkConfigContextLength(moduleDir: string, contextLength: number, tokensFile: string): void {
  const file = join(moduleDir, DELPHI_CACHE_CONFIG);
  if (!existsSync(file)) return;
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new FormatError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const declared = (config as { cache_ctx_len?: unknown }).cache_ctx_len;
  if (typeof declared === "number" && declared !== contextLength) {
    throw new FormatError(file, `cache_ctx_len is ${declared} but the "tokens" tensor of ${tokensFile} has context length ${contextLength}: context length mismatch`);
  }
}

/** Reads and cross-checks the tokens of every split file (headers of all files are checked on the way). */
export function readDelphiTokens(moduleDir: string, files: readonly string[], vocabSize: number): DelphiTokens {
  let first: (DelphiTokens & { file: string }) | undefined;
  for (const path of files) {
    withSafetensors(path, (file) => {
      const { tokensShape } = checkLatentFileHeader(file);
      if (!tokensShape) return;
      const [numContexts, contextLength] = tokensShape;
      if (first && (first.numContexts !== numContexts || first.contextLength !== contextLength)) {
        const what = first.contextLength !== contextLength ? "context length mismatch" : "sequence count mismatch";
        throw new FormatError(path, `tensor "tokens" has shape [${numContexts}, ${contextLength}] but ${first.file} has [${first.numContexts}, ${first.contextLength}]: ${what}; the files come from different caches`);
      }
      const values = readIndexTensor(file, "tokens");
      if (first) {
        const differs = sameValues(first.values, values);
        if (differs >= 0) throw new FormatError(path, `tensor "tokens" differs from ${first.file} at element ${differs}; the files come from different caches`);
        return;
      }
      for (let i = 0; i < values.length; i++) {
        if (values[i] >= vocabSize) {
          throw new FormatError(
            path,
            `tensor "tokens" holds token id ${values[i]} at (sequence ${Math.floor(i / contextLength)}, position ${i % contextLength}); the pack's vocabulary has ${vocabSize} ids (0–${vocabSize - 1}): the cache was made with another tokenizer`,
          );
        }
      }
      first = { values, numContexts, contextLength, file: path };
    });
  }
  if (!first) {
    throw new FormatError(moduleDir, `no split file holds a "tokens" tensor; Rewrite needs the cached contexts (run delphi's cache with save_tokens=True)`);
  }
  checkConfigContextLength(moduleDir, first.contextLength, first.file);
  return { values: first.values, numContexts: first.numContexts, contextLength: first.contextLength };
}
