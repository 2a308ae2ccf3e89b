import { join } from "node:path";
import { z } from "zod";
import { FormatError } from "@/lib/formats/format-error";
import { readJsonFile } from "@/lib/formats/hf-config";
import { describeZodIssues } from "@/lib/formats/zod-issues";

// pack.json: which HF snapshot, which sparsify coders and which corpus make one pack.
const packManifestSchema = z.object({
  name: z.string().min(1),
  model: z.string().min(1),
  layer: z.number().int().nonnegative(),
  coders: z
    .array(z.object({ kind: z.enum(["transcoder", "sae"]), hookpoint: z.string().min(1), path: z.string().min(1) }))
    .min(1),
  corpus: z.string().min(1).optional(),
  context_length: z.number().int().positive().default(128),
});

export type PackManifest = z.infer<typeof packManifestSchema>;

export const PACK_MANIFEST_FILE = "pack.json";

export function readPackManifest(packDir: string): PackManifest {
  const file = join(packDir, PACK_MANIFEST_FILE);
  const parsed = packManifestSchema.safeParse(readJsonFile(file));
  if (!parsed.success) throw new FormatError(file, describeZodIssues(parsed.error));
  return parsed.data;
}
