import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTokenizer } from "@/lib/formats/tokenizer";
import type { LlmCompletion, TopLogprob } from "@/lib/llm";
import { HookedGptNeoX } from "@/lib/model/hooked-model";
import { expectedDigit, readDigitDistribution } from "./digit-distribution";

// The digit read-out on real next-token logits: the demo pack's causal LM, run through onnxruntime, after the
// start of a simulator-style answer. The expected value is computed here independently, from the full softmax.

const modelDir = join(process.cwd(), "packs/demo/model");
const model = HookedGptNeoX.load(modelDir, { threads: 1 });
const tokenizer = readTokenizer(modelDir);
afterAll(() => model.release());

/** log p over the whole vocabulary at the last position, in float64. */
async function lastLogProbs(text: string): Promise<Float64Array> {
  const ids = Int32Array.from(tokenizer.encode(text));
  const logits = await model.forward(ids, 1);
  const vocab = model.config.vocab_size;
  const last = Float64Array.from(logits.subarray((ids.length - 1) * vocab, ids.length * vocab));
  const max = Math.max(...last);
  let sum = 0;
  for (const l of last) sum += Math.exp(l - max);
  const logZ = max + Math.log(sum);
  return last.map((l) => l - logZ);
}

describe("readDigitDistribution on real logits", () => {
  it.each(["Rating of the last token: [", "The answer is [", "Scores: [3], [7], ["])("matches Σ p(d)·d / Σ p(d) over the digit tokens after %j", async (prompt) => {
    const logProbs = await lastLogProbs(prompt);
    // Every token that spells one digit, with or without a leading space ("7", " 7"), found by its decoded text.
    const digitIds: Array<{ id: number; digit: number }> = [];
    for (let id = 0; id < logProbs.length; id++) {
      const text = tokenizer.tokenText(id).trim();
      if (/^[0-9]$/.test(text)) digitIds.push({ id, digit: Number(text) });
    }
    expect(digitIds.length).toBeGreaterThanOrEqual(20); // "0"…"9" and " 0"…" 9" in the demo vocabulary
    let mass = 0;
    let weighted = 0;
    for (const { id, digit } of digitIds) {
      mass += Math.exp(logProbs[id]);
      weighted += digit * Math.exp(logProbs[id]);
    }
    const direct = weighted / mass;

    // An OpenAI-style top_logprobs list: every digit token plus the 20 likeliest others, as the server would send.
    const others = Array.from(logProbs.keys())
      .filter((id) => !digitIds.some((d) => d.id === id))
      .sort((a, b) => logProbs[b] - logProbs[a])
      .slice(0, 20);
    const top: TopLogprob[] = [...digitIds.map((d) => d.id), ...others]
      .sort((a, b) => logProbs[b] - logProbs[a])
      .map((id) => ({ token: tokenizer.tokenText(id), logprob: logProbs[id] }));
    const chosen = digitIds.reduce((best, d) => (logProbs[d.id] > logProbs[best.id] ? d : best));
    const chosenText = tokenizer.tokenText(chosen.id);
    const completion: LlmCompletion = {
      text: `[${chosenText}]`,
      reasoning: null,
      finishReason: "stop",
      logprobs: [
        { token: "[", logprob: -0.01, topLogprobs: [] },
        { token: chosenText, logprob: logProbs[chosen.id], topLogprobs: top },
        { token: "]", logprob: -0.01, topLogprobs: [] },
      ],
      usage: null,
      model: "demo",
    };
    const reading = readDigitDistribution(completion, { maxTokens: 8 });
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.prediction).toBeCloseTo(direct, 9);
    expect(expectedDigit(reading.digitProbs)).toBeCloseTo(direct, 9);
    expect(reading.digitProbs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const pSeven = digitIds.filter((d) => d.digit === 7).reduce((s, d) => s + Math.exp(logProbs[d.id]), 0) / mass;
    expect(reading.digitProbs[7]).toBeCloseTo(pSeven, 9);
  });
});
