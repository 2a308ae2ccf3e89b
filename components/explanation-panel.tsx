import type { ExplanationProvenance } from "@/lib/explain/explanation-provenance";

/** The current explanation, always rendered as text, with its source and its scores' sources spelled out. */
export function ExplanationPanel({ explanation, fallbackText }: { explanation: ExplanationProvenance | undefined; fallbackText: string | null }) {
  return (
    <section className="panel" data-testid="latent-explanation">
      <h2>Explanation</h2>
      {explanation ? (
        <>
          <p>{explanation.text}</p>
          <p className="muted" data-testid="explanation-source">
            Source: {explanation.sourceLabel}
          </p>
          {explanation.scores.length ? (
            <ul className="muted" data-testid="explanation-scores">
              {explanation.scores.map((score) => (
                <li key={`${score.scorer}-${score.scorerSource}`}>
                  {score.scorer} score {score.balancedAccuracy.toFixed(3)} (balanced accuracy, {score.exampleCount} examples
                  {score.failedCount ? `, ${score.failedCount} failed` : ""}) by {score.scorerLabel}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : fallbackText ? (
        <p>{fallbackText}</p>
      ) : (
        <p className="muted">Not explained yet: the explain stage fills this in.</p>
      )}
    </section>
  );
}
