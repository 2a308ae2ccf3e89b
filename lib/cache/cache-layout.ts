import { join } from "node:path";

// Files of one coder's activation cache: dataDir()/cache/<pack identity>/<hookpoint>/.
export const CACHE_FILES = {
  manifest: "manifest.json",
  /** Token ids [numContexts, contextLength], uint16 when the vocabulary fits, else int32. */
  tokens: "tokens.bin",
  /** CSR grouped by latent: offsets Uint32 [numLatents + 1] into the two arrays below. */
  offsets: "latents.offsets.u32",
  /** Global token index (context · contextLength + position) of each non-zero activation, ascending per latent. */
  positions: "latents.positions.u32",
  values: "latents.values.f32",
  chunkDir: "chunks",
} as const;

export function activationCacheDir(dataDir: string, packIdentity: string, hookpoint: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(packIdentity) || !/^[A-Za-z0-9._-]+$/.test(hookpoint)) {
    throw new Error(`pack identity "${packIdentity}" and hookpoint "${hookpoint}" must be plain names to be used as folders`);
  }
  // Runtime data paths: keep Next's file tracing from pulling the whole project into the server build.
  return join(/*turbopackIgnore: true*/ dataDir, "cache", packIdentity, hookpoint);
}

export function chunkFile(cacheDir: string, index: number, kind: "tokens" | "csr"): string {
  return join(/*turbopackIgnore: true*/ cacheDir, CACHE_FILES.chunkDir, `${String(index).padStart(5, "0")}.${kind}`);
}
