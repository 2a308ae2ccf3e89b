"use client";

import { axisBottom, axisLeft, line, scaleLinear, scaleSqrt, select } from "d3";
import { useEffect, useRef } from "react";
import { nonDegenerateDomain } from "@/lib/core/value-domain";
import { quantileMapLine, type QuantileMapData } from "@/lib/explore/quantile-map-data";
import { drawAxisTitles, legibleAxis } from "./band-chart-axes";
import { useFittedWidth } from "./use-fitted-width";
import { SERIES, SeriesLegend } from "./series-legend";

export interface QuantileMapChartProps {
  map: QuantileMapData;
  /** The previous version's map (dashed), for comparison. */
  previous?: QuantileMapData | null;
  /** The top of the simulator's scale (Appendix A: 9). */
  maxRawPrediction?: number;
  width?: number;
  height?: number;
  testId?: string;
}

const MARGIN = { top: 10, right: 16, bottom: 44, left: 56 };

/** The y-axis top when calibration sends every prediction to 0 (latent units). */
const FALLBACK_Y = 1;

function yDomainOf(map: QuantileMapData, previous: QuantileMapData | null | undefined) {
  const ys = [map, previous].flatMap((m) => (m ? [...m.knots.map((k) => k.calibratedActivation), ...m.observed.map((o) => o.calibratedActivation)] : []));
  return nonDegenerateDomain(ys, FALLBACK_Y);
}

/**
 * §2.1's quantile normalizer of one latent: raw simulator prediction → calibrated activation, through the fitted
 * knots (dots), with each raw prediction seen on the simulated contexts (circles, area ∝ contexts).
 */
export function QuantileMapChart({ map, previous, maxRawPrediction = 9, width: maxWidth = 560, height = 260, testId = "quantile-map-chart" }: QuantileMapChartProps) {
  const ref = useRef<SVGSVGElement>(null);
  const width = useFittedWidth(ref, maxWidth);
  // Redrawn when the data changes, not when a parent hands over an equal copy.
  const key = JSON.stringify([map, previous ?? null]);
  const yDomain = yDomainOf(map, previous);
  useEffect(() => {
    const svg = select(ref.current);
    svg.selectAll("*").remove();
    const innerWidth = width - MARGIN.left - MARGIN.right;
    const innerHeight = height - MARGIN.top - MARGIN.bottom;
    const x = scaleLinear().domain([0, maxRawPrediction]).range([0, innerWidth]);
    const y = scaleLinear().domain([0, yDomainOf(map, previous).hi]).nice().range([innerHeight, 0]);
    const plot = svg.append("g").attr("transform", `translate(${MARGIN.left},${MARGIN.top})`);
    const path = line<[number, number]>()
      .x(([r]) => x(r))
      .y(([, a]) => y(a));
    if (previous) {
      plot.append("path").attr("d", path(quantileMapLine(previous, maxRawPrediction))).attr("fill", "none").attr("stroke", SERIES.calibrated.color).attr("stroke-width", 1.5).attr("stroke-dasharray", "5 4").attr("opacity", 0.75).attr("data-series", "previous-map");
    }
    plot.append("path").attr("d", path(quantileMapLine(map, maxRawPrediction))).attr("fill", "none").attr("stroke", SERIES.calibrated.color).attr("stroke-width", 2.5).attr("data-series", "map");
    const radius = scaleSqrt()
      .domain([0, Math.max(1, ...map.observed.map((o) => o.count))])
      .range([0, 12]);
    plot
      .selectAll("circle.observed")
      .data(map.observed)
      .join("circle")
      .attr("class", "observed")
      .attr("cx", (o) => x(o.rawPrediction))
      .attr("cy", (o) => y(o.calibratedActivation))
      .attr("r", (o) => Math.max(2.5, radius(o.count)))
      .attr("fill", SERIES.predicted.color)
      .attr("fill-opacity", 0.35)
      .attr("stroke", SERIES.predicted.color)
      .append("title")
      .text((o) => `raw ${o.rawPrediction.toPrecision(3)} → ${o.calibratedActivation.toPrecision(3)}: ${o.count} contexts`);
    plot
      .selectAll("circle.knot")
      .data(map.knots)
      .join("circle")
      .attr("class", "knot")
      .attr("data-testid", "quantile-map-knot")
      .attr("cx", (k) => x(k.rawPrediction))
      .attr("cy", (k) => y(k.calibratedActivation))
      .attr("r", 3.5)
      .attr("fill", SERIES.calibrated.color)
      .append("title")
      .text((k) => `fitted: raw ${k.rawPrediction.toPrecision(3)} → calibrated ${k.calibratedActivation.toPrecision(3)}`);
    legibleAxis(plot.append("g").attr("transform", `translate(0,${innerHeight})`).call(axisBottom(x).ticks(maxRawPrediction)));
    legibleAxis(plot.append("g").call(axisLeft(y).ticks(5)));
    drawAxisTitles(svg, { width, height, margin: MARGIN }, { x: "raw prediction (simulator, 0–9)", y: "calibrated activation (latent units)" }, 6);
  }, [key, maxRawPrediction, width, height]);
  return (
    <figure className="chart">
      <svg ref={ref} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label="Quantile map from raw prediction to calibrated activation" data-testid={testId} data-y-max={yDomain.hi} style={{ maxWidth: width }} />
      <figcaption>
        <SeriesLegend keys={["calibrated"]} withPrevious={Boolean(previous)} />
        {yDomain.degenerate ? (
          <p className="muted" data-testid="quantile-map-fixed-domain">
            Every calibrated value is 0, so the y-axis shows a fixed 0–{FALLBACK_Y} (latent units) instead of a range taken from the data.
          </p>
        ) : null}
        <p className="muted">
          Line and dots: the map and its fitted points ({map.fittedPredictionCount} uniform contexts; {(map.trueZeroFraction * 100).toFixed(1)}% of cached tokens are 0, so{" "}
          {(map.predictionZeroFraction * 100).toFixed(1)}% of fitted predictions map to 0). Circles (prediction colour): raw predictions on the simulated contexts, area ∝ count (hover for values).
        </p>
      </figcaption>
    </figure>
  );
}
