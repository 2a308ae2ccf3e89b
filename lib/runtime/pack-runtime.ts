import { resolve } from "node:path";
import { SparseCoder } from "@/lib/coder/sparse-coder";
import { readTokenizer, type TextTokenizer } from "@/lib/formats/tokenizer";
import { openReadablePack } from "@/lib/packs/open-pack";
import { packCoderDir, packModelDir, type PackManifest } from "@/lib/packs/pack-manifest";
import { HookedGptNeoX } from "@/lib/model/hooked-model";

// One pack's runtime (tokenizer, hooked model, coders), loaded once per process and kept on globalThis so route
// handlers, which Next may re-evaluate, share the ORT sessions. A pack whose files change is reloaded.

export interface PackRuntime {
  dir: string;
  identity: string;
  manifest: PackManifest;
  tokenizer: TextTokenizer;
  model: HookedGptNeoX;
  /** The coder at `hookpoint` (loaded on first use). */
  coder(hookpoint: string): SparseCoder;
  release(): Promise<void>;
}

export function loadPackRuntime(packDir: string): PackRuntime {
  const { dir, manifest, identity } = openReadablePack(packDir);
  const modelDir = packModelDir(dir, manifest);
  const coders = new Map<string, SparseCoder>();
  const model = HookedGptNeoX.load(modelDir);
  return {
    dir,
    identity,
    manifest,
    tokenizer: readTokenizer(modelDir),
    model,
    coder(hookpoint) {
      const entry = manifest.coders.find((c) => c.hookpoint === hookpoint);
      if (!entry) throw new Error(`the pack at ${dir} has no coder at "${hookpoint}"; it has ${manifest.coders.map((c) => c.hookpoint).join(", ")}`);
      let coder = coders.get(hookpoint);
      if (!coder) {
        coder = SparseCoder.load(packCoderDir(dir, entry));
        coders.set(hookpoint, coder);
      }
      return coder;
    },
    async release() {
      await Promise.all([model.release(), ...[...coders.values()].map((c) => c.release())]);
    },
  };
}

const runtimes: Map<string, PackRuntime> = ((globalThis as { __rewritePackRuntimes?: Map<string, PackRuntime> }).__rewritePackRuntimes ??= new Map());

/** The process-wide runtime of the pack at `packDir`, reloaded when its files' identity changes. */
export function getPackRuntime(packDir: string): PackRuntime {
  const dir = resolve(packDir);
  const cached = runtimes.get(dir);
  if (cached && cached.identity === openReadablePack(dir).identity) return cached;
  void cached?.release();
  const runtime = loadPackRuntime(dir);
  runtimes.set(dir, runtime);
  return runtime;
}
