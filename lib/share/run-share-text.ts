import type { RunPageData } from "@/lib/evaluate";

const nats = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(3)}`;

/** Link-preview title and description of a shared run: its headline Figure-3 comparison at the largest fraction. */
export function runShareText(data: RunPageData, packName: string): { title: string; description: string } {
  const { table } = data;
  const title = `Run ${data.id}: rewriting a ${data.coderKind} (${data.inputs.hookpoint ?? "?"}) of ${packName} in natural language`;
  const last = table.rows[table.rows.length - 1];
  const at = (id: string) => {
    const i = table.columns.findIndex((c) => c.id === id);
    return last && i >= 0 ? last.cells[i] : null;
  };
  const rewritten = at("top-calibrated");
  const zero = at("zero-ablation");
  const simulator = data.inputs.simulatorId ?? "unknown simulator";
  // A baseline's numbers must never read as an LLM's, least of all in a link preview.
  const by = simulator.startsWith("llm:") ? `the LLM ${simulator.slice(4)}` : `${simulator}, an offline baseline (no LLM)`;
  const parts = [`${data.promptCount} held-out prompts, predictions by ${by}.`];
  if (last && rewritten && zero) {
    parts.unshift(
      `Mean CE increase with ${Math.round(last.fraction * 100)}% of latents rewritten (top-scoring, calibrated): ${nats(rewritten.estimate)} nats ` +
        `[${rewritten.lower.toFixed(3)}, ${rewritten.upper.toFixed(3)}] vs zero ablation ${nats(zero.estimate)} [${zero.lower.toFixed(3)}, ${zero.upper.toFixed(3)}].`,
    );
  }
  return { title, description: parts.join(" ") };
}
