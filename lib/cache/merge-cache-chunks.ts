// Turns the per-chunk files of a finished build into the final cache: one tokens file and one CSR over all
// tokens. Latents are merged in ranges so memory stays bounded however many tokens were cached.
import { closeSync, openSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { readExactly, withOpenFile, writeAll } from "./binary-file-io";
import { CACHE_FILES, chunkFile } from "./cache-layout";
import type { CacheManifest } from "./cache-manifest";
import { chunkCsrSlice } from "./latent-csr";

/** About 8M entries (64 MB of positions + values) per latent range. */
const ENTRIES_PER_RANGE = 8_000_000;

function withOutputFile(path: string, write: (fd: number) => void): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, "w");
  try {
    write(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

function concatenateTokens(cacheDir: string, numChunks: number): void {
  withOutputFile(join(cacheDir, CACHE_FILES.tokens), (out) => {
    for (let c = 0; c < numChunks; c++) {
      const file = chunkFile(cacheDir, c, "tokens");
      const bytes = new Uint8Array(statSync(file).size);
      withOpenFile(file, (fd) => readExactly(fd, bytes, 0));
      writeAll(out, bytes);
    }
  });
}

function readChunkOffsets(cacheDir: string, numChunks: number, numLatents: number): Uint32Array[] {
  return Array.from({ length: numChunks }, (_, c) => {
    const offsets = new Uint32Array(numLatents + 1);
    withOpenFile(chunkFile(cacheDir, c, "csr"), (fd) => readExactly(fd, offsets, 0));
    return offsets;
  });
}

/** Latent ranges [start, end) each holding at most ~ENTRIES_PER_RANGE entries (a single latent may exceed it). */
function latentRanges(merged: Uint32Array): [number, number][] {
  const ranges: [number, number][] = [];
  const numLatents = merged.length - 1;
  let start = 0;
  while (start < numLatents) {
    let end = start + 1;
    while (end < numLatents && merged[end + 1] - merged[start] <= ENTRIES_PER_RANGE) end++;
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

export function mergeCacheChunks(cacheDir: string, manifest: CacheManifest): void {
  const numChunks = manifest.chunkNonZeros.length;
  const { numLatents } = manifest;
  concatenateTokens(cacheDir, numChunks);
  const chunkOffsets = readChunkOffsets(cacheDir, numChunks, numLatents);
  const merged = new Uint32Array(numLatents + 1);
  for (let l = 0; l < numLatents; l++) {
    let count = 0;
    for (const offsets of chunkOffsets) count += offsets[l + 1] - offsets[l];
    merged[l + 1] = merged[l] + count;
  }
  withOutputFile(join(cacheDir, CACHE_FILES.offsets), (fd) => writeAll(fd, merged));
  withOutputFile(join(cacheDir, CACHE_FILES.positions), (positionsOut) =>
    withOutputFile(join(cacheDir, CACHE_FILES.values), (valuesOut) => {
      const chunkFds = chunkOffsets.map((_, c) => openSync(chunkFile(cacheDir, c, "csr"), "r"));
      try {
        for (const [start, end] of latentRanges(merged)) {
          const positions = new Uint32Array(merged[end] - merged[start]);
          const values = new Float32Array(positions.length);
          // Read each chunk's contiguous slice for the range, then interleave: latent-major, chunks in token order.
          const slices = chunkOffsets.map((offsets, c) => {
            const slice = chunkCsrSlice(offsets, start, end);
            const chunkPositions = new Uint32Array(slice.count);
            const chunkValues = new Float32Array(slice.count);
            readExactly(chunkFds[c], chunkPositions, slice.positionsByte);
            readExactly(chunkFds[c], chunkValues, slice.valuesByte);
            return { offsets, first: slice.first, chunkPositions, chunkValues };
          });
          let cursor = 0;
          for (let l = start; l < end; l++) {
            for (const { offsets, first, chunkPositions, chunkValues } of slices) {
              const from = offsets[l] - first;
              const to = offsets[l + 1] - first;
              positions.set(chunkPositions.subarray(from, to), cursor);
              values.set(chunkValues.subarray(from, to), cursor);
              cursor += to - from;
            }
          }
          writeAll(positionsOut, positions);
          writeAll(valuesOut, values);
        }
      } finally {
        chunkFds.forEach((fd) => closeSync(fd));
      }
    }),
  );
}
