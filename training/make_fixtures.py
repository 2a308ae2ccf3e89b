"""Parity fixtures for the TypeScript runtime: packs/demo/fixtures/parity.safetensors + parity.json.

Computed from the pack's files exactly as stored (F32 model, BF16 coders upcast to F32), all math in F32.
Three held-out token sequences (16, 64, 128 tokens), keys prefixed "s16.", "s64.", "s128.".
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

from coder import load_coder
from gpt_neox import load_pretrained
from safetensors_io import save

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "training", "work")
PACK = os.path.join(ROOT, "packs", "demo")
OUT = os.path.join(PACK, "fixtures")
LAYER = 2
# (name, start offset in the held-out token stream, length)
SEQUENCES = [("s16", 0, 16), ("s64", 1000, 64), ("s128", 5000, 128)]
FULL_LOGITS = {"s16", "s64"}  # [T,V] logits for s128 would push the fixtures past 4 MB
PRE_ACTS = {"s16"}

DESCRIPTIONS = {
    "input_ids": "token ids (I32) [T]: the held-out token stream (held-out documents in corpus.json order, each "
                 "encoded and followed by <|endoftext|> = 0) from 'offset'",
    "logits": "clean logits [T,V]",
    "logits_last": "clean logits at the last position [V]",
    "resid_pre_2": "input of block 2 (= HF hidden_states[2]) [T,d]",
    "attn_out_2": "attention output of block 2 (after attention.dense) [T,d]",
    "mlp_in_2": "post_attention_layernorm output of block 2 = transcoder input [T,d]",
    "mlp_out_2": "dense_4h_to_h output of block 2 = transcoder target [T,d]",
    "resid_post_2": "output of block 2 = resid_pre_2 + attn_out_2 + mlp_out_2 (= HF hidden_states[3]) [T,d]",
    "transcoder.pre_acts": "relu(mlp_in_2 · encoder.weightᵀ + encoder.bias), before TopK [T,L]",
    "transcoder.top_acts": "TopK values, sorted descending [T,k]",
    "transcoder.top_indices": "TopK latent indices (I32), same order as top_acts [T,k]; where top_acts is 0 (fewer "
                              "than k positive pre-activations) the index is arbitrary",
    "transcoder.out": "Σ top_acts · W_dec[top_indices] + b_dec + mlp_in_2 · W_skipᵀ [T,d]",
    "sae.top_acts": "SAE TopK values of relu((resid_post_2 - b_dec) · encoder.weightᵀ + encoder.bias) [T,k]",
    "sae.top_indices": "SAE TopK latent indices (I32) [T,k]",
    "sae.out": "SAE reconstruction Σ top_acts · W_dec[top_indices] + b_dec of resid_post_2 [T,d]",
    "ce_clean": "next-token cross-entropy in nats, position t predicts input_ids[t+1] [T-1]",
    "ce_transcoder": "same, with mlp_out_2 replaced by transcoder.out at every position [T-1]",
    "ce_sae": "same, with resid_post_2 replaced by sae.out at every position [T-1]",
    "ce_zero_ablation": "same, with mlp_out_2 set to zero at every position [T-1]",
    "patched_last.logits": "logits at the last position when only the LAST position's mlp_out_2 is replaced by "
                           "transcoder.out (the paper's protocol) [V]",
    "zero_last.logits": "logits at the last position when only the LAST position's mlp_out_2 is zero [V]",
}


def ce(logits, ids):
    return F.cross_entropy(logits[:-1], ids[1:], reduction="none")


@torch.no_grad()
def main():
    torch.set_num_threads(2)
    model = load_pretrained(os.path.join(PACK, "model"))
    tc = load_coder(os.path.join(PACK, "coders", "layers.2.mlp"))
    sae = load_coder(os.path.join(PACK, "coders", "layers.2"))
    stream = np.fromfile(os.path.join(WORK, "tokens_heldout.u16"), dtype=np.uint16).astype(np.int64)
    tensors, keys = {}, {}

    def put(name, t, desc_key):
        tensors[name] = t.contiguous()
        keys[name] = {"dtype": "I32" if t.dtype == torch.int32 else "F32", "shape": list(t.shape),
                      "description": DESCRIPTIONS[desc_key]}

    seqs = []
    for name, offset, length in SEQUENCES:
        ids = torch.from_numpy(stream[offset:offset + length])
        seqs.append({"name": name, "offset": offset, "length": length})
        rec = {}
        logits = model(ids[None], hook_layer=LAYER, record=rec)[0]
        rec = {k: v[0] for k, v in rec.items()}
        tc_out, tc_vals, tc_idx, tc_pre = tc(rec["mlp_in"])
        sae_out, sae_vals, sae_idx, _ = sae(rec["resid_post"])
        p = name + "."
        put(p + "input_ids", ids.to(torch.int32), "input_ids")
        if name in FULL_LOGITS:
            put(p + "logits", logits, "logits")
        else:
            put(p + "logits_last", logits[-1], "logits_last")
        for k in ("resid_pre", "attn_out", "mlp_in", "mlp_out", "resid_post"):
            put(p + k + "_2", rec[k], k + "_2")
        if name in PRE_ACTS:
            put(p + "transcoder.pre_acts", tc_pre, "transcoder.pre_acts")
        put(p + "transcoder.top_acts", tc_vals, "transcoder.top_acts")
        put(p + "transcoder.top_indices", tc_idx.to(torch.int32), "transcoder.top_indices")
        put(p + "transcoder.out", tc_out, "transcoder.out")
        put(p + "sae.top_acts", sae_vals, "sae.top_acts")
        put(p + "sae.top_indices", sae_idx.to(torch.int32), "sae.top_indices")
        put(p + "sae.out", sae_out, "sae.out")
        put(p + "ce_clean", ce(logits, ids), "ce_clean")
        spliced = model(ids[None], hook_layer=LAYER, mlp_override=lambda i, o: tc(i)[0])[0]
        put(p + "ce_transcoder", ce(spliced, ids), "ce_transcoder")
        sae_spliced = model(ids[None], hook_layer=LAYER, resid_override=lambda r: sae(r)[0])[0]
        put(p + "ce_sae", ce(sae_spliced, ids), "ce_sae")
        zero = model(ids[None], hook_layer=LAYER, mlp_override=lambda i, o: torch.zeros_like(o))[0]
        put(p + "ce_zero_ablation", ce(zero, ids), "ce_zero_ablation")

        def last(replace):
            def override(i, o):
                o = o.clone()
                o[:, -1] = replace(i, o)[:, -1]
                return o
            return override
        put(p + "patched_last.logits",
            model(ids[None], hook_layer=LAYER, mlp_override=last(lambda i, o: tc(i)[0]))[0, -1], "patched_last.logits")
        put(p + "zero_last.logits",
            model(ids[None], hook_layer=LAYER, mlp_override=last(lambda i, o: torch.zeros_like(o)))[0, -1],
            "zero_last.logits")

    os.makedirs(OUT, exist_ok=True)
    save(tensors, os.path.join(OUT, "parity.safetensors"))
    with open(os.path.join(OUT, "parity.json"), "w", encoding="utf-8") as f:
        json.dump({"description": "GPT-NeoX + layer-2 transcoder/SAE reference values from training/make_fixtures.py "
                                  "(PyTorch, F32, weights exactly as stored; coders' BF16 upcast to F32).",
                   "notes": ["Compare top_indices only where top_acts > 0: a token with fewer than k positive "
                             "pre-activations fills its TopK with zeros whose indices are implementation-defined "
                             "(they do not change the decoded output).",
                             "An independent float64 NumPy forward pass matches these values to within 2e-5."],
                   "layer": LAYER, "k": tc.k, "d_model": model.cfg.hidden_size, "vocab_size": model.cfg.vocab_size,
                   "num_latents": tc.num_latents, "sequences": seqs, "keys": keys}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    size = os.path.getsize(os.path.join(OUT, "parity.safetensors"))
    print("wrote %d tensors, %.2f MB" % (len(tensors), size / 1e6))


if __name__ == "__main__":
    main()
