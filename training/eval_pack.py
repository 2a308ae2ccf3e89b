"""Measure the demo pack on held-out text and write packs/demo/eval.json and the model card packs/demo/README.md.

Everything is computed from the files as stored (F32 model, BF16 coders upcast to F32).
Held-out set: the held-out documents' tokens (each followed by <|endoftext|>), cut into non-overlapping
129-token windows; the model reads 128 tokens and is scored on the 128 next tokens (nats/token).
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

from bpe import Encoder
from coder import load_coder
from gpt_neox import load_pretrained
from train_lm import windows

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "training", "work")
PACK = os.path.join(ROOT, "packs", "demo")
LAYER = 2
PROMPTS = ["The President said that", "Fellow-Citizens of the Senate and House of Representatives:",
           "She opened the door and", "I have been running Linux on my laptop", "In 1961 the jury"]


def transcoder_fn(tc):
    return lambda mlp_in, mlp_out: tc(mlp_in)[0]


def last_only(fn):
    def override(*args):
        new = fn(*args)
        out = args[-1].clone()
        out[:, -1] = new[:, -1]
        return out
    return override


@torch.no_grad()
def run(model, data, batch=64, **kw):
    """Per-window mean CE over all positions, CE at the last position, and layer-2 records (concatenated)."""
    ce_all, ce_last, recs = [], [], {}
    for s in range(0, len(data), batch):
        x = torch.from_numpy(data[s:s + batch])
        rec = {}
        logits = model(x[:, :-1], hook_layer=LAYER, record=rec, **kw)
        ce = F.cross_entropy(logits.transpose(1, 2), x[:, 1:], reduction="none")
        ce_all.append(ce.mean(1))
        ce_last.append(ce[:, -1])
        for k in ("mlp_in", "mlp_out", "resid_post"):
            recs.setdefault(k, []).append(rec[k].reshape(-1, rec[k].shape[-1]))
    return torch.cat(ce_all), torch.cat(ce_last), {k: torch.cat(v) for k, v in recs.items()}


def mean_se(v):
    v = v.double()
    return {"mean": round(v.mean().item(), 4), "se": round((v.std() / len(v) ** 0.5).item(), 4)}


def fvu(target, recon):
    return ((target - recon).pow(2).sum() / (target - target.mean(0)).pow(2).sum()).item()


@torch.no_grad()
def coder_stats(coder, x, target, batch=8192):
    recon, fired = [], torch.zeros(coder.num_latents, dtype=torch.bool)
    for s in range(0, len(x), batch):
        out, vals, idx, _ = coder(x[s:s + batch])
        recon.append(out)
        fired[idx[vals > 0]] = True
    stats = {"fvu": round(fvu(target, torch.cat(recon)), 4),
             "dead_fraction": round(1 - fired.float().mean().item(), 4), "dead_latents": int((~fired).sum())}
    if coder.skip:  # how much the linear skip path alone (latents off) explains
        stats["fvu_skip_only"] = round(fvu(target, x @ coder.W_skip.T + coder.b_dec), 4)
    return stats


@torch.no_grad()
def greedy(model, enc, prompt, n=40):
    ids = enc.encode(prompt)
    for _ in range(n):
        logits = model(torch.tensor([ids[-model.cfg.max_position_embeddings:]]))
        ids.append(int(logits[0, -1].argmax()))
        if ids[-1] == 0:
            break
    return enc.decode(ids)


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--max_windows", type=int, default=0, help="evaluate only the first N windows (quick checks)")
    args = ap.parse_args()
    torch.set_num_threads(2)
    model = load_pretrained(os.path.join(PACK, "model"))
    tc = load_coder(os.path.join(PACK, "coders", "layers.2.mlp"))
    sae = load_coder(os.path.join(PACK, "coders", "layers.2"))
    held_tokens = np.fromfile(os.path.join(WORK, "tokens_heldout.u16"), dtype=np.uint16)
    data = windows(held_tokens, model.cfg.max_position_embeddings)
    if args.max_windows:
        data = data[:args.max_windows]

    clean, clean_last, rec = run(model, data)
    mean_mlp = rec["mlp_out"].mean(0)
    conditions = {
        "transcoder": {"mlp_override": transcoder_fn(tc)},
        "sae": {"resid_override": lambda r: sae(r)[0]},
        "zero_ablation": {"mlp_override": lambda i, o: torch.zeros_like(o)},
        "mean_ablation": {"mlp_override": lambda i, o: mean_mlp.expand_as(o)},
    }
    ce = {"clean": mean_se(clean)}
    ce_last = {"clean": mean_se(clean_last)}
    delta, delta_last = {}, {}
    for name, kw in conditions.items():
        ce_all_c = run(model, data, **kw)[0]
        last_kw = {k: last_only(v) for k, v in kw.items()}
        ce_last_c = run(model, data, **last_kw)[1]
        ce[name], ce_last[name] = mean_se(ce_all_c), mean_se(ce_last_c)
        delta[name], delta_last[name] = mean_se(ce_all_c - clean), mean_se(ce_last_c - clean_last)  # paired
        print(name, ce[name], ce_last[name], flush=True)
    results = {
        "heldout_windows": len(data),
        "heldout_tokens_scored": int(data.shape[0] * (data.shape[1] - 1)),
        "ce_nats_all_positions": ce,
        "ce_nats_last_position_patched_only": ce_last,
        "ce_increase_vs_clean_all_positions": delta,
        "ce_increase_vs_clean_last_position": delta_last,
        "transcoder": coder_stats(tc, rec["mlp_in"], rec["mlp_out"]),
        "sae": coder_stats(sae, rec["resid_post"], rec["resid_post"]),
    }
    enc = Encoder()
    results["samples"] = [{"prompt": p, "greedy": greedy(model, enc, p)} for p in PROMPTS]
    for name in ("train_lm", "train_transcoder", "train_sae"):
        path = os.path.join(WORK, name + ".json")
        if os.path.exists(path):
            with open(path) as f:
                results[name] = json.load(f)
    with open(os.path.join(PACK, "eval.json"), "w") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(json.dumps({k: v for k, v in results.items() if k != "samples"}, indent=1))
    from model_card import write_card
    write_card(results)
    c = {k: v["mean"] for k, v in ce.items()}
    if not (c["clean"] < c["transcoder"] < c["zero_ablation"]):
        sys.exit("expected clean < transcoder < zero ablation, got %s" % c)


if __name__ == "__main__":
    main()
