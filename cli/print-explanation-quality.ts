// Prints a stored run's §3.1 numbers: sensitivity / specificity before TopK (raw and calibrated) by detection-score
// bin (Fig. 4), the post-TopK extra, and how many live latents calibration erases under each tie rule.
import type { ScoreBinnedQuality } from "@/lib/evaluate";
import type { RewriteEvaluationResult } from "@/lib/evaluate";
import { evaluationRunExtras } from "@/lib/evaluate";

const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(100 * x).toFixed(1)}%`);

function binRows(label: string, quality: ScoreBinnedQuality): string[] {
  return quality.sensitivity.map((bin, i) => {
    const spec = quality.specificity[i];
    return `| ${label} | [${bin.lower.toFixed(1)}, ${bin.upper.toFixed(1)}] | ${bin.count + bin.undefinedCount} | ${pct(bin.mean)} | ${pct(spec.mean)} |`;
  });
}

export function printExplanationQuality(result: RewriteEvaluationResult): void {
  const extras = evaluationRunExtras(result);
  const pre = extras?.preTopKQuality;
  const post = result.calibrations.find((c) => c.mode === "calibrated-quantile")?.quality;
  if (pre) {
    console.log(
      `\nSensitivity / specificity before TopK (§3.1) on ${pre.contextCount} simulated contexts: raw (> ${pre.rawActiveAbove}) ` +
        `${pct(pre.raw.meanSensitivity)} / ${pct(pre.raw.meanSpecificity)}; calibrated ${pct(pre.calibrated.meanSensitivity)} / ${pct(pre.calibrated.meanSpecificity)}` +
        (post ? `; after TopK (extra) ${pct(post.meanSensitivity)} / ${pct(post.meanSpecificity)}.` : "."),
    );
    console.log("\n| predictions | detection score | latents | mean sensitivity | mean specificity |\n|---|---|---|---|---|");
    for (const line of [...binRows("raw", pre.raw.byDetectionScore), ...binRows("calibrated", pre.calibrated.byDetectionScore)]) console.log(line);
  }
  const erasure = extras?.calibrationErasure;
  if (erasure) {
    const share = (n: number) => pct(n / Math.max(1, erasure.liveLatentCount));
    const midRank = erasure.tieRule === "mid-rank" ? "" : `; mid-rank ties would erase ${erasure.allZeroLatentCountMidRank} (${share(erasure.allZeroLatentCountMidRank)})`;
    console.log(
      `\nCalibration erases ${erasure.allZeroLatentCount} of ${erasure.liveLatentCount} live simulated latents (${share(erasure.allZeroLatentCount)}, ${erasure.tieRule} ties)${midRank}.`,
    );
  }
}
