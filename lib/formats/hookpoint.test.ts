import { describe, expect, it } from "vitest";
import { parseHookpoint } from "./hookpoint";

describe("parseHookpoint", () => {
  it("reads sparsify names onto the GPT-NeoX module tree", () => {
    expect(parseHookpoint("layers.6.mlp")).toEqual({ kind: "mlp", layer: 6, name: "layers.6.mlp" });
    expect(parseHookpoint("layers.6")).toEqual({ kind: "residual", layer: 6, name: "layers.6" });
    expect(parseHookpoint("gpt_neox.layers.11.mlp", 12)).toEqual({ kind: "mlp", layer: 11, name: "layers.11.mlp" });
  });

  it("rejects unknown names and layers the model lacks", () => {
    expect(() => parseHookpoint("layers.6.attention")).toThrow(/"layers.6.attention" is not supported/);
    expect(() => parseHookpoint("layers.12.mlp", 12)).toThrow(/layer 12 but the model has 12 layers/);
  });
});
