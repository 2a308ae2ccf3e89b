/**
 * The coder a page or command uses when none is named: the pack's transcoder (the paper's subject), else its first
 * coder. Takes a summary, a manifest or an opened pack's `pack`; every face of the app picks the same one.
 */
export function defaultCoder<C extends { kind: "transcoder" | "sae" }>(pack: { readonly coders: readonly C[] }): C {
  const coder = pack.coders.find((c) => c.kind === "transcoder") ?? pack.coders[0];
  if (!coder) throw new Error("the pack names no coder; pack.json needs at least one entry in \"coders\"");
  return coder;
}
