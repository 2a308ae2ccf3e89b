import { describe, expect, it } from "vitest";
import { jobOutputLinks, type JobOutputInput } from "./job-output-links";

const context = {
  runs: [
    { id: 3, createdAt: "2026-01-01T10:05:00.000Z", hookpoint: "layers.2.mlp" },
    { id: 2, createdAt: "2026-01-01T10:04:00.000Z", hookpoint: "layers.2.mlp" },
    { id: 4, createdAt: "2026-01-01T10:04:30.000Z", hookpoint: "layers.2" },
    { id: 1, createdAt: "2026-01-01T09:00:00.000Z", hookpoint: "layers.2.mlp" },
  ],
  cacheHookpoints: new Map([[7, "layers.2"]]),
};
const done = (kind: string, params: unknown): JobOutputInput => ({ kind, params, status: "done", startedAt: "2026-01-01T10:00:00.000Z", finishedAt: "2026-01-01T10:06:00.000Z" });

describe("jobOutputLinks", () => {
  it("links an evaluation to the runs of its coder stored while it ran, oldest first", () => {
    expect(jobOutputLinks(done("evaluate", { packDir: "/p", hookpoint: "layers.2.mlp" }), context)).toEqual([
      { href: "/runs/2", label: "run 2" },
      { href: "/runs/3", label: "run 3" },
    ]);
    const later = { ...done("evaluate", { hookpoint: "layers.2.mlp" }), startedAt: "2026-01-02T00:00:00.000Z", finishedAt: "2026-01-02T00:01:00.000Z" };
    expect(jobOutputLinks(later, context)).toEqual([{ href: "/runs", label: "runs (reused, none new)" }]);
  });

  it("links a cache build to its coder's latent list and a simulation to its latent's page", () => {
    expect(jobOutputLinks(done("cache", { packDir: "/p", hookpoint: "layers.2", numTokens: 10 }), context)).toEqual([{ href: "/latents?coder=layers.2", label: "latents of layers.2" }]);
    expect(jobOutputLinks(done("explore-simulation", { cacheId: 7, latent: 12, explanationId: 1 }), context)).toEqual([{ href: "/latents/12?coder=layers.2", label: "latent 12" }]);
    expect(jobOutputLinks(done("score", { hookpoint: "layers.2.mlp", latents: [5] }), context)).toEqual([{ href: "/latents/5?coder=layers.2.mlp", label: "latent 5" }]);
    expect(jobOutputLinks(done("explain", { hookpoint: "layers.2.mlp" }), context)).toEqual([{ href: "/latents?coder=layers.2.mlp", label: "latents of layers.2.mlp" }]);
  });

  it("links nothing for unfinished jobs, unknown kinds or unreadable parameters", () => {
    expect(jobOutputLinks({ ...done("cache", { hookpoint: "layers.2" }), status: "failed" }, context)).toEqual([]);
    expect(jobOutputLinks(done("bench", { hookpoint: "layers.2" }), context)).toEqual([]);
    expect(jobOutputLinks(done("cache", { hook: 1 }), context)).toEqual([]);
  });
});
