// The simulator's raw 0–9 predictions over [contexts × latents], stored sparsely: most predictions are 0, and at
// 20K contexts × 32,768 latents a dense Float64 matrix would take 5 GB. Rows are read back dense a block at a time.

/** Raw predictions by context row; NaN = missing (failed, or a latent without an explanation). */
export interface PredictionRows {
  readonly rowCount: number;
  readonly numLatents: number;
  /** [(end − start)·L] row-major raw predictions of rows [start, end). */
  rows(start: number, end: number): Float32Array | Float64Array;
}

/** A dense row-major matrix read as PredictionRows (no copy). */
export function densePredictionRows(values: Float32Array | Float64Array, numLatents: number): PredictionRows {
  if (values.length % numLatents !== 0) throw new Error(`${values.length} raw predictions do not form rows of ${numLatents} latents`);
  return { rowCount: values.length / numLatents, numLatents, rows: (start, end) => values.subarray(start * numLatents, end * numLatents) };
}

/**
 * CSR by row of the non-zero predictions (NaN included), float32; a latent not simulated at all is NaN in every row
 * without storing one entry per row.
 */
export interface SparsePredictions extends PredictionRows {
  /** [rowCount + 1] offsets into latents / values. */
  readonly rowStarts: Float64Array;
  readonly latents: Int32Array;
  readonly values: Float32Array;
  /** [L] 1 where the latent was simulated (its absent entries are 0), 0 where every row is missing. */
  readonly simulated: Uint8Array;
}

/** Builds SparsePredictions from one column (latent) at a time, the order the simulator answers in. */
export class SparsePredictionsBuilder {
  private readonly simulated: Uint8Array;
  private readonly columns: { latent: number; rows: Int32Array; values: Float32Array }[] = [];
  private entryCount = 0;

  constructor(
    private readonly rowCount: number,
    private readonly numLatents: number,
  ) {
    this.simulated = new Uint8Array(numLatents);
  }

  /** `column` [rowCount]: the latent's raw prediction per row, NaN where it failed. */
  addColumn(latent: number, column: ArrayLike<number>): void {
    if (column.length !== this.rowCount) throw new Error(`latent ${latent}: ${column.length} predictions for ${this.rowCount} contexts`);
    if (this.simulated[latent]) throw new Error(`latent ${latent} was already added`);
    this.simulated[latent] = 1;
    const rows: number[] = [];
    for (let r = 0; r < column.length; r++) if (column[r] !== 0) rows.push(r);
    this.columns.push({ latent, rows: Int32Array.from(rows), values: Float32Array.from(rows, (r) => column[r]) });
    this.entryCount += rows.length;
  }

  finish(): SparsePredictions {
    const { rowCount, numLatents, simulated } = this;
    const rowStarts = new Float64Array(rowCount + 1);
    for (const column of this.columns) for (const r of column.rows) rowStarts[r + 1]++;
    for (let r = 0; r < rowCount; r++) rowStarts[r + 1] += rowStarts[r];
    const latents = new Int32Array(this.entryCount);
    const values = new Float32Array(this.entryCount);
    const next = rowStarts.slice(0, rowCount);
    // Columns in latent order give each row's entries in latent order.
    const ordered = [...this.columns].sort((a, b) => a.latent - b.latent);
    for (const column of ordered) {
      column.rows.forEach((r, i) => {
        latents[next[r]] = column.latent;
        values[next[r]++] = column.values[i];
      });
    }
    this.columns.length = 0;
    return sparsePredictions({ rowCount, numLatents, rowStarts, latents, values, simulated });
  }
}

/** The CSR arrays read as PredictionRows. */
export function sparsePredictions(csr: Omit<SparsePredictions, "rows">): SparsePredictions {
  const { numLatents, rowStarts, latents, values, simulated } = csr;
  // Rows start from the "unsimulated = NaN, simulated = 0" template, then take their stored entries.
  const template = Float32Array.from(simulated, (s) => (s ? 0 : Number.NaN));
  return {
    ...csr,
    rows(start, end) {
      if (!(start >= 0 && start <= end && end <= csr.rowCount)) throw new Error(`rows [${start}, ${end}) lie outside the ${csr.rowCount} contexts`);
      const out = new Float32Array((end - start) * numLatents);
      for (let r = start; r < end; r++) {
        const row = (r - start) * numLatents;
        out.set(template, row);
        for (let i = rowStarts[r]; i < rowStarts[r + 1]; i++) out[row + latents[i]] = values[i];
      }
      return out;
    },
  };
}

/** Rows [first, first + count) of `rows` as rows of their own (the prompts after the calibration contexts). */
export function predictionRowWindow(rows: PredictionRows, first: number, count: number): PredictionRows {
  if (!(first >= 0 && count >= 0 && first + count <= rows.rowCount)) throw new Error(`rows [${first}, ${first + count}) lie outside the ${rows.rowCount} contexts`);
  return { rowCount: count, numLatents: rows.numLatents, rows: (start, end) => rows.rows(first + start, first + end) };
}
