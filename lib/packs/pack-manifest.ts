import { join, resolve } from "node:path";
import { z } from "zod";
import { FormatError } from "@/lib/formats/format-error";
import { readJsonFile } from "@/lib/formats/hf-config";
import { describeZodIssues } from "@/lib/formats/zod-issues";

// pack.json: which HF snapshot, which sparsify coders and which corpus make one pack. Paths are relative to the
// pack folder or absolute (`rewrite pack add` points at the user's folders instead of copying weights).
const packCoderSchema = z.object({ kind: z.enum(["transcoder", "sae"]), hookpoint: z.string().min(1), path: z.string().min(1) });

const packManifestSchema = z.object({
  name: z.string().min(1),
  model: z.string().min(1),
  layer: z.number().int().nonnegative(),
  coders: z.array(packCoderSchema).min(1),
  corpus: z.string().min(1).optional(),
  /** How the corpus is read, in words (e.g. a token tensor read one context per row); written by `pack add`. */
  corpus_reading: z.string().optional(),
  context_length: z.number().int().positive().default(128),
});

export type PackManifest = z.infer<typeof packManifestSchema>;
export type PackManifestCoder = z.infer<typeof packCoderSchema>;

export const PACK_MANIFEST_FILE = "pack.json";

export function readPackManifest(packDir: string): PackManifest {
  const file = join(packDir, PACK_MANIFEST_FILE);
  const parsed = packManifestSchema.safeParse(readJsonFile(file));
  if (!parsed.success) throw new FormatError(file, describeZodIssues(parsed.error));
  return parsed.data;
}

// resolve, not join: join(dir, "/abs") would nest the absolute path under the pack folder.
export function packModelDir(packDir: string, manifest: PackManifest): string {
  return resolve(/*turbopackIgnore: true*/ packDir, manifest.model);
}

export function packCoderDir(packDir: string, coder: PackManifestCoder): string {
  return resolve(/*turbopackIgnore: true*/ packDir, coder.path);
}

/** The corpus file or folder, or undefined when the pack names none. */
export function packCorpusPath(packDir: string, manifest: PackManifest): string | undefined {
  return manifest.corpus === undefined ? undefined : resolve(/*turbopackIgnore: true*/ packDir, manifest.corpus);
}
