// The words every page uses, each defined in a sentence or two and tied to the paper section it comes from.
// Section numbers are the paper's own: its text calls quantile normalization "Section 2.1"; 2 Methods,
// 2.2 Evaluation, 3 Results, 3.1 "Explanations are not detailed enough", App. A (prompt) and App. B (sample size).

/** The seed paper: Paulo & Belrose, "Partially Rewriting a Transformer in Natural Language" (2025). */
export const PAPER_URL = "https://arxiv.org/abs/2501.18838";
const PAPER_HTML_URL = "https://arxiv.org/html/2501.18838v1";

export interface PaperSection {
  /** As cited on the pages: "§2.1", "App. B". */
  label: string;
  /** The section's anchor in the paper's arXiv HTML rendering. */
  href: string;
}

const section = (label: string, anchor: string): PaperSection => ({ label, href: `${PAPER_HTML_URL}#${anchor}` });

export const PAPER_SECTIONS = {
  introduction: section("§1", "S1"),
  methods: section("§2", "S2"),
  quantileNormalization: section("§2.1", "S2.SS1"),
  evaluation: section("§2.2", "S2.SS2"),
  results: section("§3", "S3"),
  notDetailedEnough: section("§3.1", "S3.SS1"),
  simulationPrompt: section("App. A", "A1"),
  sampleSize: section("App. B", "A2"),
} satisfies Record<string, PaperSection>;

export interface GlossaryTerm {
  /** The term's anchor on /glossary, e.g. /glossary#zero-ablation. */
  id: string;
  term: string;
  definition: string;
  /** Where the paper introduces it; empty for measures this explorer adds on top of the paper's protocol. */
  sections: PaperSection[];
}

const S = PAPER_SECTIONS;

export const GLOSSARY_TERMS: readonly GlossaryTerm[] = [
  {
    id: "latent",
    term: "Latent",
    definition:
      "One unit of a sparse coder's hidden layer: a direction in the model's activation space that is non-zero on few tokens. The explorer names each by its index (latent 123).",
    sections: [S.introduction, S.methods],
  },
  {
    id: "transcoder",
    term: "Transcoder",
    definition:
      "A wide, sparse MLP trained to predict one layer's MLP output from its input: f(x) = W₂·TopK(W₁x + b₁) + W_skip·x + b₂, with a linear skip connection. Swapping it in for the MLP is the first, exact step of the rewrite.",
    sections: [S.introduction, S.methods],
  },
  {
    id: "sae",
    term: "Sparse autoencoder (SAE)",
    definition:
      "The same architecture trained to reconstruct its own input (here the residual stream) instead of an MLP's output, with no skip connection. The paper rewrites an SAE on the same layer with the same protocol.",
    sections: [S.introduction, S.methods],
  },
  {
    id: "topk",
    term: "TopK",
    definition:
      "The activation that keeps a token's k largest latents and sets the rest to zero. The rewrite applies it again to the simulated values, so a rewritten token has the coder's usual sparsity.",
    sections: [S.methods, S.evaluation],
  },
  {
    id: "explanation",
    term: "Explanation",
    definition:
      "One sentence saying when a latent fires, written from its top and sampled activating examples. Here an explainer is an LLM, an offline statistical baseline, or a person editing it on the latent page.",
    sections: [S.methods],
  },
  {
    id: "simulator",
    term: "Simulator",
    definition:
      "The model that reads an explanation and a context and predicts how strongly the latent fires on the context's last token: a digit 0–9, taken as the expected value of the digit probabilities. Without an LLM server the explorer uses an offline lexical baseline instead.",
    sections: [S.methods, S.evaluation, S.simulationPrompt],
  },
  {
    id: "calibration",
    term: "Calibration (quantile normalization)",
    definition:
      "A per-latent monotone map from raw simulator predictions to activations that makes the predictions' distribution match the true one: the prediction at quantile q becomes the true activation at quantile q. It sends most predictions of a rarely firing latent to 0.",
    sections: [S.quantileNormalization],
  },
  {
    id: "calibration-target",
    term: "Target (a) / target (b)",
    definition:
      "The true distribution calibration matches. (a): the latent's activations over the large activation cache, as in §2.1. (b): its true activations on the calibration contexts themselves, the App. B variant that the paper finds works better.",
    sections: [S.quantileNormalization, S.sampleSize],
  },
  {
    id: "zero-ablation",
    term: "Zero ablation",
    definition:
      "Replacing the layer's MLP output with zeros: the reference a transcoder rewrite must beat, and the paper finds a full rewrite costs about as much. For a residual SAE, zeroing the stream wrecks the model, so its runs lead with every latent zeroed and mean ablation.",
    sections: [S.results],
  },
  {
    id: "fraction-rewritten",
    term: "Fraction rewritten",
    definition:
      "The share of latents whose activations come from the simulator instead of the transcoder; the others keep their true values. Latents are taken top-scoring first or at random.",
    sections: [S.evaluation],
  },
  {
    id: "ce-increase",
    term: "CE increase",
    definition:
      "How much the next-token cross-entropy loss (nats, at each test prompt's last token) rises over the clean model when the rewritten layer is patched in; Figure 3 plots it per fraction rewritten, with bootstrap confidence intervals.",
    sections: [S.evaluation, S.results],
  },
  {
    id: "detection",
    term: "Detection score",
    definition:
      "How well the explanation lets a scorer tell contexts where the latent fires from contexts where it does not (balanced accuracy, Paulo et al. 2024). It ranks latents for the top-scoring rewrite and predicts sensitivity and specificity.",
    sections: [S.evaluation, S.notDetailedEnough],
  },
  {
    id: "fuzzing",
    term: "Fuzzing score",
    definition:
      "Like detection, but the scorer sees the tokens where the latent is said to fire highlighted and judges whether the highlighting is right (balanced accuracy, Paulo et al. 2024).",
    sections: [S.notDetailedEnough],
  },
  {
    id: "sensitivity-specificity",
    term: "Sensitivity / specificity",
    definition:
      "Of the contexts where the latent truly fires, the share the simulation calls active (sensitivity); of those where it does not, the share it calls inactive (specificity). Low specificity floods the rewrite with false positives; calibration trades sensitivity for it.",
    sections: [S.notDetailedEnough],
  },
  {
    id: "rewrite-impact",
    term: "Rewrite impact",
    definition:
      "The mean CE change when only this one latent is rewritten from its explanation, on development prompts that the evaluation's test prompts never use. An explorer measure built on §2.2's protocol, not one of the paper's.",
    sections: [S.evaluation],
  },
  {
    id: "oracle-gain",
    term: "Oracle gain",
    definition:
      "On the fix-first ledger: how much CE the full rewrite recovers when only this latent's simulation is replaced by its true activation. An explorer measure, not one of the paper's.",
    sections: [],
  },
];
