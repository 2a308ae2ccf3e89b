import { describe, expect, it } from "vitest";
import { buildSimulationMessages } from "./simulation-prompt";

describe("buildSimulationMessages", () => {
  it("marks the last token and puts the explanation before the context", () => {
    const [system, user] = buildSimulationMessages("Animals,\n such as cats", ["The", " black", " cat"]);
    expect(system.role).toBe("system");
    expect(system.content).toContain("0 to 9");
    expect(user.content).toBe("Explanation: Animals, such as cats\n\nText: The black <<cat>>");
  });

  it("shares everything up to the context between two contexts of one latent", () => {
    const a = buildSimulationMessages("cats", ["A", " dog"]);
    const b = buildSimulationMessages("cats", ["The", " cat"]);
    expect(a[0]).toEqual(b[0]);
    const prefix = "Explanation: cats\n\nText: ";
    expect(a[1].content.startsWith(prefix) && b[1].content.startsWith(prefix)).toBe(true);
    expect(a[1].content.slice(prefix.length)).toBe("A <<dog>>");
    expect(b[1].content.slice(prefix.length)).toBe("The <<cat>>");
  });
});
