import Link from "next/link";
import type { LatentListParams, RunMeasureKey } from "@/lib/cache/latent-list-params";
import { latentListHref } from "@/lib/cache/latent-list-params";
import styles from "./latent-browser.module.css";

function NumberField({ label, name, value, min, max, step, unit }: { label: string; name: string; value?: number; min: number; max: number; step: number | "any"; unit?: string }) {
  return (
    <label>
      {label}
      {unit ? ` (${unit})` : ""}
      <input type="number" name={name} min={min} max={max} step={step} defaultValue={value ?? ""} data-testid={`filter-${name}`} />
    </label>
  );
}

const percent = (fraction?: number) => (fraction === undefined ? undefined : Number((fraction * 100).toPrecision(6)));

/**
 * Search and filters as a plain GET form: the URL carries the whole state, so results are linkable. The sort and
 * the coder travel as hidden fields, so applying a filter keeps them; a new search or filter starts at page 1.
 */
export function LatentFilters({ state, measures, searchExample }: { state: LatentListParams; measures: readonly RunMeasureKey[]; searchExample: string | null }) {
  const has = (key: RunMeasureKey) => measures.includes(key);
  // The default order (by index) gives way to relevance when a search is typed; any chosen order is kept.
  const keepsSort = state.sort !== "relevance" && !(state.sort === "latent" && state.direction === "asc");
  return (
    <form className={styles.toolbar} method="get" action="/latents" role="search" data-testid="latent-filters">
      {state.coder ? <input type="hidden" name="coder" value={state.coder} /> : null}
      {keepsSort ? <input type="hidden" name="sort" value={state.sort} /> : null}
      {keepsSort ? <input type="hidden" name="dir" value={state.direction} /> : null}
      <label>
        <span>
          Search explanations and top tokens <kbd className={styles.kbd}>/</kbd>
        </span>
        <input
          type="search"
          name="q"
          defaultValue={state.search ?? ""}
          placeholder={searchExample ? `e.g. ${searchExample}` : undefined}
          data-testid="latent-search"
        />
      </label>
      <NumberField label="Min detection" name="minDetection" value={state.minDetection} min={0} max={1} step={0.05} />
      <NumberField label="Min fuzzing" name="minFuzzing" value={state.minFuzzing} min={0} max={1} step={0.05} />
      {has("correlation") ? <NumberField label="Min correlation" name="minCorrelation" value={state.minCorrelation} min={-1} max={1} step={0.05} /> : null}
      {has("sensitivity") ? <NumberField label="Min sensitivity" name="minSensitivity" value={state.minSensitivity} min={0} max={1} step={0.05} /> : null}
      {has("impact") ? <NumberField label="Max rewrite impact" name="maxImpact" value={state.maxImpact} min={-100} max={100} step="any" unit="nats" /> : null}
      <NumberField label="Frequency from" name="minFreqPct" value={percent(state.minFrequency)} min={0} max={100} step={0.0001} unit="%" />
      <NumberField label="to" name="maxFreqPct" value={percent(state.maxFrequency)} min={0} max={100} step={0.0001} unit="%" />
      <label className={styles.check}>
        <input type="checkbox" name="hideDead" value="1" defaultChecked={state.hideDead} data-testid="filter-hideDead" /> Hide dead latents
      </label>
      <label className={styles.check}>
        <input type="checkbox" name="edited" value="1" defaultChecked={state.editedOnly} data-testid="filter-edited" /> Edited by a user
      </label>
      <button type="submit" data-testid="apply-filters">
        Apply
      </button>
      <Link href={latentListHref({ ...state, search: undefined }, CLEARED)} data-testid="clear-filters">
        Clear filters
      </Link>
    </form>
  );
}

const CLEARED: Partial<LatentListParams> = {
  page: 1,
  minDetection: undefined,
  minFuzzing: undefined,
  minCorrelation: undefined,
  minSensitivity: undefined,
  maxImpact: undefined,
  minFrequency: undefined,
  maxFrequency: undefined,
  hideDead: false,
  editedOnly: false,
};
