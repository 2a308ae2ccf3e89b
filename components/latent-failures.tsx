import type { LatentFailureNote } from "@/lib/explain";

/** Why the latent's latest explain or score attempts stored nothing, with each one's reason as the stage stored it. */
export function LatentFailures({ failures }: { failures: readonly LatentFailureNote[] }) {
  if (failures.length === 0) return null;
  return (
    <section className="panel error-state" data-testid="latent-failures">
      <h2>Failed attempts</h2>
      <ul>
        {failures.map((f) => (
          <li key={`${f.what}-${f.sourceLabel}`}>
            {f.what} by {f.sourceLabel} failed on {f.createdAt.slice(0, 10)}: <code>{f.reason}</code>
            <div className="muted">{f.detail}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
