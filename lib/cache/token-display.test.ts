import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tokenDisplay } from "./token-display";

const fixture = "packs/demo/fixtures/tokenizer-ids.json";

describe.runIf(existsSync(fixture))("token display texts", () => {
  it("joins the demo tokenizer's ids back into the fixture strings (ASCII: no character split across tokens)", () => {
    const text = tokenDisplay("packs/demo/model");
    const { cases } = JSON.parse(readFileSync(fixture, "utf8")) as { cases: { text: string; ids: number[] }[] };
    const ascii = cases.filter((c) => /^[\x00-\x7f]*$/.test(c.text));
    expect(ascii.length).toBeGreaterThan(2);
    for (const c of ascii) expect(c.ids.map(text).join("")).toBe(c.text);
    expect(tokenDisplay("packs/demo/model")).toBe(text); // loaded once
  });
});
