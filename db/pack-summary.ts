// What a pack is, as the packs table stores it; lib/packs reads it from the pack's own files and re-exports
// these types, so the row and the reader share one definition.
export interface CoderSummary {
  kind: "transcoder" | "sae";
  hookpoint: string;
  numLatents: number;
  k: number;
  skipConnection: boolean;
  dIn: number;
}

export interface PackSummary {
  name: string;
  dir: string;
  model: { layers: number; dModel: number; heads: number; vocabSize: number; rotaryPct: number };
  layer: number;
  contextLength: number;
  coders: CoderSummary[];
}
