// Every latent's output side (top promoted / suppressed tokens by direct logit, lib/core/direct-logit-tokens),
// computed in bulk when the cache is built and stored beside it as one small binary file:
// header Uint32 [count, numLatents], then per latent Int32 token ids [2·count] (promoted, then suppressed) and
// Float32 logits [2·count] in the same order.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import type { DirectLogitTokens } from "@/lib/core/direct-logit-tokens";
import { createOrtSession } from "@/lib/model/ort-session";
import { readExactly, withOpenFile, writeFileAtomic } from "./binary-file-io";
import { buildOutputTokensGraph } from "./output-tokens-graph";

export const OUTPUT_TOKENS_FILE = "latents.output-tokens.bin";
/** Tokens kept per side and latent. */
export const OUTPUT_TOKEN_COUNT = 10;

/** The direct path's weights: GPT-NeoX `final_layer_norm.weight` [d] and `embed_out.weight` [vocab, d]. */
export interface Unembedding {
  lnWeight: Float32Array;
  embedOut: Float32Array;
}

export interface OutputTokenTable {
  count: number;
  numLatents: number;
  ids: Int32Array;
  logits: Float32Array;
}

// A [B, vocab] float32 block of logits stays under 64 MiB (Pythia's 50,304 tokens: 333 rows per run).
const MAX_BLOCK_LOGITS = 1 << 24;

/** Promoted and suppressed tokens of every decoder row (W_dec [numLatents, d], row-major), through onnxruntime. */
export async function computeOutputTokenTable(wDec: Float32Array, numLatents: number, unembedding: Unembedding, count = OUTPUT_TOKEN_COUNT): Promise<OutputTokenTable> {
  const d = unembedding.lnWeight.length;
  if (wDec.length !== numLatents * d) throw new Error(`W_dec has ${wDec.length} values; expected ${numLatents} × ${d}`);
  if (unembedding.embedOut.length % d !== 0) throw new Error(`embed_out's ${unembedding.embedOut.length} values are not whole rows of ${d}`);
  const vocab = unembedding.embedOut.length / d;
  const k = Math.min(count, vocab);
  const scaled = new Float32Array(unembedding.embedOut.length);
  for (let t = 0; t < vocab; t++) for (let c = 0; c < d; c++) scaled[t * d + c] = unembedding.embedOut[t * d + c] * unembedding.lnWeight[c];
  const ids = new Int32Array(numLatents * 2 * k);
  const logits = new Float32Array(numLatents * 2 * k);
  const session = await createOrtSession(buildOutputTokensGraph(scaled, vocab, d, k));
  try {
    const blockRows = Math.max(1, Math.floor(MAX_BLOCK_LOGITS / vocab));
    for (let start = 0; start < numLatents; start += blockRows) {
      const end = Math.min(numLatents, start + blockRows);
      const rows = new ort.Tensor("float32", wDec.subarray(start * d, end * d), [end - start, d]);
      const out = await session.run({ rows });
      const sides = [
        [out.promoted_tokens.data as BigInt64Array, out.promoted_logits.data as Float32Array],
        [out.suppressed_tokens.data as BigInt64Array, out.suppressed_logits.data as Float32Array],
      ] as const;
      for (let r = 0; r < end - start; r++) {
        sides.forEach(([sideIds, sideLogits], side) => {
          const at = ((start + r) * 2 + side) * k;
          for (let j = 0; j < k; j++) {
            ids[at + j] = Number(sideIds[r * k + j]);
            logits[at + j] = sideLogits[r * k + j];
          }
        });
      }
      // Let a server keep answering requests between blocks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await session.release();
  }
  return { count: k, numLatents, ids, logits };
}

export function writeOutputTokenTable(cacheDir: string, table: OutputTokenTable): void {
  const record = 2 * table.count;
  const parts: ArrayBufferView[] = [Uint32Array.of(table.count, table.numLatents)];
  for (let l = 0; l < table.numLatents; l++) parts.push(table.ids.subarray(l * record, (l + 1) * record), table.logits.subarray(l * record, (l + 1) * record));
  writeFileAtomic(join(cacheDir, OUTPUT_TOKENS_FILE), parts);
}

/** The stored table, or undefined for a cache built before output tokens were stored. */
export function readOutputTokenTable(cacheDir: string): OutputTokenTable | undefined {
  const path = join(/*turbopackIgnore: true*/ cacheDir, OUTPUT_TOKENS_FILE);
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const [count, numLatents] = new Uint32Array(buffer, 0, 2);
  const record = 2 * count;
  if (buffer.byteLength !== 8 + numLatents * record * 8) throw new Error(`${path} has ${buffer.byteLength} bytes; expected ${8 + numLatents * record * 8} for ${numLatents} latents × ${count} tokens; delete it to recompute`);
  const ids = new Int32Array(numLatents * record);
  const logits = new Float32Array(numLatents * record);
  for (let l = 0; l < numLatents; l++) {
    const at = 8 + l * record * 8;
    ids.set(new Int32Array(buffer, at, record), l * record);
    logits.set(new Float32Array(buffer, at + record * 4, record), l * record);
  }
  return { count, numLatents, ids, logits };
}

/** One latent's record read straight from the file (a page view needs 160 bytes, not the whole table). */
export function readLatentOutputTokens(cacheDir: string, latent: number): DirectLogitTokens | undefined {
  const path = join(/*turbopackIgnore: true*/ cacheDir, OUTPUT_TOKENS_FILE);
  if (!existsSync(path)) return undefined;
  return withOpenFile(path, (fd) => {
    const header = new Uint32Array(2);
    readExactly(fd, header, 0);
    const [count, numLatents] = header;
    if (latent < 0 || latent >= numLatents) throw new Error(`latent ${latent} is outside ${path}'s ${numLatents} latents`);
    const record = 2 * count;
    const ids = new Int32Array(record);
    const logits = new Float32Array(record);
    readExactly(fd, ids, 8 + latent * record * 8);
    readExactly(fd, logits, 8 + latent * record * 8 + record * 4);
    return outputTokensOf({ count, numLatents: 1, ids, logits }, 0);
  });
}

const tables = new Map<string, { mtimeMs: number; table: OutputTokenTable }>();

/** The stored table, read once per file version (what a search over every latent reads). */
export function cachedOutputTokenTable(cacheDir: string): OutputTokenTable | undefined {
  const path = join(/*turbopackIgnore: true*/ cacheDir, OUTPUT_TOKENS_FILE);
  if (!existsSync(path)) return undefined;
  const { mtimeMs } = statSync(path);
  const hit = tables.get(cacheDir);
  if (hit && hit.mtimeMs === mtimeMs) return hit.table;
  const table = readOutputTokenTable(cacheDir);
  if (table) tables.set(cacheDir, { mtimeMs, table });
  return table;
}

/** One latent's row of the table. */
export function outputTokensOf(table: OutputTokenTable, latent: number): DirectLogitTokens {
  const at = latent * 2 * table.count;
  const side = (offset: number) => Array.from({ length: table.count }, (_, j) => ({ token: table.ids[at + offset + j], logit: table.logits[at + offset + j] }));
  return { promoted: side(0), suppressed: side(table.count) };
}

/**
 * Latents whose top `depth` promoted tokens include one that `matches` (by token id): what a search for an output
 * token reads. Give `matches` the token texts, e.g. (id) => tokenText(id).trim().toLowerCase() === word.
 */
export function latentsPromoting(table: OutputTokenTable, matches: (token: number) => boolean, depth = table.count): number[] {
  const out: number[] = [];
  const n = Math.min(depth, table.count);
  for (let l = 0; l < table.numLatents; l++) {
    const at = l * 2 * table.count;
    for (let j = 0; j < n; j++) {
      if (matches(table.ids[at + j])) {
        out.push(l);
        break;
      }
    }
  }
  return out;
}
