import { ScoreBinQuality } from "@/components/charts/score-bin-quality";
import type { CalibrationQualityView, RunPageData } from "@/lib/evaluate";

const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(100 * x).toFixed(1)}%`);

/** Fig. 4 / A4: sensitivity and specificity by score bin, before TopK (raw and calibrated, §3.1), then after TopK. */
export function RunExplanationQuality({ data, calibrated }: { data: RunPageData; calibrated: CalibrationQualityView }) {
  const pre = data.preTopKQuality ?? null;
  const erasure = data.extras?.calibrationErasure;
  return (
    <section className="panel" data-testid="explanation-quality">
      <h2>Sensitivity and specificity of the explanations (§3.1, Fig. 4 / A4)</h2>
      {pre ? (
        <>
          <p data-testid="pre-topk-quality">
            Per latent, predicted active vs truly active (in the transcoder&apos;s TopK) on the {pre.contextCount} simulated contexts, before
            TopK: raw predictions (&gt; {pre.rawActiveAbove}) have mean sensitivity {pct(pre.raw.meanSensitivity)} and specificity{" "}
            {pct(pre.raw.meanSpecificity)} (the paper reports about 80% specificity for raw predictions); calibrated, sensitivity{" "}
            {pct(pre.calibrated.meanSensitivity)} and specificity {pct(pre.calibrated.meanSpecificity)}.
          </p>
          <h3>Raw predictions, by detection score</h3>
          <ScoreBinQuality bins={pre.raw.byDetectionScore} xLabel="detection score (balanced accuracy)" testId="quality-by-detection" />
          <h3>Calibrated predictions, by detection score</h3>
          <ScoreBinQuality bins={pre.calibrated.byDetectionScore} xLabel="detection score (balanced accuracy)" testId="calibrated-quality-by-detection" />
          <h3>Raw predictions, by fuzzing score (Fig. A4)</h3>
          <ScoreBinQuality bins={pre.raw.byFuzzingScore} xLabel="fuzzing score (balanced accuracy)" testId="quality-by-fuzzing" />
        </>
      ) : (
        <p className="muted">This run was stored before sensitivity and specificity were measured before TopK; only the post-TopK figures below exist.</p>
      )}
      {erasure ? (
        <p data-testid="calibration-erasure">
          Calibration ({erasure.tieRule} for tied predictions) sends every prediction of {erasure.allZeroLatentCount} of {erasure.liveLatentCount} live
          simulated latents to 0 ({pct(erasure.allZeroLatentCount / Math.max(1, erasure.liveLatentCount))})
          {erasure.tieRule === "mid-rank" ? "" : `; mid-rank ties would erase ${erasure.allZeroLatentCountMidRank}`}.
        </p>
      ) : null}
      <h3>Extra: after the rewrite&apos;s TopK({data.k}), calibrated, on the evaluation prompts</h3>
      <p>
        Mean sensitivity {pct(calibrated.meanSensitivity)}, mean specificity {pct(calibrated.meanSpecificity)}.
      </p>
      <ScoreBinQuality bins={calibrated.byDetectionScore} xLabel="detection score (balanced accuracy)" testId="post-topk-quality-by-detection" />
    </section>
  );
}
