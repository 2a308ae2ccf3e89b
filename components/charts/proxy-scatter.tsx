"use client";

import { axisBottom, axisLeft, extent, scaleLinear, scaleSymlog, select } from "d3";
import { useEffect, useRef } from "react";
import { drawAxisTitles } from "./band-chart-axes";

export interface ProxyScatterPoint {
  latent: number;
  score: number;
  gainNats: number;
}

export interface ProxyScatterProps {
  points: readonly ProxyScatterPoint[];
  /** Latents drawn larger in a colour of their own, e.g. the lists beside the chart. */
  highlights: readonly { latents: readonly number[]; color: string; label: string }[];
  xLabel: string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 12, right: 16, bottom: 48, left: 72 };
// Oracle gains are mostly tiny with a few large ones, of either sign: a symlog axis shows both.
const SYMLOG_CONSTANT = 1e-4;

/** A proxy score (x) against the oracle gain (y, nats), one dot per latent. */
export function ProxyScatter({ points, highlights, xLabel, width = 720, height = 360 }: ProxyScatterProps) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const svg = select(ref.current);
    svg.selectAll("*").remove();
    if (points.length === 0) return;
    const innerWidth = width - MARGIN.left - MARGIN.right;
    const innerHeight = height - MARGIN.top - MARGIN.bottom;
    const [x0, x1] = extent(points, (p) => p.score) as [number, number];
    const [y0, y1] = extent(points, (p) => p.gainNats) as [number, number];
    const x = scaleLinear().domain([x0, x1 > x0 ? x1 : x0 + 1]).nice().range([0, innerWidth]);
    const y = scaleSymlog().constant(SYMLOG_CONSTANT).domain([Math.min(0, y0), Math.max(0, y1)]).range([innerHeight, 0]);
    const plot = svg.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);
    plot.append("line").attr("x1", 0).attr("x2", innerWidth).attr("y1", y(0)).attr("y2", y(0)).attr("stroke", "var(--muted)");
    const styleOf = new Map(highlights.flatMap((h) => h.latents.map((l) => [l, h] as const)));
    const ordered = [...points].sort((a, b) => Number(styleOf.has(a.latent)) - Number(styleOf.has(b.latent)));
    for (const p of ordered) {
      const style = styleOf.get(p.latent);
      plot
        .append("circle")
        .attr("data-testid", style ? "proxy-point-highlighted" : "proxy-point")
        .attr("cx", x(p.score))
        .attr("cy", y(p.gainNats))
        .attr("r", style ? 3.5 : 1.8)
        .attr("fill", style ? style.color : "var(--ink)")
        .attr("opacity", style ? 0.9 : 0.3)
        .append("title")
        .text(`latent ${p.latent}: ${xLabel} ${p.score.toFixed(3)}, oracle gain ${p.gainNats.toFixed(5)} nats${style ? ` (${style.label})` : ""}`);
    }
    plot.append("g").attr("transform", `translate(0,${innerHeight})`).call(axisBottom(x).ticks(8));
    plot.append("g").call(axisLeft(y).ticks(6).tickFormat((v) => Number(v).toPrecision(2)));
    drawAxisTitles(svg, { width, height, margin: MARGIN }, { x: xLabel, y: "oracle gain (nats, symlog)" });
  }, [points, highlights, xLabel, width, height]);
  return (
    <figure style={{ margin: 0 }}>
      <svg ref={ref} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`Scatter: ${xLabel} against oracle gain`} data-testid="proxy-scatter" />
      <figcaption style={{ display: "flex", flexWrap: "wrap", gap: "0.4rem 1.2rem", fontSize: 13 }}>
        {highlights.map((h) => (
          <span key={h.label}>
            <svg width="10" height="10" aria-hidden="true" style={{ verticalAlign: "middle", marginRight: 4 }}>
              <circle cx="5" cy="5" r="4" fill={h.color} />
            </svg>
            {h.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
