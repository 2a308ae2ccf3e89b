// Non-zero activations grouped by latent (compressed sparse rows, one row per latent): the layout that makes a
// latent page, its examples and its exact activation distribution a single contiguous read.
import { ACTIVE_THRESHOLD, type EncodedBatch } from "./encode-batch";

export interface LatentCsr {
  /** Uint32 [numLatents + 1]; latent i owns entries [offsets[i], offsets[i+1]). */
  offsets: Uint32Array;
  /** Global token index of each entry, ascending within a latent. */
  positions: Uint32Array;
  values: Float32Array;
}

/** Collects (token, latent, value) triples in token order, then groups them by latent. */
export class LatentCsrBuilder {
  private latents = new Int32Array(1024);
  private positions = new Uint32Array(1024);
  private values = new Float32Array(1024);
  private size = 0;

  constructor(private readonly numLatents: number) {}

  /** Adds the TopK entries of `encoded` whose |value| > 1e-5; token t of the batch has global index firstToken + t. */
  addBatch(encoded: EncodedBatch, firstToken: number): void {
    const { k, indices, values } = encoded;
    const tokens = indices.length / k;
    this.reserve(this.size + indices.length);
    for (let t = 0; t < tokens; t++) {
      for (let j = t * k; j < (t + 1) * k; j++) {
        const value = values[j];
        if (!(Math.abs(value) > ACTIVE_THRESHOLD)) continue;
        this.latents[this.size] = indices[j];
        this.positions[this.size] = firstToken + t;
        this.values[this.size] = value;
        this.size++;
      }
    }
  }

  /** Stable counting sort by latent: entries keep token order within each latent. */
  build(): LatentCsr {
    const offsets = new Uint32Array(this.numLatents + 1);
    for (let i = 0; i < this.size; i++) offsets[this.latents[i] + 1]++;
    for (let l = 0; l < this.numLatents; l++) offsets[l + 1] += offsets[l];
    const cursor = offsets.slice(0, this.numLatents);
    const positions = new Uint32Array(this.size);
    const values = new Float32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const slot = cursor[this.latents[i]]++;
      positions[slot] = this.positions[i];
      values[slot] = this.values[i];
    }
    return { offsets, positions, values };
  }

  private reserve(capacity: number): void {
    if (capacity <= this.latents.length) return;
    const grown = Math.max(capacity, this.latents.length * 2);
    const latents = new Int32Array(grown);
    latents.set(this.latents.subarray(0, this.size));
    const positions = new Uint32Array(grown);
    positions.set(this.positions.subarray(0, this.size));
    const values = new Float32Array(grown);
    values.set(this.values.subarray(0, this.size));
    this.latents = latents;
    this.positions = positions;
    this.values = values;
  }
}

/** A chunk file holds offsets, positions and values back to back (the entry count is offsets[numLatents]). */
export function chunkCsrParts(csr: LatentCsr): ArrayBufferView[] {
  return [csr.offsets, csr.positions, csr.values];
}

/** Byte offsets inside a chunk file of the latent range [start, end)'s positions and values. */
export function chunkCsrSlice(offsets: Uint32Array, start: number, end: number) {
  const numLatents = offsets.length - 1;
  const entries = offsets[numLatents];
  const first = offsets[start];
  const count = offsets[end] - first;
  const positionsByte = 4 * (numLatents + 1) + 4 * first;
  const valuesByte = 4 * (numLatents + 1) + 4 * entries + 4 * first;
  return { first, count, positionsByte, valuesByte };
}
