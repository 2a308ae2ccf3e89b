import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIVE_PACK_SETTING, readAppSetting } from "@/db/app-settings";
import { openDatabase, type RewriteDatabase } from "@/db/client";
import { findPackByName } from "@/db/packs";
import { DEMO_SHAPED_CONFIG, writeRandomGptNeoXSnapshot, writeRandomSparsifyCoder } from "@/lib/model/testing/random-snapshot";
import { addPack } from "./add-pack";
import { loadActivePack } from "./loaded-pack";
import { listPackEntries } from "./pack-list";
import { activePackDir, registerKnownPacks, removePack, resolvePackDir, usePack } from "./pack-registry";

const DEMO_PACK = resolve("packs/demo");

let root: string;
let db: RewriteDatabase;
let dataDir: string;

async function addTinyPack(name: string): Promise<string> {
  const model = join(root, "model");
  if (!existsSync(model)) {
    writeRandomGptNeoXSnapshot(model, { ...DEMO_SHAPED_CONFIG, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 16 }, 1);
    copyFileSync(join(DEMO_PACK, "model", "tokenizer.json"), join(model, "tokenizer.json"));
    writeRandomSparsifyCoder(join(root, "run", "layers.0.mlp"), { dIn: 16, numLatents: 16, k: 2, transcode: true, skipConnection: false }, 2);
  }
  return (await addPack(db, { name, model, coders: [join(root, "run")] }, { dataDir, now: new Date() })).dir;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "rewrite-registry-"));
  dataDir = join(root, "data");
  db = openDatabase(join(dataDir, "rewrite.sqlite"));
  process.env.REWRITE_PACK_DIR = DEMO_PACK;
});
afterEach(() => {
  db.$client.close();
  rmSync(root, { recursive: true, force: true });
});

describe.runIf(existsSync(join(DEMO_PACK, "pack.json")))("the pack registry", () => {
  it("shows the REWRITE_PACK_DIR pack until another is chosen, then the chosen one", async () => {
    expect(activePackDir(db)).toBe(DEMO_PACK);
    const tiny = await addTinyPack("tiny");
    expect(activePackDir(db)).toBe(DEMO_PACK);
    usePack(db, "tiny");
    expect(readAppSetting(db, ACTIVE_PACK_SETTING)).toBe("tiny");
    expect(activePackDir(db)).toBe(tiny);
    const state = loadActivePack(db);
    expect(state.status === "ok" && state.pack.name).toBe("tiny");
    expect(() => usePack(db, "nope")).toThrow(/no pack named "nope" is registered/);
  });

  it("resolves --pack by name or by folder, and says when it is neither", async () => {
    const tiny = await addTinyPack("tiny");
    expect(resolvePackDir(db, "tiny")).toBe(tiny);
    expect(resolvePackDir(db, "packs/demo")).toBe(DEMO_PACK);
    expect(resolvePackDir(db)).toBe(DEMO_PACK);
    expect(() => resolvePackDir(db, "ghost")).toThrow(/"ghost" is neither a registered pack .* nor a folder with a pack\.json/);
  });

  it("lists the REWRITE_PACK_DIR pack and the added ones, marking the active one", async () => {
    await addTinyPack("tiny");
    usePack(db, "tiny");
    const entries = listPackEntries(db);
    expect(entries.map((e) => [e.name, e.active, e.fromEnvironment])).toEqual([
      ["demo", false, true],
      ["tiny", true, false],
    ]);
    expect(entries[0].corpus).toEqual({ path: join(DEMO_PACK, "corpus.json"), format: "corpus-manifest" });
    expect(entries[1].caches).toEqual([]);
  });

  it("removes an added pack (and its pack.json folder, not the model) and falls back to the REWRITE_PACK_DIR pack", async () => {
    const tiny = await addTinyPack("tiny");
    usePack(db, "tiny");
    removePack(db, "tiny", dataDir);
    expect(findPackByName(db, "tiny")).toBeUndefined();
    expect(existsSync(tiny)).toBe(false);
    expect(existsSync(join(root, "model", "model.safetensors"))).toBe(true);
    expect(activePackDir(db)).toBe(DEMO_PACK);
    registerKnownPacks(db, new Date());
    expect(() => removePack(db, "demo", dataDir)).toThrow(/is the REWRITE_PACK_DIR pack/);
  });

  it("writes nothing while pages and commands read packs; start-up registers and refreshes them", async () => {
    await addTinyPack("tiny");
    const changes = () => db.$client.prepare("SELECT total_changes()").pluck().get() as number;
    const before = changes();
    for (let request = 0; request < 3; request++) {
      loadActivePack(db);
      listPackEntries(db);
      resolvePackDir(db, "tiny");
    }
    expect(changes()).toBe(before);
    expect(findPackByName(db, "demo")).toBeUndefined();
    registerKnownPacks(db, new Date());
    expect(findPackByName(db, "demo")?.dir).toBe(DEMO_PACK);
    // A second start-up with unchanged files rewrites nothing.
    const registered = changes();
    registerKnownPacks(db, new Date());
    expect(changes()).toBe(registered);
  });
});
