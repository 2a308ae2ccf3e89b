import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ExplanationSimulationResult, ExplorerVersion } from "@/lib/explore/explorer-data";
import { LatentExplorerView } from "./latent-explorer-view";
import { VersionHistory } from "./version-history";

const simulator = { id: "lexical-baseline", kind: "baseline" as const, label: "lexical baseline (offline string matching; not an LLM)" };

function simulation(correlation: number, impact: number): ExplanationSimulationResult {
  return {
    format: "rewrite-explanation-simulation",
    version: 1,
    latent: 3,
    simulator,
    contextCount: 4,
    uniformContextCount: 2,
    activeContextCount: 2,
    failedCount: 0,
    cdfs: { true: [{ x: 0, p: 0.5 }, { x: 2, p: 1 }], predicted: [{ x: 0, p: 0.75 }, { x: 9, p: 1 }], calibrated: [{ x: 0, p: 0.75 }, { x: 2, p: 1 }] },
    quantileMap: { knots: [{ rawPrediction: 0, calibratedActivation: 0 }, { rawPrediction: 9, calibratedActivation: 2 }], observed: [], fittedPredictionCount: 2, trueZeroFraction: 0.5, predictionZeroFraction: 0.5 },
    correlation,
    sensitivity: 0.5,
    specificity: 1,
    rawSensitivity: 0.5,
    rawSpecificity: 1,
    rewriteImpact: { meanCeChangeNats: impact, promptCount: 10, changedPromptCount: 2, missingPredictionCount: 0, evaluationRunId: 4 },
    rewriteImpactNote: null,
    elapsedMs: 120,
  };
}

const base: ExplorerVersion = {
  id: 1,
  text: "the word cat",
  sourceKind: "statistical-baseline",
  sourceLabel: "statistical baseline (offline, from cache token statistics; not an LLM)",
  parentId: null,
  isCurrent: false,
  createdAt: "2026-01-01T00:00:00.000Z",
  detection: { value: 0.6, scorerSource: "lexical-baseline", scorerLabel: simulator.label, exampleCount: 50 },
  fuzzing: null,
  simulation: simulation(0.25, 0.001),
};
const edit: ExplorerVersion = { ...base, id: 2, text: "the word <b>cat</b>", sourceKind: "user", sourceLabel: "edited by a user", parentId: 1, isCurrent: true, simulation: simulation(0.5, 0.0005) };

describe("LatentExplorerView", () => {
  it("puts the previous version and this one side by side with the change", () => {
    const html = renderToStaticMarkup(<LatentExplorerView version={edit} previous={base} versionNumbers={{ 1: 1, 2: 2 }} />);
    expect(html).toContain("Previous (v1)");
    expect(html).toContain("This version (v2)");
    expect(html).not.toContain("version 1");
    // correlation 0.25 → 0.5 (+0.250); rewrite impact 0.00100 → 0.00050 (−0.00050)
    expect(html).toMatch(/<td>0\.250<\/td><td data-testid="metric-correlation">0\.500<\/td><td>\+0\.250<\/td>/);
    expect(html).toMatch(/<td>0\.00100<\/td><td data-testid="metric-rewrite-impact">0\.00050<\/td><td>−0\.00050<\/td>/);
    expect(html).toContain("not an LLM");
  });

  it("shows the paired A/B in the Change column when the previous version is the parent", () => {
    const comparison = {
      parentId: 1,
      level: 0.95,
      changes: [{ metric: "rewrite-impact" as const, estimate: -0.0005, lower: -0.0008, upper: -0.0002, verdict: "better" as const, pairCount: 10 }],
      notes: ["Δcorrelation: undefined on these contexts"],
    };
    const html = renderToStaticMarkup(<LatentExplorerView version={{ ...edit, comparisonWithParent: comparison }} previous={base} />);
    expect(html).toMatch(/data-testid="change-rewrite-impact" data-verdict="better"[^>]*>−0\.00050 \[-0\.00080, -0\.00020\] · better<\/td>/);
    // Metrics the comparison does not cover keep the plain difference.
    expect(html).toMatch(/<td data-testid="metric-correlation">0\.500<\/td><td>\+0\.250<\/td>/);
    expect(html).toContain("95% bootstrap CI");
    expect(html).toContain("Δcorrelation: undefined on these contexts.");
    // Against a version that is not the parent, only the plain difference.
    expect(renderToStaticMarkup(<LatentExplorerView version={{ ...edit, comparisonWithParent: { ...comparison, parentId: 7 } }} previous={base} />)).not.toContain("data-verdict");
  });

  it("says when a version has not been simulated", () => {
    expect(renderToStaticMarkup(<LatentExplorerView version={{ ...base, simulation: null }} simulator={simulator} versionNumbers={{ 1: 1 }} />)).toContain("v1 has not been simulated by the lexical baseline");
  });

  it("computes a paired bootstrap CI for the Change against a version that is not the parent", () => {
    // truth 0 0 2 2; raw of the older version 0 1 0 5 (r = 4/√68 = 0.48507), of this one 0 0 5 9 (r = 14/√228 = 0.92717)
    const paired = (raw: number[]) => ({ contextKey: "cache 1 / 4 contexts", truth: [0, 0, 2, 2], raw, calibrated: raw.map((r) => (r > 0 ? 2 : 0)) });
    const older = { ...base, id: 5, simulation: { ...simulation(0.48507, 0.001), paired: paired([0, 1, 0, 5]) } };
    const newer = { ...edit, id: 9, parentId: 1, simulation: { ...simulation(0.92717, 0.0005), paired: paired([0, 0, 5, 9]) } };
    const html = renderToStaticMarkup(<LatentExplorerView version={newer} previous={older} versionNumbers={{ 5: 2, 9: 4 }} />);
    expect(html).toMatch(/data-testid="change-correlation" data-verdict="[^"]+"[^>]*>\+0\.442 \[/);
    expect(html).toContain("Change, paired: v4 − v2");
  });
});

describe("VersionHistory", () => {
  it("renders the diff from the parent as escaped text spans, never as HTML", () => {
    const html = renderToStaticMarkup(<VersionHistory versions={[edit, base]} versionNumbers={{ 1: 1, 2: 2 }} onMakeCurrent={() => {}} onEditFrom={() => {}} onCompare={() => {}} busy={false} />);
    expect(html).toContain("edited from v1");
    expect(html).toContain("<del> cat</del><ins> &lt;b&gt;cat&lt;/b&gt;</ins>");
    expect(html).not.toContain("<b>cat</b>");
    // Only the version that is not current offers "Make current".
    expect(html.match(/data-testid="make-current"/g)).toHaveLength(1);
  });
});
