// Read-only view of one explanation version's simulation, or of two side by side (previous vs this): the CDF
// chart, the quantile map and the metrics table. Props only, no fetching, so a shared snapshot renders the same.
import type { ExplorerVersion, SimulatorInfo } from "@/lib/explore/explorer-data";
import { calibrationErasure, type QuantileMapData } from "@/lib/explore/quantile-map-data";
import { QuantileMapChart } from "./charts/quantile-map-chart";
import { ExplorerMetricsTable } from "./explorer-metrics-table";
import { CdfPanels } from "./latent/cdf-panels";
import { versionLabel, type VersionNumbers } from "./latent/version-label";

export interface LatentExplorerViewProps {
  version: ExplorerVersion;
  /** The version it is compared with (drawn dashed, a column of its own in the table). */
  previous?: ExplorerVersion | null;
  /** The simulator new simulations use, named when this version has none yet. */
  simulator?: SimulatorInfo;
  /** Per-latent version numbers for labels (v1, v2, …). */
  versionNumbers?: VersionNumbers;
  /** The page shows the current scores with the explanation (the table then leaves them out unless comparing). */
  scoresShownElsewhere?: boolean;
}

export function LatentExplorerView({ version, previous, simulator, versionNumbers, scoresShownElsewhere }: LatentExplorerViewProps) {
  const simulation = version.simulation;
  const before = previous?.simulation ?? null;
  return (
    <div className="explorer-view" data-testid="explorer-view" data-version={version.id}>
      <ExplorerMetricsTable version={version} previous={previous ?? null} versionNumbers={versionNumbers} scoresShownElsewhere={scoresShownElsewhere} />
      {simulation ? (
        <div className="explorer-charts">
          <section>
            <h3>Cumulative distributions</h3>
            <p className="muted">
              Over {simulation.contextCount} contexts of the cache: {simulation.activeContextCount} where the latent is active (across its quantiles) and {simulation.uniformContextCount} drawn
              uniformly{simulation.failedCount ? `; ${simulation.failedCount} failed simulations left out of the predictions` : ""}.
            </p>
            <CdfPanels cdfs={simulation.cdfs} previous={before ? { predicted: before.cdfs.predicted, calibrated: before.cdfs.calibrated } : undefined} />
          </section>
          <section>
            <h3>Quantile map</h3>
            {simulation.quantileMap ? (
              <>
                <CalibrationErasureWarning map={simulation.quantileMap} />
                <QuantileMapChart map={simulation.quantileMap} previous={before?.quantileMap ?? null} />
                <p className="muted">Tied raw predictions: {simulation.quantileMap.tieRule ?? "mid-rank (stored before tie rules were recorded)"}.</p>
              </>
            ) : (
              <p className="muted">No map: every simulation on the uniform contexts failed.</p>
            )}
          </section>
        </div>
      ) : (
        <p className="muted" data-testid="explorer-not-simulated">
          {versionLabel(version.id, versionNumbers, "This version")} has not been simulated{simulator ? ` by the ${simulator.label}` : ""} yet.
        </p>
      )}
    </div>
  );
}

/** Says so when calibration sends every prediction of this firing latent to 0 (maps stored earlier are checked here). */
function CalibrationErasureWarning({ map }: { map: QuantileMapData }) {
  const erasure =
    map.erasure !== undefined
      ? map.erasure
      : calibrationErasure({ predictionZeroFraction: map.predictionZeroFraction, trueZeroFraction: map.trueZeroFraction, predictionCount: map.fittedPredictionCount, tieRule: map.tieRule });
  if (!erasure) return null;
  return (
    <p className="warning" role="note" data-testid="calibration-erasure-warning">
      {erasure}
    </p>
  );
}
