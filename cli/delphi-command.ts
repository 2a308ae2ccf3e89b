// `rewrite delphi import | export`: results computed with EleutherAI's delphi (latent caches, explanations,
// detection / fuzzing scores) into the pack's caches, and the pack's own results out in delphi's layout.
import { type Command, Option } from "commander";
import { getDatabase } from "@/db/client";
import { cacheTokenText } from "@/lib/cache/stage-cache";
import { delphiTargetOfPack } from "@/lib/delphi/delphi-target";
import { exportDelphiResults } from "@/lib/delphi/export-delphi-results";
import { importDelphiResults } from "@/lib/delphi/import-delphi-results";
import { describeDelphiImport } from "./describe-delphi-import";
import { dataDir } from "@/lib/settings";
import { integerAtLeast } from "./integer-option";
import { stopSignal } from "./stop-signal";
import { chosenPackDir, PACK_OPTION_HELP } from "./pack-option";

const PACK_OPTION = ["--pack <name|dir>", PACK_OPTION_HELP] as const;
const HOOKPOINT_OPTION = ["--hookpoint <hookpoint...>", "only these hookpoints, e.g. layers.6.mlp (default: all)"] as const;

export function registerDelphiCommand(program: Command): void {
  const delphi = program.command("delphi").description("Import results computed with EleutherAI's delphi, or export this pack's in delphi's layout.");

  delphi
    .command("import <dir>")
    .description("Import a delphi results folder (latents/, explanations/, scores/): checked against the pack first; what cannot be imported is listed.")
    .option(...PACK_OPTION)
    .option(...HOOKPOINT_OPTION)
    .option("--seed <n>", "seed for the summaries' example sampling", integerAtLeast(0), 0)
    .option("--make-current", "make the imported explanations current where a latent already has another current one (default: keep it)")
    .action(async (dir: string, options: { pack?: string; hookpoint?: string[]; seed: number; makeCurrent?: boolean }) => {
      const target = delphiTargetOfPack(chosenPackDir(options.pack));
      const result = await importDelphiResults(getDatabase(), {
        dir,
        target,
        dataDir: dataDir(),
        hookpoints: options.hookpoint,
        seed: options.seed,
        makeCurrent: options.makeCurrent,
        onProgress: (message) => console.log(message),
      });
      console.log(describeDelphiImport(result).join("\n"));
    });

  delphi
    .command("export <dir>")
    .description("Write the pack's caches, current explanations and their scores in delphi's layout, for delphi's readers: into a new folder, swapped in whole.")
    .option(...PACK_OPTION)
    .option(...HOOKPOINT_OPTION)
    .option("--splits <n>", "latent ranges (files) per hookpoint, delphi's n_splits", integerAtLeast(1), 5)
    .addOption(new Option("--activations <dtype>", "f16 as delphi writes, or f32 to keep every bit").choices(["f16", "f32"]).default("f16"))
    .option("--force", "replace a folder holding a different export, or delphi results Rewrite did not write")
    .action(async (dir: string, options: { pack?: string; hookpoint?: string[]; splits: number; activations: "f16" | "f32"; force?: boolean }) => {
      const packDir = chosenPackDir(options.pack);
      const target = delphiTargetOfPack(packDir);
      const db = getDatabase();
      const result = await exportDelphiResults(db, {
        dir,
        force: options.force,
        signal: stopSignal(),
        packIdentity: target.packIdentity,
        packName: target.packName,
        modelName: target.modelDir ?? target.packName,
        hookpoints: options.hookpoint,
        splits: options.splits,
        activationDtype: options.activations === "f32" ? "F32" : "F16",
        tokenText: (row) => cacheTokenText(db, row, packDir),
      });
      for (const c of result.caches) console.log(`${c.hookpoint}: ${c.files.length} latent files, ${c.nonZeros} activations`);
      const without = result.scoresWithoutRecords ? ` (${result.scoresWithoutRecords} scores kept no per-example records and have no file)` : "";
      const outcome = { written: "written to", replaced: "replaced the different export in", unchanged: "the same as the export already in (left as it was)" }[result.outcome];
      console.log(`explanations: ${result.explanations}; scores: ${result.scores}${without}; ${outcome} ${dir}`);
    });
}
