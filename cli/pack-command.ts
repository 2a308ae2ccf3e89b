// `rewrite pack add | list | use | remove`: register a Hugging Face snapshot + sparsify coders + corpus as a pack,
// see every pack, and choose the one the app and the other commands use.
import type { Command } from "commander";
import { getDatabase } from "@/db/client";
import { addPack } from "@/lib/packs/add-pack";
import { listPackEntries, type PackListEntry } from "@/lib/packs/pack-list";
import { removePack, usePack } from "@/lib/packs/pack-registry";
import { dataDir } from "@/lib/settings";
import { integerAtLeast } from "./integer-option";

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** One pack as a few indented lines. */
export function describePackEntry(entry: PackListEntry): string {
  const marker = entry.active ? "*" : " ";
  const origin = entry.fromEnvironment ? " (REWRITE_PACK_DIR)" : "";
  const lines = [`${marker} ${entry.name}${origin}  ${entry.dir}`];
  const { state } = entry;
  if (state.status !== "ok") {
    lines.push(`    ${state.status === "missing" ? "missing: no pack.json" : `invalid: ${state.error}`}`);
    return lines.join("\n");
  }
  const { model, coders, contextLength } = state.pack;
  lines.push(`    model: GPT-NeoX, ${model.layers} layers, d_model ${model.dModel}, vocabulary ${model.vocabSize}; contexts of ${contextLength} tokens; identity ${state.identity}`);
  for (const coder of coders) {
    const cache = entry.caches.find((c) => c.hookpoint === coder.hookpoint);
    const cached = cache ? `${cache.numTokens.toLocaleString("en-US")} tokens cached${cache.summarized ? "" : " (summaries unfinished)"}` : "not cached";
    lines.push(`    ${coder.kind} ${coder.hookpoint}: ${coder.numLatents.toLocaleString("en-US")} latents, k=${coder.k}${coder.skipConnection ? ", skip" : ""}; ${cached}`);
  }
  lines.push(`    corpus: ${entry.corpus ? `${entry.corpus.path} (${entry.corpus.reading ?? entry.corpus.format})` : "none"}`);
  return lines.join("\n");
}

export function registerPackCommand(program: Command): void {
  const pack = program.command("pack").description("Register, list and choose model packs (HF snapshot + sparsify coders + corpus).");

  pack
    .command("add <name>")
    .description("Check a Hugging Face GPT-NeoX snapshot, sparsify coders and a corpus, and register them as a pack (nothing is copied).")
    .requiredOption("--model <dir>", "the snapshot folder: config.json, model.safetensors (or shards + index), tokenizer.json")
    .requiredOption("--coder <dir>", "a sparsify <hookpoint>/ folder (cfg.json + sae.safetensors) or a run folder holding several; repeat for more", collect)
    .option("--hookpoint <name>", "use only this hookpoint of run folders (e.g. layers.6.mlp), or name the hookpoint of a folder whose name is not one")
    .option("--corpus <path>", "a folder of .txt files, a .txt or .jsonl file ({\"text\": …} per line), token ids (.npy or .safetensors), or a corpus.json")
    .option("--seed <n>", "which seed<N>/ folder of a sparsify run trained with several seeds (default: the lowest)", integerAtLeast(0))
    .option("--context-length <n>", "tokens per cached context (default 256 capped by max_position_embeddings; a [n_seq, ctx] token corpus without end-of-text ids: ctx)", integerAtLeast(1))
    .option("--use", "make it the active pack too")
    .action(async (name: string, options: { model: string; coder: string[]; hookpoint?: string; seed?: number; corpus?: string; contextLength?: number; use?: boolean }) => {
      const db = getDatabase();
      // Any folder: the CLI runs as the user, unlike the /packs form, which is confined to REWRITE_PACK_ROOTS.
      const request = { name, model: options.model, coders: options.coder, hookpoint: options.hookpoint, seed: options.seed, corpus: options.corpus, contextLength: options.contextLength };
      const row = await addPack(db, request, { dataDir: dataDir(), now: new Date() });
      for (const note of row.notes) console.log(note);
      console.log(`Registered pack ${row.name} (identity ${row.identity}), pack.json in ${row.dir}.`);
      if (options.use) usePack(db, name);
      console.log(options.use ? `It is now the active pack.` : `Make it the active pack with: rewrite pack use ${name}`);
    });

  pack
    .command("list")
    .description("Every registered pack, its model, coders, identity, corpus and cache status; * marks the active one.")
    .action(() => {
      const entries = listPackEntries(getDatabase());
      console.log(entries.map(describePackEntry).join("\n"));
    });

  pack
    .command("use <name>")
    .description("Make a registered pack the active one (the app shows it; commands without --pack use it).")
    .action((name: string) => {
      const row = usePack(getDatabase(), name);
      console.log(`Active pack: ${row.name} (${row.dir}).`);
    });

  pack
    .command("remove <name>")
    .description("Unregister a pack added with `pack add` (its model and coder folders are left alone).")
    .action((name: string) => {
      const row = removePack(getDatabase(), name, dataDir());
      console.log(`Removed pack ${row.name}; its activation caches stay under the data dir, found again if the same files are added back.`);
    });
}
