import Link from "next/link";
import { latentListHref, type LatentListParams } from "@/lib/cache/latent-list-params";
import styles from "./latent-browser.module.css";

export function LatentPager({ state, total }: { state: LatentListParams; total: number }) {
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const first = total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const last = Math.min(total, state.page * state.pageSize);
  return (
    <nav className={styles.pager} aria-label="Pages">
      {state.page > 1 ? <Link href={latentListHref(state, { page: state.page - 1 })}>← Previous</Link> : <span className="muted">← Previous</span>}
      <span data-testid="latent-count">
        {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")} of {total.toLocaleString("en-US")} latents · page {state.page} of {pages}
      </span>
      {state.page < pages ? (
        <Link href={latentListHref(state, { page: state.page + 1 })} data-testid="next-page">
          Next →
        </Link>
      ) : (
        <span className="muted">Next →</span>
      )}
    </nav>
  );
}
