import Link from "next/link";
import type { RunPageData } from "@/lib/evaluate";
import { runHeadline } from "@/lib/evaluate";
import { Figure3TableView } from "./figure3-table";

/** The overview's answer to "does rewriting in natural language beat zero ablation here?", from the latest run. */
export function RunHeadline({ run }: { run: RunPageData }) {
  const simulator = run.inputs.simulatorId ?? "";
  return (
    <section className="panel" data-testid="run-headline">
      <h2>
        Latest result: <Link href={`/runs/${run.id}`}>run {run.id}</Link>
      </h2>
      <p data-testid="run-headline-verdict">{run.verdict}</p>
      <Figure3TableView table={runHeadline(run.table)} testId="run-headline-table" rowTestId="run-headline-row" />
      <p className="muted">
        Mean CE increase over the clean model in nats [{Math.round(run.table.ciLevel * 100)}% bootstrap CI], {run.promptCount} held-out prompts, {run.coderKind}{" "}
        <code>{run.inputs.hookpoint}</code>; predictions by <code>{simulator}</code>
        {simulator.startsWith("llm:") ? "" : ", an offline string-matching baseline (no LLM)"}; calibrated against{" "}
        {run.inputs.calibrationTarget === "prompts" ? "the true activations on the calibration contexts (target b)" : "the cache's activation distribution (target a)"}.
      </p>
    </section>
  );
}
