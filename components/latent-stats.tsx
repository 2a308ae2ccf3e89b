import type { LatentPageData } from "@/lib/cache/latent-page-data";
import styles from "./latent-browser.module.css";
import { formatFrequency } from "./latent-table";

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className={styles.stat}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** Headline numbers of one latent's activations, in the coder's own units (its scores sit with its explanation). */
export function LatentStats({ data }: { data: LatentPageData }) {
  const p = (q: number) => (data.percentiles.length > 0 ? data.percentiles[q].toPrecision(3) : "–");
  return (
    <dl className={styles.statGrid} data-testid="latent-stats">
      <Stat label="Frequency (non-zero tokens)" value={formatFrequency(data.frequency)} testId="latent-frequency" />
      <Stat label="Non-zero tokens" value={`${data.nonZeroCount.toLocaleString("en-US")} of ${data.numTokens.toLocaleString("en-US")}`} />
      <Stat label="Max activation" value={data.maxActivation.toPrecision(3)} testId="latent-max" />
      <Stat label="Mean of non-zeros" value={data.meanNonZero.toPrecision(3)} />
      <Stat label="Median / p90 / p99 of non-zeros" value={`${p(50)} / ${p(90)} / ${p(99)}`} />
    </dl>
  );
}
