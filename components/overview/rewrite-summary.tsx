import Link from "next/link";
import { PAPER_SECTIONS, PAPER_URL } from "./glossary-terms";

const term = (id: string, words: string) => <Link href={`/glossary#${id}`}>{words}</Link>;

/** What the explorer does, in three sentences, with each term linked to its glossary entry. */
export function RewriteSummary() {
  return (
    <section className="panel" aria-labelledby="what-rewrite-does" data-testid="rewrite-summary">
      <h2 id="what-rewrite-does">What Rewrite does</h2>
      <p>
        It replaces one MLP layer of a language model with a sparse {term("transcoder", "transcoder")}, writes a one-sentence{" "}
        {term("explanation", "explanation")} of every {term("latent", "latent")}, and has a {term("simulator", "simulator")} predict each
        latent&apos;s activation from its explanation and the context alone. The raw predictions are {term("calibration", "calibrated")} per
        latent by quantile normalization, {term("topk", "TopK")} keeps each token&apos;s k strongest, and the rewritten layer is patched back into
        the model for some {term("fraction-rewritten", "fraction of latents")}. What that costs is the {term("ce-increase", "CE increase")}{" "}
        of next-token prediction over the clean model, set against {term("zero-ablation", "zero ablation")} of the MLP: the bar the paper&apos;s
        full rewrite did not clearly clear.
      </p>
      <p className="muted">
        After Paulo &amp; Belrose, <a href={PAPER_URL}>Partially Rewriting a Transformer in Natural Language</a> (2025),{" "}
        <a href={PAPER_SECTIONS.methods.href}>§2</a>–<a href={PAPER_SECTIONS.notDetailedEnough.href}>§3.1</a>. Every term:{" "}
        <Link href="/glossary">glossary</Link>.
      </p>
    </section>
  );
}
