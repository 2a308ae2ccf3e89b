"use client";

import { prefersLogScale } from "@/lib/core/value-domain";
import { ActivationCdfChart, type CdfSeriesSet } from "../charts/activation-cdf-chart";

export interface CdfPanelsProps {
  cdfs: CdfSeriesSet;
  previous?: CdfSeriesSet;
  /** Prefix of the two charts' test ids: `<testId>` (activations) and `<testId>-raw`. */
  testId?: string;
  /** The simulator's scale, 0 to this (Appendix A: 9). */
  maxRawPrediction?: number;
}

/**
 * The CDFs compared in a common space: true vs calibrated activations on the activation axis, and the raw simulator
 * predictions on their own 0–9 axis (a digit is not an activation until the quantile normalizer maps it).
 */
export function CdfPanels({ cdfs, previous, testId = "cdf-chart", maxRawPrediction = 9 }: CdfPanelsProps) {
  const activations = [...(cdfs.true ?? []), ...(cdfs.calibrated ?? [])].map((s) => s.x);
  return (
    <div className="cdf-panels">
      <ActivationCdfChart cdfs={cdfs} previous={previous} keys={["true", "calibrated"]} defaultLogX={prefersLogScale(activations)} testId={testId} xLabel="activation (latent units)" />
      {cdfs.predicted?.length ? (
        <ActivationCdfChart
          cdfs={cdfs}
          previous={previous}
          keys={["predicted"]}
          xDomain={[0, maxRawPrediction]}
          testId={`${testId}-raw`}
          xLabel={`raw simulator prediction (0–${maxRawPrediction})`}
          height={200}
        />
      ) : null}
    </div>
  );
}
