// Checks a corpus before it joins a pack: a known format, readable, with documents for both splits, and (when
// pre-tokenized) ids inside the model's vocabulary. The corpus is reached through the request's PackPathScope: a
// folder is walked and its files read with awaited calls, a single file is read whole only within the byte limit.
import { readFile } from "node:fs/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { readCorpusManifest } from "@/lib/corpus/corpus-manifest";
import { corpusFormat, HELDOUT_EVERY, type CorpusFormat } from "@/lib/corpus/pack-corpus";
import { readTokenIdFile } from "@/lib/corpus/token-id-files";
import { describeTokenIdReading, tokenIdDocuments, type TokenIdReading } from "@/lib/corpus/token-id-reading";
import { decodeStrictUtf8 } from "@/lib/corpus/corpus-text-rules";
import { jsonLinesDocuments, textFileDocument, walkTextFiles } from "@/lib/corpus/text-documents";
import { FormatError } from "@/lib/formats/format-error";
import { probePath, scopedFile, type PackPathScope } from "./pack-path-scope";

export interface CheckedCorpus {
  /** The corpus's real path. */
  path: string;
  format: CorpusFormat;
  trainDocuments: number;
  heldoutDocuments: number;
  /** How pre-tokenized ids were read (cut at end-of-text, or one context per row); undefined for text. */
  tokenIdReading?: TokenIdReading;
  /** The reading in words, recorded in pack.json and printed by `rewrite pack add`. */
  description: string;
}

/** Documents of a text folder or a text / JSON-lines file, counted with a turn of the event loop every so often. */
async function countTextDocuments(path: string, format: CorpusFormat, scope: PackPathScope): Promise<number> {
  if (format === "text-folder") {
    let count = 0;
    for (const file of await walkTextFiles(path, scope.limits)) if (textFileDocument(file, await readFile(file.path))) count++;
    return count;
  }
  const text = decodeStrictUtf8(await readFile(path));
  if (text === undefined) throw new FormatError(path, "is not valid UTF-8; convert it (e.g. iconv -t utf-8) first");
  if (format === "text-file") return 1;
  let count = 0;
  for (const _ of jsonLinesDocuments(text, path)) if (++count % 10_000 === 0) await nextTurn();
  return count;
}

export async function checkPackCorpus(given: string, options: { separatorId: number; vocabSize: number }, scope: PackPathScope): Promise<CheckedCorpus> {
  const path = await probePath(scope, given);
  if (path === undefined) throw new FormatError(given, "does not exist");
  const format = corpusFormat(path);
  // Files read whole stay within the walk's byte limit; a folder's files are counted by its walk.
  if (format !== "text-folder") await scopedFile(scope, path, "does not exist", scope.limits.maxBytes);
  if (format === "corpus-manifest") {
    const { documents } = readCorpusManifest(path);
    const heldoutDocuments = documents.filter((d) => d.split === "heldout").length;
    return { path, format, trainDocuments: documents.length - heldoutDocuments, heldoutDocuments, description: `corpus.json: ${documents.length} documents, its own split` };
  }
  let documents: number;
  let tokenIdReading: TokenIdReading | undefined;
  if (format === "token-ids") {
    const array = readTokenIdFile(path);
    const bad = array.ids.find((id) => id >= options.vocabSize);
    if (bad !== undefined) throw new FormatError(path, `holds token id ${bad}, outside the model's vocab_size ${options.vocabSize}; tokenize the corpus with the pack's own tokenizer`);
    tokenIdReading = tokenIdDocuments(array, options.separatorId).reading;
    documents = tokenIdReading.kind === "context-rows" ? tokenIdReading.rows : tokenIdReading.documents;
  } else {
    documents = await countTextDocuments(path, format, scope);
  }
  const description = tokenIdReading ? describeTokenIdReading(tokenIdReading) : `${documents} documents (${format})`;
  // Documents 9, 19, 29, … are held out (readCorpusSplit).
  const heldoutDocuments = Math.floor(documents / HELDOUT_EVERY);
  if (heldoutDocuments === 0) {
    const oneStream = tokenIdReading?.kind === "end-of-text" && documents <= 1 ? `; ids without any end-of-text id are read one context per row only as a 2-D [n_seq, ctx] tensor` : "";
    throw new FormatError(path, `holds ${description}; every ${HELDOUT_EVERY}th is held out for the evaluation, so at least ${HELDOUT_EVERY} are needed${oneStream}`);
  }
  return { path, format, trainDocuments: documents - heldoutDocuments, heldoutDocuments, tokenIdReading, description };
}
