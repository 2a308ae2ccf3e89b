// A delphi latent folder (`latents/<hookpoint>/`) → Rewrite's cache files (tokens + CSR by latent + manifest) in
// a folder of the caller's choosing, so the import can build them aside and move them in once all is well.
// Memory: one split file's entries at a time, plus the tokens.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeAll, writeFileAtomic } from "@/lib/cache/binary-file-io";
import { CACHE_FILES } from "@/lib/cache/cache-layout";
import { writeCacheManifest, type CacheManifest } from "@/lib/cache/cache-manifest";
import { ACTIVE_THRESHOLD } from "@/lib/cache/encode-batch";
import { FormatError } from "@/lib/formats/format-error";
import { withSafetensors } from "@/lib/formats/safetensors";
import { readLatentFileEntries, type LatentFileEntries } from "./delphi-latent-file";
import { readDelphiTokens } from "./delphi-latent-tokens";
import { latentFileName, parseLatentFileName, type LatentRange } from "./delphi-layout";

export interface DelphiCacheImportOptions {
  /** delphi's `latents/<hookpoint>` folder. */
  moduleDir: string;
  packIdentity: string;
  hookpoint: string;
  numLatents: number;
  vocabSize: number;
  /** Contexts shorter than the summaries' example window cannot be summarized. */
  windowLength: number;
  /** An empty folder to write the Rewrite cache into. */
  outDir: string;
}

export interface DelphiCacheImport {
  manifest: CacheManifest;
  files: string[];
  /** Stored entries with |a| ≤ 1e-5, left out as Rewrite's own cache leaves them out. */
  droppedBelowThreshold: number;
  /** sha256 of the tokens and activations as stored: another import with other contents is another cache. */
  contentKey: string;
}

type SplitFile = LatentRange & { path: string };

/** The split files in latent order, their ranges checked against each other and the coder's width. */
export function delphiSplitFiles(moduleDir: string, numLatents: number): SplitFile[] {
  let names: string[];
  try {
    names = readdirSync(moduleDir);
  } catch {
    throw new FormatError(moduleDir, "cannot be read; pass a delphi results folder holding latents/<hookpoint>/");
  }
  const files: SplitFile[] = [];
  for (const name of names.filter((n) => n.endsWith(".safetensors"))) {
    const range = parseLatentFileName(name);
    if (!range) throw new FormatError(join(moduleDir, name), "is not named <start>_<end>.safetensors as delphi names its latent ranges");
    if (range.end < range.start) throw new FormatError(join(moduleDir, name), `names the range ${range.start}–${range.end}, which runs backwards`);
    if (range.end >= numLatents) {
      throw new FormatError(join(moduleDir, name), `holds latents ${range.start}–${range.end}, but the coder has ${numLatents} latents (0–${numLatents - 1}): latent index out of range`);
    }
    files.push({ ...range, path: join(moduleDir, name) });
  }
  if (files.length === 0) throw new FormatError(moduleDir, "holds no <start>_<end>.safetensors files");
  files.sort((a, b) => a.start - b.start);
  for (let i = 1; i < files.length; i++) {
    if (files[i].start <= files[i - 1].end) {
      throw new FormatError(files[i].path, `overlaps ${latentFileName(files[i - 1])}: each latent must be in one file`);
    }
  }
  return files;
}

/** Groups one file's entries by latent (counting sort, stable), each latent's tokens ascending; drops |a| ≤ 1e-5. */
function csrOfFile(entries: LatentFileEntries, range: LatentRange, contextLength: number, path: string) {
  const width = range.end - range.start + 1;
  const counts = new Uint32Array(width + 1);
  const { locations, activations } = entries;
  const kept = (i: number) => Math.abs(activations[i]) > ACTIVE_THRESHOLD;
  let dropped = 0;
  for (let i = 0; i < activations.length; i++) {
    if (kept(i)) counts[locations[3 * i + 2] - range.start + 1]++;
    else dropped++;
  }
  for (let l = 0; l < width; l++) counts[l + 1] += counts[l];
  const cursor = counts.slice(0, width);
  const positions = new Uint32Array(counts[width]);
  const values = new Float32Array(counts[width]);
  for (let i = 0; i < activations.length; i++) {
    if (!kept(i)) continue;
    const slot = cursor[locations[3 * i + 2] - range.start]++;
    positions[slot] = locations[3 * i] * contextLength + locations[3 * i + 1];
    values[slot] = activations[i];
  }
  for (let l = 0; l < width; l++) sortLatentSlice(positions, values, counts[l], counts[l + 1], range.start + l, path);
  return { counts, positions, values, dropped };
}

/** delphi writes entries in token order already; other writers may not, and a token twice is an error. */
function sortLatentSlice(positions: Uint32Array, values: Float32Array, from: number, to: number, latent: number, path: string): void {
  let ascending = true;
  for (let i = from + 1; i < to; i++) if (positions[i] <= positions[i - 1]) ascending = false;
  if (ascending) return;
  const order = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => positions[a] - positions[b]);
  const sortedPositions = Uint32Array.from(order, (i) => positions[i]);
  const sortedValues = Float32Array.from(order, (i) => values[i]);
  for (let i = 1; i < sortedPositions.length; i++) {
    if (sortedPositions[i] === sortedPositions[i - 1]) {
      throw new FormatError(path, `latent ${latent} has two activations at global token ${sortedPositions[i]}; each location may appear once`);
    }
  }
  positions.set(sortedPositions, from);
  values.set(sortedValues, from);
}

export function importDelphiLatentCache(options: DelphiCacheImportOptions): DelphiCacheImport {
  const { moduleDir, numLatents, outDir } = options;
  const files = delphiSplitFiles(moduleDir, numLatents);
  const tokens = readDelphiTokens(moduleDir, files.map((f) => f.path), options.vocabSize);
  const { numContexts, contextLength } = tokens;
  if (contextLength < options.windowLength) {
    throw new FormatError(moduleDir, `the cached contexts have ${contextLength} tokens, fewer than the ${options.windowLength}-token example windows; re-cache with a longer context`);
  }
  if (numContexts * contextLength >= 2 ** 32) throw new FormatError(moduleDir, `${numContexts * contextLength} cached tokens exceed Rewrite's uint32 token index`);
  mkdirSync(outDir, { recursive: true });
  const tokenDtype = options.vocabSize <= 65536 ? "uint16" : "int32";
  // Split-independent: the same latents in other ranges (another --splits) are the same cache.
  const content = createHash("sha256").update(`${numContexts}x${contextLength}\0`).update(tokens.values);
  const [positionsHash, valuesHash] = [createHash("sha256"), createHash("sha256")];
  writeFileAtomic(join(outDir, CACHE_FILES.tokens), tokenDtype === "uint16" ? Uint16Array.from(tokens.values) : Int32Array.from(tokens.values));
  const offsets = new Uint32Array(numLatents + 1);
  let total = 0;
  let dropped = 0;
  let nextLatent = 0;
  const positionsFd = openSync(join(outDir, CACHE_FILES.positions), "w");
  const valuesFd = openSync(join(outDir, CACHE_FILES.values), "w");
  try {
    for (const file of files) {
      const entries = withSafetensors(file.path, (st) => readLatentFileEntries(st, file, numContexts, contextLength));
      const csr = csrOfFile(entries, file, contextLength, file.path);
      if (total + csr.positions.length >= 2 ** 32) throw new FormatError(file.path, "brings the cache past 2^32 activations, more than Rewrite's uint32 offsets index");
      // Latents in a gap between files (or after the last) never fire in this cache.
      for (; nextLatent < file.start; nextLatent++) offsets[nextLatent + 1] = total;
      for (let l = file.start; l <= file.end; l++) offsets[l + 1] = total + csr.counts[l - file.start + 1];
      nextLatent = file.end + 1;
      writeAll(positionsFd, csr.positions);
      writeAll(valuesFd, csr.values);
      positionsHash.update(csr.positions);
      valuesHash.update(csr.values);
      total += csr.positions.length;
      dropped += csr.dropped;
    }
  } finally {
    closeSync(positionsFd);
    closeSync(valuesFd);
  }
  for (; nextLatent < numLatents; nextLatent++) offsets[nextLatent + 1] = total;
  writeFileAtomic(join(outDir, CACHE_FILES.offsets), offsets);
  const manifest: CacheManifest = {
    format: "rewrite-activation-cache",
    version: 1,
    packIdentity: options.packIdentity,
    hookpoint: options.hookpoint,
    numLatents,
    contextLength,
    numContexts,
    contextsPerChunk: numContexts,
    tokenDtype,
    activeThreshold: ACTIVE_THRESHOLD,
    source: { importedFrom: "delphi", dir: resolve(moduleDir) },
    chunkNonZeros: [total],
    complete: true,
  };
  writeCacheManifest(outDir, manifest);
  return {
    manifest,
    files: files.map((f) => f.path),
    droppedBelowThreshold: dropped,
    contentKey: content.update(offsets).update(positionsHash.digest()).update(valuesHash.digest()).digest("hex").slice(0, 32),
  };
}
