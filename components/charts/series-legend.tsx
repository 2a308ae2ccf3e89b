// The explorer's three series, one colour each on every chart (app/globals.css), and their legend.

export type SeriesKey = "true" | "predicted" | "calibrated";

export const SERIES: Record<SeriesKey, { label: string; color: string }> = {
  true: { label: "true activation", color: "var(--series-true)" },
  predicted: { label: "raw prediction (simulator, 0–9)", color: "var(--series-predicted)" },
  calibrated: { label: "calibrated prediction (quantile normalized)", color: "var(--series-calibrated)" },
};

/** Swatches for the given series; `withPrevious` adds the dashed line that marks the previous version. */
export function SeriesLegend({ keys, withPrevious = false, marker = "line" }: { keys: readonly SeriesKey[]; withPrevious?: boolean; marker?: "line" | "dot" }) {
  return (
    <ul className="series-legend" aria-label="Legend">
      {keys.map((key) => (
        <li key={key}>
          <svg width="18" height="10" aria-hidden="true">
            {marker === "dot" ? <circle cx="9" cy="5" r="4" fill={SERIES[key].color} /> : <line x1="0" x2="18" y1="5" y2="5" stroke={SERIES[key].color} strokeWidth="2.5" />}
          </svg>
          {SERIES[key].label}
        </li>
      ))}
      {withPrevious ? (
        <li>
          <svg width="18" height="10" aria-hidden="true">
            <line x1="0" x2="18" y1="5" y2="5" stroke="var(--muted)" strokeWidth="1.5" strokeDasharray="4 3" />
          </svg>
          previous version (dashed)
        </li>
      ) : null}
    </ul>
  );
}
