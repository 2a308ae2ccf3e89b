import type { LatentListQuery } from "@/db/latent-list";
import styles from "./latent-browser.module.css";

/** Search and score filters as a plain GET form: the URL carries the state, so results are linkable. */
export function LatentFilters({ state }: { state: LatentListQuery & { coder?: string } }) {
  return (
    <form className={styles.toolbar} method="get" action="/latents" role="search">
      {state.coder ? <input type="hidden" name="coder" value={state.coder} /> : null}
      <label>
        Search explanations
        <input type="search" name="q" defaultValue={state.search ?? ""} placeholder="e.g. capital letters" data-testid="latent-search" />
      </label>
      <label>
        Min detection
        <input type="number" name="minDetection" min={0} max={1} step={0.05} defaultValue={state.minDetection ?? ""} />
      </label>
      <label>
        Min fuzzing
        <input type="number" name="minFuzzing" min={0} max={1} step={0.05} defaultValue={state.minFuzzing ?? ""} />
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}
