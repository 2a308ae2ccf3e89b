import { scaleLinear } from "d3";
import type { LogFrequencyHistogram } from "@/lib/core/log-frequency-histogram";

const WIDTH = 520;
const HEIGHT = 130;
const MARGIN = { top: 8, right: 12, bottom: 34, left: 44 };

/** 10^e as the table writes frequencies: a percentage. */
function percentLabel(exponent: number): string {
  const percent = 10 ** exponent * 100;
  return `${percent >= 1 ? percent.toFixed(0) : percent.toPrecision(1)}%`;
}

/**
 * How many latents fire how often: a histogram over log10 firing frequency, rendered on the server with d3 scales
 * (no script), so the list page stays light. Dead latents have no logarithm and are counted in the caption.
 */
export function FrequencyDensity({ histogram }: { histogram: LogFrequencyHistogram }) {
  const { log10Edges: edges, counts } = histogram;
  if (counts.length === 0) return null;
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleLinear().domain([edges[0], edges[edges.length - 1]]).range([0, innerWidth]);
  const y = scaleLinear().domain([0, Math.max(...counts)]).nice(3).range([innerHeight, 0]);
  const decades = Array.from({ length: Math.round(edges[edges.length - 1] - edges[0]) + 1 }, (_, i) => edges[0] + i);
  return (
    <figure style={{ margin: "0.5rem 0", maxWidth: WIDTH }} data-testid="frequency-density">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label="Histogram of latents by firing frequency (log scale)">
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {counts.map((count, i) => (
            <rect
              key={edges[i]}
              data-testid="density-bar"
              data-count={count}
              x={x(edges[i]) + 0.5}
              width={Math.max(0, x(edges[i + 1]) - x(edges[i]) - 1)}
              y={y(count)}
              height={innerHeight - y(count)}
              fill="var(--series-true)"
            >
              <title>{`${count.toLocaleString("en-US")} latents firing on ${percentLabel(edges[i])}–${percentLabel(edges[i + 1])} of tokens`}</title>
            </rect>
          ))}
          <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} stroke="var(--muted)" />
          {decades.map((d) => (
            <g key={d} transform={`translate(${x(d)},${innerHeight})`}>
              <line y2={4} stroke="var(--muted)" />
              <text y={15} textAnchor="middle" fontSize={10} fill="currentColor">
                {percentLabel(d)}
              </text>
            </g>
          ))}
          {y.ticks(3).map((t) => (
            <text key={t} x={-6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={10} fill="currentColor">
              {t}
            </text>
          ))}
        </g>
        <text x={MARGIN.left + innerWidth / 2} y={HEIGHT - 3} textAnchor="middle" fontSize={11} fill="currentColor">
          firing frequency (fraction of tokens, log scale)
        </text>
        <text transform={`translate(11,${MARGIN.top + innerHeight / 2}) rotate(-90)`} textAnchor="middle" fontSize={11} fill="currentColor">
          latents
        </text>
      </svg>
      <figcaption className="muted" style={{ fontSize: 13 }} data-testid="frequency-density-caption">
        {histogram.liveCount.toLocaleString("en-US")} latents fire at least once; {histogram.deadCount.toLocaleString("en-US")} are dead (never fire on the cached
        tokens).
      </figcaption>
    </figure>
  );
}
