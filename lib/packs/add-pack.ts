// `rewrite pack add` and the /packs form: check a Hugging Face snapshot, sparsify coders and a corpus, then write
// a pack.json under <data dir>/packs/<name>/ that points at those folders (no weights are copied) and register
// it. Everything is checked before anything is written, so a rejected pack leaves the database as it was.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RewriteDatabase } from "@/db/client";
import { findPackByName, upsertPack, type PackRow } from "@/db/packs";
import { FormatError } from "@/lib/formats/format-error";
import { parseHookpoint } from "@/lib/formats/hookpoint";
import { checkSparsifyCoder, findSparsifyCoders, type CheckedCoder } from "./coder-check";
import { checkPackCorpus } from "./corpus-check";
import { computePackIdentity } from "./pack-identity";
import { PACK_MANIFEST_FILE, type PackManifest } from "./pack-manifest";
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
  /** A folder of .txt files, a .txt / .jsonl file, token ids (.npy, .safetensors) or a corpus.json. */
  corpus?: string;
  contextLength?: number;
}

export interface AddPackOptions {
  dataDir: string;
  now: Date;
}

/** Every check of `rewrite pack add`; returns the manifest to write. Throws a FormatError or PackRequestError on the first problem. */
export function checkPackRequest(db: RewriteDatabase, request: AddPackRequest): PackManifest {
  if (!PACK_NAME_PATTERN.test(request.name)) throw new PackRequestError(`pack name "${request.name}" must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  const existing = findPackByName(db, request.name);
  // The REWRITE_PACK_DIR pack takes its name whenever it is read, even before it is first registered.
  if (existing || request.name === defaultPackName()) {
    throw new PackRequestError(`a pack named "${request.name}" is already registered${existing ? ` (${existing.dir})` : ""}; choose another name or remove it first (rewrite pack remove ${request.name})`, 409);
  }
  if (request.coders.length === 0) throw new PackRequestError("name at least one sparsify coder folder (--coder <dir>)");
  const modelDir = resolve(request.model);
  const { config, separatorId } = checkGptNeoXSnapshot(modelDir);
  const coders: CheckedCoder[] = [];
  for (const dir of request.coders) {
    for (const found of findSparsifyCoders(resolve(dir), request.hookpoint)) {
      const twin = coders.find((c) => c.hookpoint === found.hookpoint);
      if (twin) throw new FormatError(found.dir, `is a second coder for ${found.hookpoint} (the first is ${twin.dir}); a pack holds one coder per hookpoint`);
      coders.push(checkSparsifyCoder(found, config));
    }
  }
  const maxLength = config.max_position_embeddings;
  const contextLength = request.contextLength ?? Math.min(DEFAULT_CONTEXT_LENGTH, maxLength);
  if (!Number.isInteger(contextLength) || contextLength < 1 || contextLength > maxLength) {
    throw new PackRequestError(`context length ${contextLength} must be an integer in [1, ${maxLength}] (the model's max_position_embeddings)`);
  }
  const corpus = request.corpus === undefined ? undefined : resolve(request.corpus);
  if (corpus !== undefined) checkPackCorpus(corpus, { separatorId, vocabSize: config.vocab_size });
  const main = coders.find((c) => c.kind === "transcoder") ?? coders[0];
  return {
    name: request.name,
    model: modelDir,
    layer: parseHookpoint(main.hookpoint).layer,
    coders: coders.map((c) => ({ kind: c.kind, hookpoint: c.hookpoint, path: c.dir })),
    ...(corpus === undefined ? {} : { corpus }),
    context_length: contextLength,
  };
}

/** Checks, writes <dataDir>/packs/<name>/pack.json and registers the pack with its identity. */
export function addPack(db: RewriteDatabase, request: AddPackRequest, options: AddPackOptions): PackRow {
  const manifest = checkPackRequest(db, request);
  const dir = join(packsDataDir(options.dataDir), request.name);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, PACK_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return upsertPack(db, readPackSummary(dir), computePackIdentity(dir), options.now);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
