import { describe, expect, it } from "vitest";
import { extractExplanationTerms, lightStem } from "./explanation-terms";

describe("extractExplanationTerms", () => {
  it("separates quoted strings from content words", () => {
    expect(extractExplanationTerms(`Fires on "New  York" and on 'LA', plus mentions of cities`)).toEqual({
      quoted: ["new york", "la"],
      words: ["plus", "cities"],
    });
  });

  it("keeps apostrophes inside words and drops boilerplate", () => {
    expect(extractExplanationTerms("The token after it's in legal text")).toEqual({ quoted: [], words: ["legal"] });
  });

  it("reads the statistical baseline's own sentence", () => {
    expect(extractExplanationTerms(`Fires on "the", "a" (and after "of")`)).toEqual({ quoted: ["the", "a", "of"], words: [] });
  });
});

describe("lightStem", () => {
  it("meets common inflections halfway", () => {
    expect(["cities", "city"].map(lightStem)).toEqual(["city", "city"]);
    expect(["played", "playing", "plays", "play"].map(lightStem)).toEqual(["play", "play", "play", "play"]);
    expect(["running", "run"].map(lightStem)).toEqual(["run", "run"]);
    expect(["cases", "case", "matches", "match"].map(lightStem)).toEqual(["cas", "cas", "match", "match"]);
    expect(["glass", "quickly", "Paul's"].map(lightStem)).toEqual(["glass", "quick", "paul"]);
  });
});
