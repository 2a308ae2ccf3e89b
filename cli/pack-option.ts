// `--pack <name|dir>` of every command that works on a pack: resolved the same way everywhere, and said out loud.
import { getDatabase } from "@/db/client";
import { openReadablePack } from "@/lib/packs/open-pack";
import { resolvePackDir } from "@/lib/packs/pack-registry";

export const PACK_OPTION_HELP = "a registered pack's name (rewrite pack list) or a folder with a pack.json (default: the active pack, see rewrite pack use)";

/** The folder of the pack a command works on, printed first so every run says which pack it used. */
export function chosenPackDir(nameOrDir?: string): string {
  const dir = resolvePackDir(getDatabase(), nameOrDir);
  console.log(`Pack: ${openReadablePack(dir).manifest.name} (${dir})`);
  return dir;
}
