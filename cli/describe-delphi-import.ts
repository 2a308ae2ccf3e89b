// What `rewrite delphi import` did, as lines: caches (and what a replaced one took with it), explanation versions
// (and where the old current one was kept), scores, and everything left out grouped by why.
import type { ImportDelphiResult } from "@/lib/delphi/import-delphi-results";

/** Files listed per reason before the rest are only counted. */
const LISTED_PER_REASON = 5;

export function describeDelphiImport(result: ImportDelphiResult): string[] {
  const lines: string[] = [];
  for (const c of result.caches) {
    const dropped = c.droppedBelowThreshold ? `; ${c.droppedBelowThreshold} entries with |a| ≤ 1e-5 left out` : "";
    lines.push(`${c.hookpoint}: cache ${c.cacheId} from ${c.files} files, ${c.numContexts} contexts × ${c.contextLength} tokens, ${c.nonZeros} activations${dropped}`);
    if (c.replaced) {
      lines.push(`${c.hookpoint}: these contexts differ from cache ${c.replaced.cacheId}'s, which is replaced; its ${c.replaced.explanations} explanation versions (and their scores and runs) went with it`);
    }
  }
  const { added, unchanged, keptCurrent, madeCurrent } = result.explanations;
  lines.push(`explanations: ${added} imported, ${unchanged} already stored; scores: ${result.scores} imported (labelled "imported from delphi")`);
  const kept = Object.entries(keptCurrent);
  if (kept.length > 0) {
    const total = kept.reduce((n, [, count]) => n + count, 0);
    const sources = kept.map(([source, count]) => `${count} ${source}`).join(", ");
    lines.push(`${total} latents kept their current explanation (${sources}); the imported versions are stored beside them, not current. Pass --make-current to make the imported ones current.`);
  }
  if (madeCurrent > 0) lines.push(`${madeCurrent} latents now show the imported explanation instead of their previous current one (--make-current)`);
  const byReason = new Map<string, string[]>();
  for (const s of result.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.file]);
  if (byReason.size > 0) lines.push(`skipped ${result.skipped.length}:`);
  for (const [reason, files] of byReason) {
    const more = files.length > LISTED_PER_REASON ? ` and ${files.length - LISTED_PER_REASON} more` : "";
    lines.push(`  ${reason} (${files.length}): ${files.slice(0, LISTED_PER_REASON).join(", ")}${more}`);
  }
  return lines;
}
