"use client";

import { axisBottom, axisLeft, curveStepAfter, line, max as d3Max, scaleLinear, scaleLog, select } from "d3";
import { useEffect, useId, useRef, useState } from "react";
import { drawAxisTitles, legibleAxis } from "./band-chart-axes";
import { useFittedWidth } from "./use-fitted-width";
import { SERIES, type SeriesKey } from "./series-legend";

export interface HistogramOverlay {
  key: SeriesKey;
  /** Share per bin of the same edges (sums to 1). */
  shares: number[];
  label: string;
  dashed?: boolean;
}

export interface ActivationHistogramProps {
  /** bins + 1 ascending edges. */
  edges: number[];
  counts: number[];
  /** Distributions drawn over the bars as step lines, scaled to the bars' total (as many non-zero values as the cache has). */
  overlays?: HistogramOverlay[];
  /** What the x values are, with their unit. */
  xLabel?: string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 16, bottom: 44, left: 64 };

/**
 * Histogram of a latent's non-zero activations (bars in the "true activation" colour), optionally log y, with other
 * distributions of non-zero values over the same bins drawn as lines.
 */
export function ActivationHistogram({ edges, counts, overlays = [], xLabel = "activation (latent units, non-zero only)", width: maxWidth = 560, height = 240 }: ActivationHistogramProps) {
  const ref = useRef<SVGSVGElement>(null);
  const width = useFittedWidth(ref, maxWidth);
  const [logY, setLogY] = useState(false);
  const toggleId = useId();
  const yLabel = "tokens (count)";
  const key = JSON.stringify([edges, counts, overlays]);
  useEffect(() => {
    const svg = select(ref.current);
    svg.selectAll("*").remove();
    if (counts.length === 0 || edges.length !== counts.length + 1) return;
    const bars = counts;
    const total = counts.reduce((a, b) => a + b, 0);
    const scaled = overlays.map((o) => ({ ...o, values: o.shares.map((share) => share * total) }));
    const innerWidth = width - MARGIN.left - MARGIN.right;
    const innerHeight = height - MARGIN.top - MARGIN.bottom;
    const lo = edges[0];
    const hi = edges[edges.length - 1] > lo ? edges[edges.length - 1] : lo + 1;
    const x = scaleLinear().domain([lo, hi]).range([0, innerWidth]);
    const all = [...bars, ...scaled.flatMap((o) => o.values)];
    const top = d3Max(all) ?? 1;
    const positive = all.filter((v) => v > 0);
    // Log y starts a decade below the smallest non-zero bar; empty bins are left out rather than drawn at -∞.
    const y = logY && positive.length > 0 ? scaleLog().domain([Math.min(...positive) / 2, top * 1.2]).range([innerHeight, 0]) : scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([innerHeight, 0]);
    const floor = innerHeight;
    const plot = svg.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);
    plot
      .selectAll("rect")
      .data(bars)
      .join("rect")
      .attr("x", (_, i) => x(edges[i]))
      .attr("width", (_, i) => Math.max(1, x(edges[i + 1] > edges[i] ? edges[i + 1] : hi) - x(edges[i]) - 1))
      .attr("y", (c) => (c > 0 ? y(c) : floor))
      .attr("height", (c) => (c > 0 ? floor - y(c) : 0))
      .attr("fill", SERIES.true.color)
      .attr("fill-opacity", overlays.length > 0 ? 0.55 : 1)
      .append("title")
      .text((c, i) => `[${edges[i].toPrecision(3)}, ${edges[i + 1].toPrecision(3)}): ${c} tokens`);
    const path = line<[number, number]>()
      .x(([v]) => x(v))
      .y(([, s]) => (s > 0 ? y(s) : floor))
      .curve(curveStepAfter);
    for (const overlay of scaled) {
      const points: [number, number][] = [...overlay.values.map((v, i): [number, number] => [edges[i], v]), [hi, overlay.values.at(-1) ?? 0]];
      plot
        .append("path")
        .attr("d", path(points))
        .attr("fill", "none")
        .attr("stroke", SERIES[overlay.key].color)
        .attr("stroke-width", 2.5)
        .attr("stroke-dasharray", overlay.dashed ? "5 4" : null)
        .attr("data-series", `overlay-${overlay.key}`);
    }
    legibleAxis(plot.append("g").attr("transform", `translate(0,${innerHeight})`).call(axisBottom(x).ticks(6)));
    legibleAxis(plot.append("g").call(logY ? axisLeft(y).ticks(4, "~g") : axisLeft(y).ticks(5, "~s")));
    drawAxisTitles(svg, { width, height, margin: MARGIN }, { x: xLabel, y: logY ? `${yLabel}, log scale` : yLabel }, 6);
  }, [key, logY, xLabel, width, height]);
  return (
    <figure className="chart">
      <div className="chart-tools">
        <label htmlFor={toggleId}>
          <input id={toggleId} type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} data-testid="activation-histogram-log-y" /> log y
        </label>
      </div>
      <svg ref={ref} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`Histogram: ${yLabel} by ${xLabel}`} data-testid="activation-histogram" data-log-y={logY} style={{ maxWidth: width }} />
      {overlays.length > 0 ? (
        <figcaption>
          <ul className="series-legend" aria-label="Legend">
            <li>
              <svg width="18" height="10" aria-hidden="true">
                <rect width="18" height="10" fill={SERIES.true.color} fillOpacity={0.55} />
              </svg>
              true activations, every cached token (the lines are scaled to the same number of non-zero values)
            </li>
            {overlays.map((o) => (
              <li key={o.key}>
                <svg width="18" height="10" aria-hidden="true">
                  <line x1="0" x2="18" y1="5" y2="5" stroke={SERIES[o.key].color} strokeWidth="2.5" strokeDasharray={o.dashed ? "4 3" : undefined} />
                </svg>
                {o.label}
              </li>
            ))}
          </ul>
        </figcaption>
      ) : null}
    </figure>
  );
}
