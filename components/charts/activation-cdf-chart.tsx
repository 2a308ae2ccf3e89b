"use client";

import { axisBottom, axisLeft, curveStepAfter, line, pointer, scaleLinear, scaleLog, select } from "d3";
import { useEffect, useId, useRef, useState } from "react";
import { cdfAt, cdfSignature, cdfStepLine, positiveCdf, type CdfStep } from "@/lib/explore/activation-cdf";
import { drawAxisTitles, legibleAxis } from "./band-chart-axes";
import { useFittedWidth } from "./use-fitted-width";
import { SERIES, SeriesLegend, type SeriesKey } from "./series-legend";

export type CdfSeriesSet = Partial<Record<SeriesKey, CdfStep[]>>;

export interface ActivationCdfChartProps {
  /** This version's CDFs (solid); only `keys` of them are drawn. */
  cdfs: CdfSeriesSet;
  /** The series sharing this panel's x axis (activations and raw 0–9 predictions live on different axes). */
  keys?: readonly SeriesKey[];
  /** A fixed x domain (the simulator's 0–9 scale); otherwise the data's range. */
  xDomain?: [number, number];
  /** Start with a log x axis (the reader can switch). */
  defaultLogX?: boolean;
  /** The previous version's CDFs (dashed), for side-by-side comparison. */
  previous?: CdfSeriesSet;
  xLabel?: string;
  width?: number;
  height?: number;
  testId?: string;
}

const MARGIN = { top: 10, right: 16, bottom: 44, left: 56 };
const ORDER: SeriesKey[] = ["true", "predicted", "calibrated"];

interface Drawn {
  key: SeriesKey;
  steps: CdfStep[];
  previous: boolean;
}

/**
 * Fig. 1 per latent: empirical CDFs on the same contexts, one panel per axis: true and calibrated activations share
 * the activation axis; raw predictions (0–9) get their own. Log x draws only x > 0; each curve starts at its mass at 0.
 */
export function ActivationCdfChart({
  cdfs,
  previous,
  keys = ORDER,
  xDomain,
  defaultLogX = false,
  xLabel = "activation (latent units)",
  width: maxWidth = 560,
  height = 260,
  testId = "cdf-chart",
}: ActivationCdfChartProps) {
  const ref = useRef<SVGSVGElement>(null);
  const width = useFittedWidth(ref, maxWidth);
  const [logX, setLogX] = useState(defaultLogX);
  const [hover, setHover] = useState<{ x: number; rows: { key: SeriesKey; previous: boolean; p: number }[] } | null>(null);
  const toggleId = useId();
  const drawn: Drawn[] = [
    ...keys.flatMap((key) => (previous?.[key]?.length ? [{ key, steps: previous[key] as CdfStep[], previous: true }] : [])),
    ...keys.flatMap((key) => (cdfs[key]?.length ? [{ key, steps: cdfs[key] as CdfStep[], previous: false }] : [])),
  ];
  const positive = drawn.flatMap((d) => d.steps.filter((s) => s.x > 0).map((s) => s.x));
  const useLog = logX && positive.length > 0;
  // `drawn` is rebuilt on every render; the chart is redrawn only when what it draws changes.
  const drawnKey = drawn.map((d) => `${d.previous ? "previous-" : ""}${d.key}=${cdfSignature(d.steps)}`).join("|");

  useEffect(() => {
    const svg = select(ref.current);
    svg.selectAll("*").remove();
    if (drawn.length === 0) return;
    const innerWidth = width - MARGIN.left - MARGIN.right;
    const innerHeight = height - MARGIN.top - MARGIN.bottom;
    const all = drawn.flatMap((d) => d.steps.map((s) => s.x));
    const hiRaw = xDomain ? xDomain[1] : Math.max(...all);
    const lo = useLog ? Math.min(...positive) / 1.5 : xDomain ? xDomain[0] : Math.min(0, ...all);
    const hi = hiRaw > lo ? hiRaw * (useLog ? 1.5 : xDomain ? 1 : 1.03) : lo + 1;
    const x = useLog ? scaleLog().domain([lo, hi]).range([0, innerWidth]) : scaleLinear().domain([lo, hi]).range([0, innerWidth]);
    const y = scaleLinear().domain([0, 1]).range([innerHeight, 0]);
    const plot = svg.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);
    const path = line<[number, number]>()
      .x(([v]) => x(v))
      .y(([, p]) => y(p))
      .curve(curveStepAfter);
    for (const d of drawn) {
      const { startP, steps } = useLog ? positiveCdf(d.steps) : { startP: 0, steps: d.steps };
      plot
        .append("path")
        .attr("d", path(cdfStepLine(steps, lo, hi, startP)))
        .attr("fill", "none")
        .attr("stroke", SERIES[d.key].color)
        .attr("stroke-width", d.previous ? 1.5 : 2.5)
        .attr("stroke-dasharray", d.previous ? "5 4" : null)
        .attr("opacity", d.previous ? 0.75 : 1)
        .attr("data-series", d.previous ? `previous-${d.key}` : d.key)
        .attr("data-signature", cdfSignature(d.steps));
    }
    legibleAxis(plot.append("g").attr("transform", `translate(0,${innerHeight})`).call(useLog ? axisBottom(x).ticks(5, "~g") : axisBottom(x).ticks(6)));
    legibleAxis(plot.append("g").call(axisLeft(y).ticks(5)));
    drawAxisTitles(svg, { width, height, margin: MARGIN }, { x: useLog ? `${xLabel}, log scale` : xLabel, y: "fraction of contexts ≤ x" }, 6);
    const rule = plot.append("line").attr("y1", 0).attr("y2", innerHeight).attr("stroke", "var(--muted)").attr("visibility", "hidden");
    plot
      .append("rect")
      .attr("width", innerWidth)
      .attr("height", innerHeight)
      .attr("fill", "transparent")
      .on("mousemove", (event: MouseEvent) => {
        const [px] = pointer(event);
        const value = x.invert(px);
        rule.attr("x1", px).attr("x2", px).attr("visibility", "visible");
        setHover({ x: value, rows: drawn.map((d) => ({ key: d.key, previous: d.previous, p: cdfAt(d.steps, value) })) });
      })
      .on("mouseleave", () => {
        rule.attr("visibility", "hidden");
        setHover(null);
      });
  }, [drawnKey, useLog, xLabel, width, height, xDomain?.[0], xDomain?.[1]]);

  return (
    <figure className="chart" data-predicted={cdfSignature(cdfs.predicted ?? [])}>
      <div className="chart-tools">
        <label htmlFor={toggleId}>
          <input id={toggleId} type="checkbox" checked={logX} onChange={(e) => setLogX(e.target.checked)} data-testid={`${testId}-log-x`} /> log x
        </label>
      </div>
      <svg ref={ref} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`Cumulative distributions: ${keys.map((k) => SERIES[k].label).join(", ")}`} data-testid={testId} style={{ maxWidth: width }} />
      <figcaption>
        <SeriesLegend keys={keys.filter((k) => cdfs[k]?.length)} withPrevious={drawn.some((d) => d.previous)} />
        <p className="muted chart-readout" aria-live="polite" data-testid={`${testId}-hover`}>
          {hover
            ? `x = ${hover.x.toPrecision(3)}: ${hover.rows.map((r) => `${r.previous ? "previous " : ""}${SERIES[r.key].label} ${(r.p * 100).toFixed(1)}%`).join(" · ")}`
            : "Hover the chart for the fraction of contexts at or below a value."}
        </p>
      </figcaption>
    </figure>
  );
}
