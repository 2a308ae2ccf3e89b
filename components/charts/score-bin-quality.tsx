"use client";

import { scaleBand, scaleLinear, select } from "d3";
import { useEffect, useRef } from "react";
import type { ScoreBinQuality as ScoreBinQualityBin } from "@/lib/evaluate/run-page-data";
import { drawBandChartAxes } from "./band-chart-axes";

export interface ScoreBinQualityProps {
  bins: ScoreBinQualityBin[];
  /** e.g. "detection score (balanced accuracy)". */
  xLabel: string;
  width?: number;
  height?: number;
  testId?: string;
}

const MARGIN = { top: 12, right: 16, bottom: 48, left: 56 };
const MEASURES = [
  { key: "sensitivity", label: "sensitivity", color: "var(--accent)" },
  { key: "specificity", label: "specificity", color: "var(--muted)" },
] as const;

/** Fig. 4 / A4: mean sensitivity and specificity of the explanations in each score bin, ± one standard error. */
export function ScoreBinQuality({ bins, xLabel, width = 560, height = 260, testId = "score-bin-quality" }: ScoreBinQualityProps) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const svg = select(ref.current);
    svg.selectAll("*").remove();
    const shown = bins.filter((b) => b.count > 0);
    if (shown.length === 0) return;
    const innerWidth = width - MARGIN.left - MARGIN.right;
    const innerHeight = height - MARGIN.top - MARGIN.bottom;
    const label = (b: ScoreBinQualityBin) => `${b.lower.toFixed(2)}–${b.upper.toFixed(2)}`;
    const x = scaleBand<string>().domain(shown.map(label)).range([0, innerWidth]).padding(0.2);
    const inner = scaleBand<string>()
      .domain(MEASURES.map((m) => m.key))
      .range([0, x.bandwidth()])
      .padding(0.1);
    const y = scaleLinear().domain([0, 1]).range([innerHeight, 0]);
    const plot = svg.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);
    for (const bin of shown) {
      for (const m of MEASURES) {
        const { mean, standardError } = bin[m.key];
        if (Number.isNaN(mean)) continue;
        const left = (x(label(bin)) ?? 0) + (inner(m.key) ?? 0);
        const middle = left + inner.bandwidth() / 2;
        plot
          .append("rect")
          .attr("data-testid", "quality-bar")
          .attr("x", left)
          .attr("width", inner.bandwidth())
          .attr("y", y(mean))
          .attr("height", innerHeight - y(mean))
          .attr("fill", m.color)
          .append("title")
          .text(`${m.label}, score ${label(bin)} (${bin.count} explanations): ${mean.toFixed(3)} ± ${Number.isNaN(standardError) ? "—" : standardError.toFixed(3)}`);
        if (!Number.isNaN(standardError)) {
          const lo = y(Math.max(0, mean - standardError));
          const hi = y(Math.min(1, mean + standardError));
          plot.append("path").attr("d", `M${middle},${lo}V${hi}`).attr("stroke", "var(--ink)");
        }
      }
    }
    drawBandChartAxes(svg, plot, { width, height, margin: MARGIN }, { x, y, yTicks: 5 }, { x: xLabel, y: "mean over explanations (fraction)" });
  }, [bins, xLabel, width, height]);
  return (
    <figure style={{ margin: 0 }}>
      <svg ref={ref} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`Sensitivity and specificity by ${xLabel}`} data-testid={testId} style={{ maxWidth: width }} />
      <figcaption style={{ display: "flex", gap: "1.2rem", fontSize: 13 }}>
        {MEASURES.map((m) => (
          <span key={m.key}>
            <svg width="12" height="12" aria-hidden="true" style={{ verticalAlign: "middle", marginRight: 4 }}>
              <rect width="12" height="12" fill={m.color} />
            </svg>
            {m.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
