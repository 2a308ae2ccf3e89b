import type { ExplanationProvenance } from "@/lib/explain";
import { LiveCurrentExplanation } from "./latent/live-current-explanation";

export interface ExplanationPanelProps {
  explanation: ExplanationProvenance | undefined;
  fallbackText: string | null;
  /** The simulator the explorer uses for this latent's simulations (its label says when it is a baseline). */
  simulatorLabel?: string;
  /** On the live page: follow the explorer's current version once a re-simulation or restore changes it. */
  live?: { latent: number; coder: string; serverVersionId: number | null };
}

/** The current explanation, always rendered as text, with its source and its scores' sources spelled out. */
export function ExplanationPanel({ explanation, fallbackText, simulatorLabel, live }: ExplanationPanelProps) {
  const stored = explanation ? (
    <>
      <p>{explanation.text}</p>
      <p className="muted" data-testid="explanation-source">
        {explanation.isBaseline ? <span className="badge">baseline</span> : null} Explainer: {explanation.sourceLabel}
      </p>
      {explanation.scores.length ? (
        <ul className="muted" data-testid="explanation-scores">
          {explanation.scores.map((score) => (
            <li key={`${score.scorer}-${score.scorerSource}`}>
              {score.scorer === "detection" ? "Detection" : "Fuzzing"} score <strong>{score.balancedAccuracy.toFixed(3)}</strong> (balanced accuracy, {score.exampleCount} examples
              {score.failedCount ? `, ${score.failedCount} failed` : ""}) by {score.scorerLabel}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Not scored yet.</p>
      )}
    </>
  ) : fallbackText ? (
    <p>{fallbackText}</p>
  ) : (
    <p className="muted">Not explained yet: the explain stage fills this in.</p>
  );
  return (
    <section className="panel" data-testid="latent-explanation">
      <h2>Explanation</h2>
      {live ? <LiveCurrentExplanation {...live}>{stored}</LiveCurrentExplanation> : stored}
      {simulatorLabel ? (
        <p className="muted" data-testid="explanation-simulator">
          Simulator: {simulatorLabel}.
        </p>
      ) : null}
    </section>
  );
}
