// A stored score's per-example records in delphi's shape. Imported scores keep delphi's records as read; Rewrite's
// own (columnar, by cache window) are expanded: each window's tokens and activations re-read from the cache.
import type { ActivationCache } from "@/lib/cache/activation-cache";
import { windowExample } from "@/lib/cache/window-activations";
import type { TokenText } from "@/lib/cache/token-display";
import type { ScoreDetails } from "@/lib/score";
import { parseDelphiScoreRecords, type DelphiScoreRecord } from "./delphi-score-file";

/** Rewrite scores on 10 quantile bins of window max (lib/score/scoring-windows); bin 0 is the weakest there. */
const QUANTILE_BINS = 10;
/** delphi's distance of a randomly drawn non-activating example. */
const RANDOM_NON_ACTIVATING_DISTANCE = -1;

export interface RecordSource {
  cache: ActivationCache;
  latent: number;
  tokenText: () => TokenText;
}

function recordsOfDetails(details: ScoreDetails, source: RecordSource): DelphiScoreRecord[] {
  const acts = source.cache.latentActivations(source.latent);
  const shape = { contextLength: source.cache.manifest.contextLength, windowLength: details.windowLength };
  const tokenText = source.tokenText();
  return details.windows.map((window, i) => {
    const example = windowExample(source.cache, acts, window, shape, tokenText);
    const activating = details.activating[i] === 1;
    const prediction = details.prediction[i] === null ? null : details.prediction[i] === 1;
    const quantile = details.quantile[i];
    return {
      str_tokens: example.tokens,
      activations: Array.from(example.activations),
      // delphi numbers quantiles from the strongest (its examples are sorted by max activation, descending).
      distance: activating && quantile !== null ? QUANTILE_BINS - 1 - quantile : RANDOM_NON_ACTIVATING_DISTANCE,
      activating,
      prediction,
      probability: details.probability[i],
      correct: prediction === null ? null : prediction === activating,
    };
  });
}

/** The records of a stored `details_json`, or undefined when the score kept none. */
export function delphiScoreRecords(detailsJson: string | null, source: RecordSource, where: string): DelphiScoreRecord[] | undefined {
  if (detailsJson === null) return undefined;
  const details = JSON.parse(detailsJson) as unknown;
  if (Array.isArray(details)) return parseDelphiScoreRecords(details, where);
  if ((details as Partial<ScoreDetails>).format === "rewrite-score-details") return recordsOfDetails(details as ScoreDetails, source);
  throw new Error(`${where}: details_json is neither delphi records nor rewrite-score-details`);
}
