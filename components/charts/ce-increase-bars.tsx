"use client";

import { scaleBand, scaleLinear, select } from "d3";
import { useEffect, useRef } from "react";
import type { Figure3Cell } from "@/lib/evaluate";
import { drawBandChartAxes } from "./band-chart-axes";
import { drawBarsWithCi, type BarWithCi } from "./bars-with-ci";

/** An estimate with its confidence interval, in nats. */
export type CeIncreaseCell = Figure3Cell;

export interface CeIncreaseSeries {
  id: string;
  label: string;
  /** A CSS colour, e.g. var(--series-calibrated). */
  color: string;
  /** Lighter bars for the same colour with another selection (random vs top-scoring). */
  faded?: boolean;
  /** One cell per fraction, null where the run did not compute it. */
  cells: (CeIncreaseCell | null)[];
}

export interface CeIncreaseBarsProps {
  fractions: number[];
  series: CeIncreaseSeries[];
  /** A constant baseline drawn as a dashed line with its CI as a band (zero ablation). */
  reference?: { label: string; cell: CeIncreaseCell };
  yLabel: string;
  xLabel?: string;
  width?: number;
  height?: number;
  /** Test ids: `${testIdPrefix}-bars` on the chart, `${testIdPrefix}-legend` on its legend. */
  testIdPrefix?: string;
}

const MARGIN = { top: 12, right: 16, bottom: 48, left: 64 };

/** Fig. 3: CE increase per fraction rewritten, one bar per way of rewriting, with CI error bars. */
export function CeIncreaseBars({
  fractions,
  series,
  reference,
  yLabel,
  xLabel = "fraction of latents rewritten",
  width = 1000,
  height = 340,
  testIdPrefix = "ce-increase",
}: CeIncreaseBarsProps) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const svg = select(ref.current);
    svg.selectAll("*").remove();
    if (fractions.length === 0 || series.length === 0) return;
    const innerWidth = width - MARGIN.left - MARGIN.right;
    const innerHeight = height - MARGIN.top - MARGIN.bottom;
    const cells = series.flatMap((s) => s.cells.filter((c): c is CeIncreaseCell => c !== null));
    const all = [...cells, ...(reference ? [reference.cell] : [])];
    const lo = Math.min(0, ...all.map((c) => c.lower));
    const hi = Math.max(0, ...all.map((c) => c.upper));
    const x = scaleBand<string>()
      .domain(fractions.map(String))
      .range([0, innerWidth])
      .paddingInner(0.2)
      .paddingOuter(0.1);
    const inner = scaleBand<string>()
      .domain(series.map((s) => s.id))
      .range([0, x.bandwidth()])
      .padding(0.08);
    const y = scaleLinear()
      .domain([lo, hi > lo ? hi : lo + 1])
      .nice()
      .range([innerHeight, 0]);
    const plot = svg.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);

    if (reference) {
      plot
        .append("rect")
        .attr("x", 0)
        .attr("width", innerWidth)
        .attr("y", y(reference.cell.upper))
        .attr("height", Math.max(1, y(reference.cell.lower) - y(reference.cell.upper)))
        .attr("fill", "var(--ink)")
        .attr("opacity", 0.08);
      plot
        .append("line")
        .attr("data-testid", "reference-line")
        .attr("x1", 0)
        .attr("x2", innerWidth)
        .attr("y1", y(reference.cell.estimate))
        .attr("y2", y(reference.cell.estimate))
        .attr("stroke", "var(--ink)")
        .attr("stroke-dasharray", "6 4")
        .append("title")
        .text(`${reference.label}: ${reference.cell.estimate.toFixed(4)} [${reference.cell.lower.toFixed(4)}, ${reference.cell.upper.toFixed(4)}] nats`);
    }

    for (const s of series) {
      const bars = s.cells.flatMap((cell, i): BarWithCi[] =>
        cell
          ? [
              {
                left: (x(String(fractions[i])) ?? 0) + (inner(s.id) ?? 0),
                width: inner.bandwidth(),
                estimate: cell.estimate,
                lower: cell.lower,
                upper: cell.upper,
                fill: s.color,
                opacity: s.faded ? 0.5 : 1,
                title: `${s.label}, fraction ${fractions[i]}: ${cell.estimate.toFixed(4)} [${cell.lower.toFixed(4)}, ${cell.upper.toFixed(4)}] nats`,
              },
            ]
          : [],
      );
      drawBarsWithCi(plot.append("g").attr("data-series", s.id), bars, y, { bar: "ce-bar", errorBar: "ce-error-bar" });
    }
    plot
      .append("line")
      .attr("x1", 0)
      .attr("x2", innerWidth)
      .attr("y1", y(0))
      .attr("y2", y(0))
      .attr("stroke", "var(--muted)");
    drawBandChartAxes(svg, plot, { width, height, margin: MARGIN }, { x, y, yTicks: 6 }, { x: xLabel, y: yLabel });
  }, [fractions, series, reference, yLabel, xLabel, width, height]);
  return (
    <figure style={{ margin: 0 }}>
      <svg ref={ref} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`Bar chart: ${yLabel} by ${xLabel}`} data-testid={`${testIdPrefix}-bars`} />
      <figcaption style={{ display: "flex", flexWrap: "wrap", gap: "0.4rem 1.2rem", fontSize: 13 }} data-testid={`${testIdPrefix}-legend`}>
        {series.map((s) => (
          <span key={s.id}>
            <svg width="12" height="12" aria-hidden="true" style={{ verticalAlign: "middle", marginRight: 4 }}>
              <rect width="12" height="12" fill={s.color} opacity={s.faded ? 0.5 : 1} />
            </svg>
            {s.label}
          </span>
        ))}
        {reference ? (
          <span>
            <svg width="18" height="12" aria-hidden="true" style={{ verticalAlign: "middle", marginRight: 4 }}>
              <line x1="0" x2="18" y1="6" y2="6" stroke="var(--ink)" strokeDasharray="6 4" />
            </svg>
            {reference.label} (band: its CI)
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}
