/** Says where the list's explanations and scores came from, so baseline numbers are never read as an LLM's. */
export function ProvenanceCaption({ counts }: { counts: { explanations: { label: string; count: number }[]; scores: { label: string; count: number }[] } }) {
  const describe = (items: { label: string; count: number }[]) => items.map((item) => `${item.label}: ${item.count.toLocaleString("en-US")}`).join("; ");
  return (
    <p className="muted" data-testid="provenance-caption">
      Explanations — {counts.explanations.length ? describe(counts.explanations) : "none yet"}. Scores —{" "}
      {counts.scores.length ? describe(counts.scores) : "none yet"}.
    </p>
  );
}
