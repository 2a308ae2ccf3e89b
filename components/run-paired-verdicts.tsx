import type { PairedVerdict } from "@/lib/evaluate";

const KIND_TEXT: Record<PairedVerdict["kind"], string> = {
  beats: "better",
  worse: "worse",
  indistinguishable: "no detectable difference",
};

/** Per fraction and reference: the mean paired CE difference (rewrite − reference) with its CI and the verdict it gives. */
export function RunPairedVerdicts({ verdicts, ciLevel }: { verdicts: readonly PairedVerdict[]; ciLevel: number }) {
  const references = [...new Map(verdicts.map((v) => [v.reference, v.referenceLabel])).entries()];
  const fractions = [...new Set(verdicts.map((v) => v.fraction))];
  if (verdicts.length === 0) return null;
  return (
    <div style={{ overflowX: "auto" }}>
      <table data-testid="paired-verdicts">
        <thead>
          <tr>
            <th>fraction rewritten</th>
            {references.map(([id, label]) => (
              <th key={id}>
                vs {label}: mean Δ CE, nats [{Math.round(ciLevel * 100)}% paired CI]
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fractions.map((fraction) => (
            <tr key={fraction} data-fraction={fraction}>
              <td>{fraction}</td>
              {references.map(([id]) => {
                const v = verdicts.find((x) => x.fraction === fraction && x.reference === id);
                if (!v) return <td key={id}>—</td>;
                const { estimate, lower, upper } = v.difference;
                return (
                  <td key={id} data-reference={id} data-kind={v.kind} style={{ fontVariantNumeric: "tabular-nums" }}>
                    {estimate.toFixed(4)} [{lower.toFixed(4)}, {upper.toFixed(4)}] · {KIND_TEXT[v.kind]}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
