// §2.3: "we sample chunks of text … and gather latents from the transcoder evaluated on the last token of each
// chunk". The held-out split is cut into non-overlapping chunks of promptLength + 1 tokens (the extra token is
// the next-token CE target) and promptCount of them are drawn without replacement from the seed. A development
// set (for tuning explanations) is drawn from the chunks the test prompts did not take, so no tuning sees them.
import { createHash } from "node:crypto";
import { corpusContexts } from "@/lib/corpus/corpus-contexts";
import { createSeededRng, sampleWithoutReplacement } from "@/lib/core/seeded-rng";
import type { SimulationContext } from "@/lib/simulate";

export interface HeldoutPromptOptions<T = string> {
  /** A document's token ids (pre-tokenized documents pass through). */
  tokenize: (document: T) => ArrayLike<number>;
  /** End-of-text id placed before each document, as in the activation cache. */
  separatorId: number;
  promptCount: number;
  /** Tokens the model reads; the last of them is the evaluated (patched) position. */
  promptLength: number;
  seed: number;
  /** Draw only among chunks that the test prompts of this count and seed do not take (a development set). */
  disjointFrom?: { readonly promptCount: number; readonly seed: number };
}

export interface HeldoutPrompts {
  readonly promptCount: number;
  readonly promptLength: number;
  /** [promptCount · promptLength] row-major token ids. */
  readonly ids: Int32Array;
  /** [promptCount] the token after each prompt: the CE target at its last position. */
  readonly nextTokens: Int32Array;
  /** Which chunks of the held-out stream were drawn, ascending (provenance). */
  readonly chunks: Uint32Array;
  /** Chunks the held-out split holds in all. */
  readonly availableChunks: number;
}

export function heldoutPrompts<T = string>(documents: Iterable<T>, options: HeldoutPromptOptions<T>): HeldoutPrompts {
  const { promptCount, promptLength } = options;
  if (!Number.isInteger(promptLength) || promptLength < 1) throw new Error(`promptLength must be an integer ≥ 1, got ${promptLength}`);
  if (!Number.isInteger(promptCount) || promptCount < 1) throw new Error(`promptCount must be an integer ≥ 1, got ${promptCount}`);
  const chunkLength = promptLength + 1;
  // Tokenized up front: corpusContexts needs the chunk count to size its buffer.
  const texts = [...documents];
  const tokenized = new Map(texts.map((text) => [text, options.tokenize(text)]));
  const streamLength = texts.reduce((n, text) => n + 1 + tokenized.get(text)!.length, 0);
  const stream = corpusContexts(texts, {
    tokenize: (text) => tokenized.get(text)!,
    separatorId: options.separatorId,
    contextLength: chunkLength,
    maxContexts: Math.floor(streamLength / chunkLength),
  });
  const availableChunks = stream.length / chunkLength;
  if (promptCount > availableChunks) {
    throw new Error(
      `the held-out split has only ${availableChunks} chunks of ${chunkLength} tokens, fewer than the ${promptCount} prompts asked for; lower the prompt count or length`,
    );
  }
  const chunks = drawChunks(availableChunks, promptCount, options.seed, options.disjointFrom);
  const ids = new Int32Array(promptCount * promptLength);
  const nextTokens = new Int32Array(promptCount);
  chunks.forEach((chunk, p) => {
    const start = chunk * chunkLength;
    ids.set(stream.subarray(start, start + promptLength), p * promptLength);
    nextTokens[p] = stream[start + promptLength];
  });
  return { promptCount, promptLength, ids, nextTokens, chunks, availableChunks };
}

/** promptCount chunk indices, ascending; with `disjointFrom`, none of the chunks that test set draws. */
export function drawChunks(availableChunks: number, promptCount: number, seed: number, disjointFrom?: { readonly promptCount: number; readonly seed: number }): Uint32Array {
  if (!disjointFrom) return sampleWithoutReplacement(createSeededRng(seed), availableChunks, promptCount).sort();
  const test = new Set(drawChunks(availableChunks, disjointFrom.promptCount, disjointFrom.seed));
  const free = Uint32Array.from({ length: availableChunks }, (_, c) => c).filter((c) => !test.has(c));
  if (promptCount > free.length) {
    throw new Error(
      `only ${free.length} held-out chunks remain beside the ${test.size} test prompts, fewer than the ${promptCount} development prompts asked for; lower a prompt count or length`,
    );
  }
  return Uint32Array.from(sampleWithoutReplacement(createSeededRng(seed), free.length, promptCount), (i) => free[i]).sort();
}

/** Each prompt's last `windowLength` tokens as the simulator reads them; ids are content hashes (the text fixes the answer). */
export function heldoutPromptContexts(prompts: HeldoutPrompts, windowLength: number, tokenText: (id: number) => string): SimulationContext[] {
  const { promptCount, promptLength, ids } = prompts;
  if (!Number.isInteger(windowLength) || windowLength < 1 || windowLength > promptLength) {
    throw new Error(`the simulation window of ${windowLength} tokens must lie in [1, ${promptLength}] (the prompt length)`);
  }
  return Array.from({ length: promptCount }, (_, p) => {
    const window = ids.subarray((p + 1) * promptLength - windowLength, (p + 1) * promptLength);
    const hash = createHash("sha256").update(new Uint8Array(window.buffer, window.byteOffset, window.byteLength)).digest("hex").slice(0, 16);
    return { contextId: `heldout:${hash}:${windowLength}`, tokens: Array.from(window, tokenText) };
  });
}
