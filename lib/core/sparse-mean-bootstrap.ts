// Percentile bootstrap CIs of many per-prompt means at once, when each column (one latent's per-prompt CE change)
// is zero on most prompts. Every column is resampled with the same B draws of prompts, stored as counts, so a
// resample's mean costs one pass over the column's non-zero prompts instead of over all n prompts.
import type { BootstrapOptions, ConfidenceInterval } from "./bootstrap-ci";
import { checkInteger } from "./numeric-input";
import { quantileSorted } from "./sample-quantiles";
import type { SeededRng } from "./seeded-rng";

/** Column c's non-zero entries are rows[offsets[c] .. offsets[c+1]) with their values (CSR, rows are prompts). */
export interface SparseColumns {
  readonly rowCount: number;
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
  readonly values: Float64Array;
}

/**
 * For each column, the mean over all `rowCount` rows (absent rows are 0) with its percentile bootstrap CI. The
 * resamples are drawn exactly as bootstrapCi draws them (B × n indices from `rng`, in order), so a single column
 * gets the same interval as bootstrapCi on its dense values with the same generator.
 */
export function sparseColumnMeanCis(columns: SparseColumns, rng: SeededRng, options: BootstrapOptions = {}): ConfidenceInterval[] {
  const n = columns.rowCount;
  checkInteger("rowCount", n, 1);
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  checkInteger("resamples", resamples, 1);
  if (!(level > 0 && level < 1)) throw new Error(`level must lie strictly between 0 and 1, got ${level}`);
  const columnCount = columns.offsets.length - 1;
  for (let j = 0; j < columns.rows.length; j++) {
    if (!(columns.rows[j] >= 0 && columns.rows[j] < n)) throw new Error(`rows[${j}] = ${columns.rows[j]} lies outside [0, ${n})`);
  }
  // counts[b·n + r]: how often row r was drawn in resample b (≤ n, so 16 bits suffice up to 65,535 prompts).
  const counts = n < 65536 ? new Uint16Array(resamples * n) : new Uint32Array(resamples * n);
  for (let b = 0; b < resamples; b++) for (let i = 0; i < n; i++) counts[b * n + rng.integerBelow(n)]++;

  const statistics = new Float64Array(resamples);
  const tail = (1 - level) / 2;
  const out: ConfidenceInterval[] = [];
  for (let c = 0; c < columnCount; c++) {
    const start = columns.offsets[c];
    const end = columns.offsets[c + 1];
    let sum = 0;
    for (let j = start; j < end; j++) sum += columns.values[j];
    for (let b = 0; b < resamples; b++) {
      let s = 0;
      for (let j = start; j < end; j++) s += counts[b * n + columns.rows[j]] * columns.values[j];
      statistics[b] = s / n;
    }
    statistics.sort();
    out.push({ estimate: sum / n, lower: quantileSorted(statistics, tail, 7), upper: quantileSorted(statistics, 1 - tail, 7), level, resamples });
  }
  return out;
}

/** Columns from (column, row, value) triples in any order; zeros may be left out or kept. */
export function sparseColumnsOf(columnCount: number, rowCount: number, column: Int32Array, row: Int32Array, value: Float64Array): SparseColumns {
  if (column.length !== row.length || row.length !== value.length) throw new Error(`${column.length} columns, ${row.length} rows and ${value.length} values: pass one of each per entry`);
  const offsets = new Int32Array(columnCount + 1);
  for (let j = 0; j < column.length; j++) {
    if (!(column[j] >= 0 && column[j] < columnCount)) throw new Error(`column[${j}] = ${column[j]} lies outside [0, ${columnCount})`);
    offsets[column[j] + 1]++;
  }
  for (let c = 0; c < columnCount; c++) offsets[c + 1] += offsets[c];
  const next = offsets.slice(0, columnCount);
  const rows = new Int32Array(column.length);
  const values = new Float64Array(column.length);
  for (let j = 0; j < column.length; j++) {
    const at = next[column[j]]++;
    rows[at] = row[j];
    values[at] = value[j];
  }
  return { rowCount, offsets, rows, values };
}

