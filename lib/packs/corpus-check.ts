// Checks a corpus before it joins a pack: a known format, readable, with documents for both splits, and (when
// pre-tokenized) ids inside the model's vocabulary.
import { FormatError } from "@/lib/formats/format-error";
import { readCorpusManifest } from "@/lib/corpus/corpus-manifest";
import { corpusFormat, HELDOUT_EVERY, readCorpusSplit, type CorpusFormat } from "@/lib/corpus/pack-corpus";

export interface CheckedCorpus {
  format: CorpusFormat;
  trainDocuments: number;
  heldoutDocuments: number;
}

export function checkPackCorpus(path: string, options: { separatorId: number; vocabSize: number }): CheckedCorpus {
  const format = corpusFormat(path);
  if (format === "corpus-manifest") {
    const { documents } = readCorpusManifest(path);
    const heldoutDocuments = documents.filter((d) => d.split === "heldout").length;
    return { format, trainDocuments: documents.length - heldoutDocuments, heldoutDocuments };
  }
  const train = readCorpusSplit(path, "train", options);
  const heldout = readCorpusSplit(path, "heldout", options);
  if (heldout.length === 0) {
    const how = format === "token-ids" ? `documents (cut at the end-of-text id ${options.separatorId})` : "documents";
    throw new FormatError(path, `holds ${train.length} ${how}; every ${HELDOUT_EVERY}th is held out for the evaluation, so at least ${HELDOUT_EVERY} are needed`);
  }
  for (const document of [...train, ...heldout]) {
    if (typeof document === "string") continue;
    const bad = document.find((id) => id >= options.vocabSize);
    if (bad !== undefined) throw new FormatError(path, `holds token id ${bad}, outside the model's vocab_size ${options.vocabSize}; tokenize the corpus with the pack's own tokenizer`);
  }
  return { format, trainDocuments: train.length, heldoutDocuments: heldout.length };
}
