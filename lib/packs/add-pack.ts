// `rewrite pack add` and the /packs form: check a Hugging Face snapshot, sparsify coders and a corpus, then write
// a pack.json under <data dir>/packs/<name>/ that points at those folders (no weights are copied) and register
// it. Everything is checked before anything is written, so a rejected pack leaves the database as it was. The
// /packs form checks within REWRITE_PACK_ROOTS (pack-path-scope.ts); the CLI may name any folder.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RewriteDatabase } from "@/db/client";
import { findPackByName, upsertPack, type PackRow } from "@/db/packs";
import { FormatError } from "@/lib/formats/format-error";
import { parseHookpoint } from "@/lib/formats/hookpoint";
import { checkSparsifyCoder, findSparsifyCoders, type CheckedCoder } from "./coder-check";
import { checkPackCorpus, type CheckedCorpus } from "./corpus-check";
import { computePackIdentity } from "./pack-identity";
import { PACK_MANIFEST_FILE, type PackManifest } from "./pack-manifest";
import { anyFolderScope, type PackPathScope } from "./pack-path-scope";
import { PackRequestError } from "./pack-request-error";
import { defaultPackName, packsDataDir } from "./pack-registry";
import { readPackSummary } from "./pack-summary";
import { checkGptNeoXSnapshot } from "./snapshot-check";

/** delphi's default context length, capped by the model's max_position_embeddings. */
export const DEFAULT_CONTEXT_LENGTH = 256;

export const PACK_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface AddPackRequest {
  name: string;
  /** The HF snapshot folder (config.json, model.safetensors, tokenizer.json). */
  model: string;
  /** sparsify folders: a `<hookpoint>/` folder, or a run folder holding several. */
  coders: readonly string[];
  /** Picks one hookpoint of run folders, or names the hookpoint of a folder whose name is not one. */
  hookpoint?: string;
  /** Which of sparsify's `<hookpoint>/seed<N>/` folders to take (default: the lowest seed). */
  seed?: number;
  /** A folder of .txt files, a .txt / .jsonl file, token ids (.npy, .safetensors) or a corpus.json. */
  corpus?: string;
  contextLength?: number;
}

export interface AddPackOptions {
  dataDir: string;
  now: Date;
  /** Which folders the request may name; any folder by default (the CLI). */
  scope?: PackPathScope;
}

function checkNameIsFree(db: RewriteDatabase, name: string): void {
  const existing = findPackByName(db, name);
  // The REWRITE_PACK_DIR pack takes its name whenever it is read, even before it is first registered.
  if (existing || name === defaultPackName()) {
    throw new PackRequestError(`a pack named "${name}" is already registered${existing ? ` (${existing.dir})` : ""}; choose another name or remove it first (rewrite pack remove ${name})`, 409);
  }
}

export interface CheckedPackRequest {
  manifest: PackManifest;
  /** Choices made for the user (a seed of a multi-seed coder, how the corpus is read), one line each. */
  notes: string[];
}

/** The context length: asked for, else delphi's 256, else a separator-free corpus's row length; within the model's positions. */
function chosenContextLength(request: AddPackRequest, maxLength: number, corpus: CheckedCorpus | undefined): number {
  const reading = corpus?.tokenIdReading;
  const rows = reading?.kind === "context-rows" ? reading.rowLength : undefined;
  const contextLength = request.contextLength ?? (rows !== undefined && rows <= maxLength ? rows : Math.min(DEFAULT_CONTEXT_LENGTH, maxLength));
  if (!Number.isInteger(contextLength) || contextLength < 1 || contextLength > maxLength) {
    throw new PackRequestError(`context length ${contextLength} must be an integer in [1, ${maxLength}] (the model's max_position_embeddings)`);
  }
  // Rows are shuffled as units: a context must not straddle two of them.
  if (rows !== undefined && rows % contextLength !== 0) {
    throw new PackRequestError(`the corpus is read as rows of ${rows} tokens, one context each; the context length ${contextLength} must divide ${rows} (omit --context-length to use ${rows})`);
  }
  return contextLength;
}

/** Every check of `rewrite pack add`; returns the manifest to write (real paths). Throws a FormatError or PackRequestError on the first problem. */
export async function checkPackRequest(db: RewriteDatabase, request: AddPackRequest, scope: PackPathScope = anyFolderScope()): Promise<CheckedPackRequest> {
  if (!PACK_NAME_PATTERN.test(request.name)) throw new PackRequestError(`pack name "${request.name}" must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  checkNameIsFree(db, request.name);
  if (request.coders.length === 0) throw new PackRequestError("name at least one sparsify coder folder (--coder <dir>)");
  const { dir: modelDir, config, separatorId } = await checkGptNeoXSnapshot(request.model, scope);
  const coders: CheckedCoder[] = [];
  for (const dir of request.coders) {
    for (const found of await findSparsifyCoders(dir, request.hookpoint, scope, request.seed)) {
      const twin = coders.find((c) => c.hookpoint === found.hookpoint);
      if (twin) throw new FormatError(found.dir, `is a second coder for ${found.hookpoint} (the first is ${twin.dir}); a pack holds one coder per hookpoint`);
      coders.push(await checkSparsifyCoder(found, config, scope));
    }
  }
  if (request.seed !== undefined && !coders.some((c) => c.seed)) throw new PackRequestError(`--seed ${request.seed} given, but no coder folder holds sparsify's seed<N>/ folders`);
  const corpus = request.corpus === undefined ? undefined : await checkPackCorpus(request.corpus, { separatorId, vocabSize: config.vocab_size }, scope);
  const contextLength = chosenContextLength(request, config.max_position_embeddings, corpus);
  const main = coders.find((c) => c.kind === "transcoder") ?? coders[0];
  const notes = coders.flatMap((c) => (c.seed ? [`${c.hookpoint}: seed ${c.seed.chosen} of sparsify's seeds ${c.seed.available.join(", ")} (${c.dir}; choose another with --seed)`] : []));
  if (corpus) notes.push(`corpus: ${corpus.description}`);
  const manifest = {
    name: request.name,
    model: modelDir,
    layer: parseHookpoint(main.hookpoint).layer,
    coders: coders.map((c) => ({ kind: c.kind, hookpoint: c.hookpoint, path: c.dir })),
    ...(corpus === undefined ? {} : { corpus: corpus.path, corpus_reading: corpus.description }),
    context_length: contextLength,
  };
  return { manifest, notes };
}

/** Checks, writes <dataDir>/packs/<name>/pack.json and registers the pack with its identity; `notes` say what was chosen. */
export async function addPack(db: RewriteDatabase, request: AddPackRequest, options: AddPackOptions): Promise<PackRow & { notes: string[] }> {
  const { manifest, notes } = await checkPackRequest(db, request, options.scope);
  // Again, now that the awaited checks are done: another request may have taken the name meanwhile.
  checkNameIsFree(db, request.name);
  const dir = join(packsDataDir(options.dataDir), request.name);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, PACK_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return { ...upsertPack(db, readPackSummary(dir), computePackIdentity(dir), options.now), notes };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
