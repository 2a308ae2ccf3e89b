import { describe, expect, it } from "vitest";
import { extractExplanationTerms } from "./explanation-terms";
import { LexicalSimulator, lexicalLevels } from "./lexical-simulator";
import type { SimulationOutcome } from "./simulator";

const predictions = (outcomes: SimulationOutcome[]) => outcomes.map((o) => (o.ok ? o.prediction : o.reason));

describe("LexicalSimulator", () => {
  const simulator = new LexicalSimulator();

  it("scores quoted phrases, words and stems on the last token, less for earlier tokens", async () => {
    const explanation = `Fires on "New York" and on cities`; // quoted: "new york"; words: "cities"
    const outcomes = await simulator.simulate(explanation, [
      ["I", " love", " New", " York"], // quoted phrase ends here → 9
      ["visit", " cities"], // exact word → 7
      ["Big", " City"], // stem city = city → 5
      ["the", " city", " of"], // stem one token back → floor(5/2) = 2
      ["New", " York", " is", " big"], // quoted two tokens back → floor(9/3) = 3
      ["went", " to", " York"], // "york" alone is not the phrase → 0
      ["a", " pizza"], // no term → 0
      [],
    ]);
    expect(predictions(outcomes)).toEqual([9, 7, 5, 2, 3, 0, 0, "empty-context"]);
  });

  it("matches quoted strings at word boundaries only", async () => {
    const outcomes = await simulator.simulate(`Fires on "a"`, [["a"], [" pizza"], ["It", " is", " a"], ["A"], ["pizz", "a"]]);
    expect(predictions(outcomes)).toEqual([9, 0, 9, 9, 0]);
  });

  it("matches a word spelled over sub-word tokens", async () => {
    const outcomes = await simulator.simulate("playing games", [[" play", "ing"], [" play"], [" replay"]]);
    // "playing" exact → 7; "play" stems like "playing" → 5; "replay" → 0
    expect(predictions(outcomes)).toEqual([7, 5, 0]);
  });

  it("reports progress for every context and is fast on 400 contexts", async () => {
    const contexts = Array.from({ length: 400 }, (_, i) => Array.from({ length: 32 }, (_, j) => ` w${(i * 7 + j) % 50}`));
    const seen: number[] = [];
    const outcomes = await simulator.simulate(`Fires on "w3"`, contexts, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toHaveLength(400);
    expect(seen.at(-1)).toBe(400);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it("levels every prefix at once exactly as simulating each prefix does", async () => {
    const tokens = ["The", " New", " York", " cat", "s", " sat", " on", " a", " cat", ".", " Cat", " naps"];
    const explanation = 'the city "New York" and cats';
    const one = await simulator.simulate(explanation, tokens.map((_, i) => tokens.slice(0, i + 1)));
    expect(lexicalLevels(tokens, extractExplanationTerms(explanation))).toEqual(predictions(one));
    // By hand: "York" ends the quoted phrase (9); " cat" stems like "cats" (5, above York's ⌊9/2⌋); "s" completes the
    // word "cats" (7); later tokens get ⌊level / (d + 1)⌋ of a match d ≤ 3 tokens back; "." is not a word (0).
    expect(predictions(one)).toEqual([0, 0, 9, 5, 7, 3, 2, 1, 5, 2, 5, 2]);
  });
});
