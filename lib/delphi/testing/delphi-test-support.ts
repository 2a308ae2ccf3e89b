// Shared by the delphi tests: the fixture folder written by training/delphi_fixtures.py, its expected values,
// the pack it maps onto, and row counts that show whether an import touched the database.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RewriteDatabase } from "@/db/client";
import type { DelphiScoreMetrics } from "@/lib/delphi/delphi-score-file";
import type { DelphiTarget } from "@/lib/delphi/delphi-target";

export const FIXTURE_RESULTS = join(__dirname, "..", "fixtures", "results");

export interface FixtureExpected {
  hookpoint: string;
  numLatents: number;
  vocabSize: number;
  numContexts: number;
  contextLength: number;
  nonZeros: number;
  tokens: number[];
  latents: Record<string, { positions: number[]; values: number[] }>;
  explanations: Record<string, string>;
  /** The script's metrics of each score file (both classes answered: every ratio defined). */
  scores: (DelphiScoreMetrics & { task: "detection" | "fuzzing"; latent: number; file: string })[];
}

export const FIXTURE_EXPECTED = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "expected.json"), "utf8")) as FixtureExpected;

/** The fixture's coder plus a second one, as a pack with a transcoder and an SAE at one layer has. */
export function fixtureTarget(overrides: Partial<DelphiTarget> = {}): DelphiTarget {
  return {
    packIdentity: "fixture-pack",
    packName: "fixture",
    vocabSize: FIXTURE_EXPECTED.vocabSize,
    coders: [
      { hookpoint: FIXTURE_EXPECTED.hookpoint, kind: "transcoder", numLatents: FIXTURE_EXPECTED.numLatents },
      { hookpoint: "layers.2", kind: "sae", numLatents: FIXTURE_EXPECTED.numLatents },
    ],
    ...overrides,
  };
}

/** A writable copy of the fixture folder, to break in one place. */
export function copyFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "rewrite-delphi-fixture-")), "results");
  cpSync(FIXTURE_RESULTS, dir, { recursive: true });
  return dir;
}

const TABLES = ["activation_caches", "latents", "latent_distributions", "latent_examples", "latent_neighbours", "explanations", "explanation_scores"];

export function rowCounts(db: RewriteDatabase): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, (db.$client.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
}
