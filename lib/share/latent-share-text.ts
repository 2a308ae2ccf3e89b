import type { ExplorerVersion } from "@/lib/explore/explorer-data";

const MAX_QUOTE_CHARS = 90;
const quote = (text: string) => `“${text.length > MAX_QUOTE_CHARS ? `${text.slice(0, MAX_QUOTE_CHARS - 1)}…` : text}”`;

/** Link-preview title and description of a shared latent: its explanation, who wrote and scored it, and how well it simulates. */
export function latentShareText(latent: number, hookpoint: string, packName: string, version: ExplorerVersion | null): { title: string; description: string } {
  const title = `Latent ${latent} of ${hookpoint} (${packName})${version ? `: ${quote(version.text)}` : ""}`;
  if (!version) return { title, description: "Not explained yet." };
  const parts = [`Explanation: ${version.sourceLabel}.`];
  const scores = [
    version.detection ? `detection ${version.detection.value.toFixed(3)} (${version.detection.scorerLabel})` : null,
    version.fuzzing ? `fuzzing ${version.fuzzing.value.toFixed(3)} (${version.fuzzing.scorerLabel})` : null,
  ].filter((s): s is string => s !== null);
  if (scores.length) parts.push(`Scores: ${scores.join(", ")}.`);
  const simulation = version.simulation;
  if (simulation) {
    const measures = [`Simulated by ${simulation.simulator.label} on ${simulation.contextCount} contexts`];
    if (simulation.correlation !== null) measures.push(`correlation ${simulation.correlation.toFixed(3)}`);
    if (simulation.rewriteImpact) {
      const nats = simulation.rewriteImpact.meanCeChangeNats;
      measures.push(`rewriting it alone changes CE by ${nats >= 0 ? "+" : ""}${nats.toFixed(5)} nats on ${simulation.rewriteImpact.promptCount} prompts`);
    }
    parts.push(`${measures.join("; ")}.`);
  }
  return { title, description: parts.join(" ") };
}
