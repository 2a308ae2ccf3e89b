import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { FormatError } from "@/lib/formats/format-error";
import { describeZodIssues } from "@/lib/formats/zod-issues";
import { writeFileAtomic } from "./binary-file-io";
import { CACHE_FILES } from "./cache-layout";

// What a cache was built from and how far the build got. Rewritten atomically after every finished chunk.
const cacheManifestSchema = z.object({
  format: z.literal("rewrite-activation-cache"),
  version: z.literal(1),
  packIdentity: z.string(),
  hookpoint: z.string(),
  numLatents: z.number().int().positive(),
  contextLength: z.number().int().positive(),
  numContexts: z.number().int().positive(),
  contextsPerChunk: z.number().int().positive(),
  tokenDtype: z.enum(["uint16", "int32"]),
  activeThreshold: z.number(),
  /** Extra inputs that change the contents (corpus, seed, …); a mismatch restarts the build. */
  source: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** Non-zero count of each finished chunk, in order; chunk i covers contexts [i·contextsPerChunk, …). */
  chunkNonZeros: z.array(z.number().int().nonnegative()),
  complete: z.boolean(),
});

export type CacheManifest = z.infer<typeof cacheManifestSchema>;

/** The manifest fields that must match for a stored build to be resumed rather than restarted. */
export type CacheBuildParams = Omit<CacheManifest, "format" | "version" | "chunkNonZeros" | "complete">;

export function readCacheManifest(cacheDir: string): CacheManifest | undefined {
  const file = join(cacheDir, CACHE_FILES.manifest);
  if (!existsSync(file)) return undefined;
  const parsed = cacheManifestSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new FormatError(file, describeZodIssues(parsed.error));
  return parsed.data;
}

export function writeCacheManifest(cacheDir: string, manifest: CacheManifest): void {
  writeFileAtomic(join(cacheDir, CACHE_FILES.manifest), `${JSON.stringify(manifest, null, 1)}\n`);
}

export function sameBuildParams(manifest: CacheManifest, params: CacheBuildParams): boolean {
  const { format: _f, version: _v, chunkNonZeros: _c, complete: _d, ...stored } = manifest;
  return JSON.stringify(sortKeys(stored)) === JSON.stringify(sortKeys(params));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value) || value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

export function totalNonZeros(manifest: CacheManifest): number {
  return manifest.chunkNonZeros.reduce((sum, n) => sum + n, 0);
}
