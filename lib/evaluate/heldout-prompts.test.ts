import { describe, expect, it } from "vitest";
import { drawChunks, heldoutPromptContexts, heldoutPrompts } from "./heldout-prompts";

// One token per character (code point), separator 0: the stream is easy to write down by hand.
const tokenize = (text: string) => Array.from(text, (c) => c.codePointAt(0)!);
const documents = ["abcdefghij", "klmnopqrst", "uvwxyz0123"];
// 0 a…j 0 k…t 0 u…3 = 33 tokens
const stream = [0, ...tokenize(documents[0]), 0, ...tokenize(documents[1]), 0, ...tokenize(documents[2])];

describe("held-out prompts", () => {
  it("are distinct chunks of promptLength + 1 tokens of the separator-joined stream, the last token the CE target", () => {
    const prompts = heldoutPrompts(documents, { tokenize, separatorId: 0, promptCount: 4, promptLength: 4, seed: 7 });
    expect(prompts.availableChunks).toBe(6); // floor(33 / 5)
    expect(new Set(prompts.chunks).size).toBe(4);
    prompts.chunks.forEach((chunk, p) => {
      const start = chunk * 5;
      expect(Array.from(prompts.ids.subarray(p * 4, p * 4 + 4))).toEqual(stream.slice(start, start + 4));
      expect(prompts.nextTokens[p]).toBe(stream[start + 4]);
    });
  });

  it("depend only on the seed", () => {
    const options = { tokenize, separatorId: 0, promptCount: 3, promptLength: 4 };
    const a = heldoutPrompts(documents, { ...options, seed: 1 });
    expect(heldoutPrompts(documents, { ...options, seed: 1 })).toEqual(a);
    const others = [2, 3, 4, 5].map((seed) => Array.from(heldoutPrompts(documents, { ...options, seed }).chunks).join());
    expect(others.some((c) => c !== Array.from(a.chunks).join())).toBe(true);
  });

  it("draw a development set only from chunks the test prompts did not take", () => {
    const options = { tokenize, separatorId: 0, promptLength: 4 };
    const test = heldoutPrompts(documents, { ...options, promptCount: 4, seed: 7 });
    const development = heldoutPrompts(documents, { ...options, promptCount: 2, seed: 8, disjointFrom: { promptCount: 4, seed: 7 } });
    // 6 chunks: the test set takes 4, the development set gets exactly the other 2
    const all = [...test.chunks, ...development.chunks].sort();
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => drawChunks(6, 3, 8, { promptCount: 4, seed: 7 })).toThrow(/only 2 held-out chunks remain beside the 4 test prompts, fewer than the 3/);
    // Over many seeds the two sets never meet.
    for (let seed = 0; seed < 50; seed++) {
      const testChunks = new Set(drawChunks(100, 30, seed));
      expect(Array.from(drawChunks(100, 40, seed + 1000, { promptCount: 30, seed })).some((c) => testChunks.has(c))).toBe(false);
    }
  });

  it("refuse more prompts than the split holds, naming both counts", () => {
    expect(() => heldoutPrompts(documents, { tokenize, separatorId: 0, promptCount: 7, promptLength: 4, seed: 0 })).toThrow(
      /only 6 chunks of 5 tokens, fewer than the 7 prompts/,
    );
  });

  it("give the simulator each prompt's last window, with an id fixed by its tokens", () => {
    const prompts = heldoutPrompts(documents, { tokenize, separatorId: 0, promptCount: 6, promptLength: 4, seed: 0 });
    const contexts = heldoutPromptContexts(prompts, 3, (id) => (id === 0 ? "<eot>" : String.fromCodePoint(id)));
    prompts.chunks.forEach((chunk, p) => {
      const window = stream.slice(chunk * 5 + 1, chunk * 5 + 4);
      expect(contexts[p].tokens).toEqual(window.map((id) => (id === 0 ? "<eot>" : String.fromCodePoint(id))));
      expect(contexts[p].contextId).toMatch(/^heldout:[0-9a-f]{16}:3$/);
    });
    expect(new Set(contexts.map((c) => c.contextId)).size).toBe(6);
    expect(() => heldoutPromptContexts(prompts, 5, String)).toThrow(/window of 5 tokens must lie in \[1, 4\]/);
  });
});
