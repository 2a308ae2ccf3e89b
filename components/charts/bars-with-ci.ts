// One way to draw a bar with its confidence (or ± standard error) interval, shared by every bar chart: the Fig. 3 CE
// bars, sensitivity / specificity by score bin and the run comparison. Geometry is a pure function; drawing appends it.
import type { Selection } from "d3";

export interface BarWithCi {
  /** Pixel left edge and width of the bar. */
  left: number;
  width: number;
  estimate: number;
  /** The interval's ends in data units; null draws no error bar (an undefined standard error). */
  lower: number | null;
  upper: number | null;
  fill: string;
  /** Lighter bars for the same colour with another meaning (e.g. random vs top-scoring selection). */
  opacity?: number;
  /** Hover text. */
  title: string;
}

export interface BarGeometry {
  rect: { x: number; y: number; width: number; height: number };
  /** Whisker from lower to upper with 4 px caps; null without an interval. */
  errorPath: string | null;
}

/** Bars grow from 0 up or down (at least 1 px, so a zero estimate stays visible); `y` maps data to pixels. */
export function barGeometry(bar: BarWithCi, y: (value: number) => number): BarGeometry {
  const top = y(Math.max(0, bar.estimate));
  const height = Math.max(1, Math.abs(y(bar.estimate) - y(0)));
  const middle = bar.left + bar.width / 2;
  const errorPath =
    bar.lower === null || bar.upper === null
      ? null
      : `M${middle},${y(bar.lower)}V${y(bar.upper)}M${middle - 2},${y(bar.lower)}H${middle + 2}M${middle - 2},${y(bar.upper)}H${middle + 2}`;
  return { rect: { x: bar.left, y: top, width: bar.width, height }, errorPath };
}

/** Appends each bar (with `testIds.bar`) and its error bar (with `testIds.errorBar`) to `group`. */
export function drawBarsWithCi(
  group: Selection<SVGGElement, unknown, null, undefined>,
  bars: readonly BarWithCi[],
  y: (value: number) => number,
  testIds: { bar: string; errorBar: string },
): void {
  for (const bar of bars) {
    const { rect, errorPath } = barGeometry(bar, y);
    group
      .append("rect")
      .attr("data-testid", testIds.bar)
      .attr("x", rect.x)
      .attr("y", rect.y)
      .attr("width", rect.width)
      .attr("height", rect.height)
      .attr("fill", bar.fill)
      .attr("opacity", bar.opacity ?? 1)
      .append("title")
      .text(bar.title);
    if (errorPath) group.append("path").attr("data-testid", testIds.errorBar).attr("d", errorPath).attr("stroke", "var(--ink)").attr("fill", "none");
  }
}
