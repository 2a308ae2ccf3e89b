import { axisBottom, axisLeft, type ScaleBand, type ScaleLinear, type Selection } from "d3";

export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** A grouped bar chart's axes (categories below, values left) and their labels, drawn into `svg` around `plot`. */
export function drawBandChartAxes(
  svg: Selection<SVGSVGElement | null, unknown, null, undefined>,
  plot: Selection<SVGGElement, unknown, null, undefined>,
  frame: ChartFrame,
  scales: { x: ScaleBand<string>; y: ScaleLinear<number, number>; yTicks: number },
  labels: { x: string; y: string },
): void {
  const innerHeight = frame.height - frame.margin.top - frame.margin.bottom;
  legibleAxis(plot.append("g").attr("transform", `translate(0,${innerHeight})`).call(axisBottom(scales.x)));
  legibleAxis(plot.append("g").call(axisLeft(scales.y).ticks(scales.yTicks)));
  drawAxisTitles(svg, frame, labels);
}

/** Tick labels at 12 px (d3's default is 10 px, too small to read on a phone or a projector). */
export function legibleAxis<T extends Selection<SVGGElement, unknown, null, undefined>>(axis: T): T {
  axis.attr("font-size", 12);
  return axis;
}

/** Axis titles, the same on every chart: x centred under the plot, y rotated along the left edge. */
export function drawAxisTitles(
  svg: Selection<SVGSVGElement | null, unknown, null, undefined>,
  frame: ChartFrame,
  labels: { x: string; y: string },
  xTitleBaselineFromBottom = 8,
): void {
  const { width, height, margin } = frame;
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  svg
    .append("text")
    .attr("x", margin.left + innerWidth / 2)
    .attr("y", height - xTitleBaselineFromBottom)
    .attr("text-anchor", "middle")
    .attr("font-size", 12)
    .text(labels.x);
  svg
    .append("text")
    .attr("transform", `translate(14,${margin.top + innerHeight / 2}) rotate(-90)`)
    .attr("text-anchor", "middle")
    .attr("font-size", 12)
    .text(labels.y);
}
