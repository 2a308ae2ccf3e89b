import { describe, expect, it } from "vitest";
import { latentJumpTarget, latentListHref, parseLatentListParams } from "./latent-list-params";

describe("latent list URL parameters", () => {
  it("read every filter, with frequencies typed in percent and held as fractions", () => {
    const state = parseLatentListParams({ q: "commas", sort: "correlation", minCorrelation: "0.5", maxImpact: "0.001", minFreqPct: "0.1", maxFreqPct: "5", hideDead: "1", edited: "on", coder: "layers.2" });
    expect(state).toMatchObject({ search: "commas", sort: "correlation", direction: "desc", minCorrelation: 0.5, maxImpact: 0.001, minFrequency: 0.001, maxFrequency: 0.05, hideDead: true, editedOnly: true, coder: "layers.2", page: 1 });
  });

  it("give impact's natural order as smallest cost first, and drop bad values instead of failing a bookmark", () => {
    expect(parseLatentListParams({ sort: "impact" }).direction).toBe("asc");
    expect(parseLatentListParams({ sort: "bogus", minFreqPct: "200", minCorrelation: "x", page: "0" })).toMatchObject({ sort: "latent", minFrequency: undefined, minCorrelation: undefined, page: 1 });
  });

  it("write back the same state, so a filter change keeps the sort and the other filters", () => {
    const state = parseLatentListParams({ sort: "sensitivity", dir: "asc", minFreqPct: "0.1", hideDead: "1", q: "x" });
    const href = latentListHref(state, { minSensitivity: 0.25, page: 1 });
    expect(href).toBe("/latents?q=x&sort=sensitivity&dir=asc&minSensitivity=0.25&minFreqPct=0.1&hideDead=1");
    expect(parseLatentListParams(Object.fromEntries(new URL(href, "http://h").searchParams))).toEqual({ ...state, minSensitivity: 0.25 });
  });
});

describe("latentJumpTarget", () => {
  it("opens an id inside the coder's range, keeping the coder", () => {
    expect(latentJumpTarget(" 12 ", 64)).toEqual({ href: "/latents/12" });
    expect(latentJumpTarget("63", 64, "layers.2")).toEqual({ href: "/latents/63?coder=layers.2" });
  });

  it("says why an id cannot be opened", () => {
    expect(latentJumpTarget("64", 64)).toEqual({ error: "latent 64 is out of range: this coder has 64 latents, 0 to 63" });
    expect(latentJumpTarget("-1", 64)).toEqual({ error: '"-1" is not a latent id: type a whole number from 0 to 63' });
    expect(latentJumpTarget("abc", 64)).toMatchObject({ error: expect.stringContaining("not a latent id") });
  });
});
