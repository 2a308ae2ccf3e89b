"use client";

import { scaleBand, scaleLinear, select } from "d3";
import { useEffect, useRef } from "react";
import type { ScoreBinQuality as ScoreBinQualityBin } from "@/lib/evaluate";
import { drawBandChartAxes } from "./band-chart-axes";
import { drawBarsWithCi, type BarWithCi } from "./bars-with-ci";

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
    const bars = shown.flatMap((bin) =>
      MEASURES.flatMap((m): BarWithCi[] => {
        const { mean, standardError } = bin[m.key];
        if (Number.isNaN(mean)) return [];
        const se = Number.isNaN(standardError) ? null : standardError;
        return [
          {
            left: (x(label(bin)) ?? 0) + (inner(m.key) ?? 0),
            width: inner.bandwidth(),
            estimate: mean,
            // ± one standard error, kept inside [0, 1] where a fraction lives.
            lower: se === null ? null : Math.max(0, mean - se),
            upper: se === null ? null : Math.min(1, mean + se),
            fill: m.color,
            title: `${m.label}, score ${label(bin)} (${bin.count} explanations): ${mean.toFixed(3)} ± ${se === null ? "—" : se.toFixed(3)}`,
          },
        ];
      }),
    );
    drawBarsWithCi(plot, bars, y, { bar: "quality-bar", errorBar: "quality-error-bar" });
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
