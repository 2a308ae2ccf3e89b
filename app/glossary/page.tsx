import type { Metadata } from "next";
import { GlossaryList } from "@/components/overview/glossary-list";
import { PAPER_URL } from "@/components/overview/glossary-terms";

export const metadata: Metadata = {
  title: "Glossary",
  description: "The terms of partially rewriting a transformer in natural language, each tied to the paper's section.",
};

export default function GlossaryPage() {
  return (
    <>
      <h1>Glossary</h1>
      <p className="muted">
        The words the pages use, in the vocabulary of Paulo &amp; Belrose,{" "}
        <a href={PAPER_URL}>
          <cite>Partially Rewriting a Transformer in Natural Language</cite>
        </a>{" "}
        (2025); § numbers link to the paper&apos;s sections on arXiv.
      </p>
      <GlossaryList />
    </>
  );
}
