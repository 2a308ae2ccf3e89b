"use client";

import { axisBottom, axisLeft, max as d3Max, scaleLinear, select } from "d3";
import { useEffect, useRef } from "react";
import { drawAxisTitles } from "./band-chart-axes";

export interface ActivationHistogramProps {
  /** bins + 1 ascending edges. */
  edges: number[];
  counts: number[];
  /** What the x values are, with their unit. */
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 16, bottom: 44, left: 60 };

/** Histogram of a latent's non-zero activations (bars in the "true activation" colour). */
export function ActivationHistogram({
  edges,
  counts,
  xLabel = "activation (latent units, non-zero only)",
  yLabel = "tokens (count)",
  width = 560,
  height = 240,
}: ActivationHistogramProps) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const svg = select(ref.current);
    svg.selectAll("*").remove();
    if (counts.length === 0 || edges.length !== counts.length + 1) return;
    const innerWidth = width - MARGIN.left - MARGIN.right;
    const innerHeight = height - MARGIN.top - MARGIN.bottom;
    const lo = edges[0];
    const hi = edges[edges.length - 1] > lo ? edges[edges.length - 1] : lo + 1;
    const x = scaleLinear().domain([lo, hi]).range([0, innerWidth]);
    const y = scaleLinear()
      .domain([0, d3Max(counts) ?? 1])
      .nice()
      .range([innerHeight, 0]);
    const plot = svg.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);
    plot
      .selectAll("rect")
      .data(counts)
      .join("rect")
      .attr("x", (_, i) => x(edges[i]))
      .attr("width", (_, i) => Math.max(1, x(edges[i + 1] > edges[i] ? edges[i + 1] : hi) - x(edges[i]) - 1))
      .attr("y", (c) => y(c))
      .attr("height", (c) => innerHeight - y(c))
      .attr("fill", "var(--series-true)")
      .append("title")
      .text((c, i) => `[${edges[i].toPrecision(3)}, ${edges[i + 1].toPrecision(3)}): ${c} tokens`);
    plot.append("g").attr("transform", `translate(0,${innerHeight})`).call(axisBottom(x).ticks(6));
    plot.append("g").call(axisLeft(y).ticks(5));
    drawAxisTitles(svg, { width, height, margin: MARGIN }, { x: xLabel, y: yLabel }, 6);
  }, [edges, counts, xLabel, yLabel, width, height]);
  return (
    <svg
      ref={ref}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={`Histogram: ${yLabel} by ${xLabel}`}
      data-testid="activation-histogram"
      style={{ maxWidth: width }}
    />
  );
}
