import Link from "next/link";
import type { CoderChoice } from "@/lib/browse/coder-choices";
import styles from "./latent-browser.module.css";

function stateOf(coder: CoderChoice): string {
  if (coder.cached) return "";
  return coder.buildJobId !== null ? ` (cache building, job ${coder.buildJobId})` : " (no cache yet)";
}

/** Every coder of the pack (transcoder, SAE, …); one without a cache links to the offer to build it. */
export function CoderSwitch({ coders, current, hrefFor }: { coders: CoderChoice[]; current?: string; hrefFor: (hookpoint: string) => string }) {
  if (coders.length < 2 && coders.every((c) => c.cached)) return null;
  return (
    <nav className={styles.coderSwitch} aria-label="Coder" data-testid="coder-switch">
      Coder:
      {coders.map((coder) =>
        coder.hookpoint === current ? (
          <strong key={coder.hookpoint} aria-current="page">
            {coder.kind} <code>{coder.hookpoint}</code>
            {stateOf(coder)}
          </strong>
        ) : (
          <Link key={coder.hookpoint} href={hrefFor(coder.hookpoint)} className={coder.cached ? undefined : styles.uncached} data-testid={`coder-${coder.hookpoint}`}>
            {coder.kind} <code>{coder.hookpoint}</code>
            {stateOf(coder)}
          </Link>
        ),
      )}
    </nav>
  );
}
