// Measures how far the import graph is from ARCHITECTURE.md's layout: upward arrows, folder cycles, face bypasses,
// production files only tests import. Run: npx tsx scripts/house-report.ts [--list]
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = process.cwd();
const scanned = ["app", "components", "lib", "db", "cli", "bench", "scripts"];
// Importers outside the scanned rooms that still count when asking "who uses this file?".
const extraImporters = ["e2e", "training", "instrumentation.ts", "proxy.ts", "playwright.config.ts"];
const list = process.argv.includes("--list");

// ARCHITECTURE.md: "Imports point down this list and never up"; one entry per level, peers share a level.
const levels: string[][] = [
  ["app", "cli", "scripts"],
  ["components", "bench"],
  ["share"],
  ["explore", "pipeline", "delphi"],
  ["evaluate"],
  ["score", "calibrate"],
  ["explain", "simulate"],
  ["cache", "browser"],
  ["runtime"],
  ["coder"],
  ["model", "packs", "jobs"],
  ["corpus", "db", "llm", "http"],
  ["formats", "core", "settings"],
];
const levelOf = new Map(levels.flatMap((names, level) => names.map((name) => [name, level] as const)));

function walk(entry: string, out: string[]): void {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    if (/\.tsx?$/.test(entry) && !entry.endsWith(".d.ts")) out.push(entry);
    return;
  }
  for (const name of readdirSync(full)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    walk(path.join(entry, name), out);
  }
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.join(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(root, candidate);
    if (existsSync(full) && statSync(full).isFile()) return path.normalize(candidate);
  }
  return null;
}

/** The room a file lives in: lib/<folder> by folder name, lib/settings.ts as "settings", else the top folder. */
function roomOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] === "lib") return parts.length > 2 ? parts[1] : parts[1].replace(/\.tsx?$/, "");
  return parts[0];
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith(`e2e${path.sep}`);
const isTestSupport = (file: string) => file.split(path.sep).some((part) => part === "testing" || part === "fixtures");

const files: string[] = [];
for (const entry of scanned) walk(entry, files);
const importerFiles: string[] = [...files];
for (const entry of extraImporters) walk(entry, importerFiles);

type Edge = { from: string; to: string };
const edges: Edge[] = [];
const unresolved: string[] = [];
for (const file of importerFiles) {
  const info = ts.preProcessFile(readFileSync(path.join(root, file), "utf8"), true, true);
  for (const imported of info.importedFiles) {
    const spec = imported.fileName;
    const target = resolve(file, spec);
    if (target) edges.push({ from: file, to: target });
    else if (spec.startsWith("@/") || spec.startsWith(".")) unresolved.push(`${file} → ${spec}`);
  }
}
const inScope = new Set(files);
const roomEdges = edges.filter((e) => inScope.has(e.from) && inScope.has(e.to) && roomOf(e.from) !== roomOf(e.to));

// 1. Upward arrows (against the order) and the two special rules.
const upward: string[] = [];
const ruleBreaks: string[] = [];
const unknownRooms = new Set<string>();
for (const e of roomEdges) {
  const [a, b] = [roomOf(e.from), roomOf(e.to)];
  const [la, lb] = [levelOf.get(a), levelOf.get(b)];
  if (la === undefined) unknownRooms.add(a);
  if (lb === undefined) unknownRooms.add(b);
  if (la !== undefined && lb !== undefined && lb < la) upward.push(`${e.from} → ${e.to}`);
  if (a === "core") ruleBreaks.push(`core imports ours: ${e.from} → ${e.to}`);
  if (a === "db" && b !== "settings") ruleBreaks.push(`db imports beyond lib/settings: ${e.from} → ${e.to}`);
}

// 2. Folder cycles: strongly connected components (Tarjan) of the room graph.
const isProductionEdge = (e: Edge) => !isTest(e.from) && !isTestSupport(e.from);
function sccs(edgeList: Edge[]): string[][] {
const graph = new Map<string, Set<string>>();
for (const e of edgeList) {
  const a = roomOf(e.from);
  if (!graph.has(a)) graph.set(a, new Set());
  graph.get(a)!.add(roomOf(e.to));
}
const cycles: string[][] = [];
{
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
}
return cycles;
}
const cycles = sccs(roomEdges);
const productionCycles = sccs(roomEdges.filter(isProductionEdge));
// Only the arrows that close a cycle are worth listing: those pointing up or sideways (between peers).
const cycleEdges = (component: string[]) =>
  roomEdges
    .filter((e) => component.includes(roomOf(e.from)) && component.includes(roomOf(e.to)))
    .filter((e) => (levelOf.get(roomOf(e.to)) ?? -1) <= (levelOf.get(roomOf(e.from)) ?? -1))
    .map((e) => `${e.from} → ${e.to}`);

// 3. Face bypasses: an import from outside a folder with an index.ts into another of its files.
const faced = new Set(files.filter((f) => /^index\.tsx?$/.test(path.basename(f))).map((f) => path.dirname(f)));
const bypasses = new Map<string, string[]>();
const testingReaches = new Map<string, number>();
for (const e of edges) {
  const folder = [...faced].find((dir) => e.to.startsWith(dir + path.sep));
  if (!folder || e.from.startsWith(folder + path.sep) || path.dirname(e.to) === folder && /^index\.tsx?$/.test(path.basename(e.to))) continue;
  // Tests reaching a folder's testing/ fakes go around the production face on purpose.
  if (isTestSupport(e.to) && (isTest(e.from) || isTestSupport(e.from))) {
    testingReaches.set(folder, (testingReaches.get(folder) ?? 0) + 1);
    continue;
  }
  if (!bypasses.has(folder)) bypasses.set(folder, []);
  bypasses.get(folder)!.push(`${e.from} → ${e.to}`);
}

// 4. Production files that only tests reach: not reachable from a production entry point (a Next.js page, layout
// or route, the CLI, a bench or script, a child process a production file names), yet imported by a test.
const entryPoint = (file: string) =>
  /^app\/.*\/?(page|layout|route|loading|error|not-found|template|default|global-error)\.tsx?$/.test(file.split(path.sep).join("/")) ||
  /^(cli\/rewrite|instrumentation|proxy)\.ts$/.test(file.split(path.sep).join("/")) ||
  file.startsWith(`scripts${path.sep}`) ||
  (file.startsWith(`bench${path.sep}`) && !isTest(file));
const importsOf = new Map<string, string[]>();
for (const e of edges) importsOf.set(e.from, [...(importsOf.get(e.from) ?? []), e.to]);
const reach = (starts: string[]) => {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...(importsOf.get(file) ?? []));
  }
  return seen;
};
let production = reach(importerFiles.filter(entryPoint));
// A child process is reached by its path, not an import: count it when a production file names it.
for (let grown = true; grown; ) {
  grown = false;
  const texts = [...production].map((f) => readFileSync(path.join(root, f), "utf8"));
  const children = files.filter((f) => f.endsWith(".child.ts") && !production.has(f) && !isTestSupport(f) &&
    texts.some((text) => text.includes(path.basename(f))));
  if (children.length) {
    production = reach([...production, ...children]);
    grown = true;
  }
}
const fromTests = reach(importerFiles.filter((f) => isTest(f)));
const testOnly = files.filter((f) => !isTest(f) && !isTestSupport(f) && !production.has(f) && fromTests.has(f));
const unreached = files.filter((f) => !isTest(f) && !isTestSupport(f) && !production.has(f) && !fromTests.has(f));
const misplacedSupport = files.filter((f) => !isTest(f) && !isTestSupport(f) && /(^|[-/])(fake|test|synthetic|fixture)[-.]/.test(path.basename(f)));

const section = (title: string, count: number, rows: string[]) => {
  console.log(`${title}: ${count}`);
  if (list) for (const row of rows) console.log(`  ${row}`);
};
console.log(`files: ${files.length}, import edges: ${edges.length}, cross-room edges: ${roomEdges.length}`);
const upwardFromTests = upward.filter((row) => isTest(row.split(" → ")[0]) || isTestSupport(row.split(" → ")[0]));
section(`upward arrows (${upward.length - upwardFromTests.length} from production files, ${upwardFromTests.length} from tests)`, upward.length, upward.sort());
section("rule breaks (core imports ours / db beyond settings)", ruleBreaks.length, ruleBreaks.sort());
section("folder cycles", cycles.length, cycles.flatMap((c) => [c.join(" ⇄ "), ...cycleEdges(c).map((e) => `  ${e}`)]));
section("folder cycles without test files", productionCycles.length, productionCycles.flatMap((c) => [c.join(" ⇄ "), ...cycleEdges(c).filter((e) => isProductionEdge({ from: e.split(" → ")[0], to: "" })).map((e) => `  ${e}`)]));
const bypassTotal = [...bypasses.values()].reduce((n, rows) => n + rows.length, 0);
console.log(`face bypasses: ${bypassTotal}`);
for (const [folder, rows] of [...bypasses].sort()) {
  console.log(`  ${folder}: ${rows.length}`);
  if (list) for (const row of rows.sort()) console.log(`    ${row}`);
}
if (testingReaches.size) console.log(`  (tests reaching testing/ fakes, not counted: ${[...testingReaches].map(([f, n]) => `${f} ${n}`).join(", ")})`);
section("test-only production files", testOnly.length, testOnly.sort());
section("production files nothing reaches", unreached.length, unreached.sort());
section("test support among production files (by name)", misplacedSupport.length, misplacedSupport.sort());
if (unknownRooms.size) console.log(`rooms not in the order: ${[...unknownRooms].sort().join(", ")}`);
if (unresolved.length) section("unresolved imports", unresolved.length, unresolved);
