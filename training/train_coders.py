"""Train the layer-2 transcoder and residual-stream SAE of the demo pack (seed paper §2).

Activations come from the trained LM over shuffled train-split windows:
  transcoder: input mlp_in (post_attention_layernorm output), target mlp_out (dense_4h_to_h output)
  SAE:        resid_post (output of block 2 = HF hidden_states[3], sparsify hookpoint layers.2)
Loss = FVU (MSE / target variance, as sparsify), Adam, plus an AuxK term on dead latents (sparsify).
  train_coders.py collect   -> training/work/acts_*.f16
  train_coders.py train transcoder|sae
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch

from coder import Coder
from gpt_neox import load_pretrained

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "training", "work")
PACK = os.path.join(ROOT, "packs", "demo")
SPECS = {
    "transcoder": {"inp": "mlp_in", "target": "mlp_out", "transcode": True, "skip": True,
                   "normalize_decoder": False, "out": "coders/layers.2.mlp"},
    "sae": {"inp": "resid_post", "target": "resid_post", "transcode": False, "skip": False,
            "normalize_decoder": True, "out": "coders/layers.2"},
}
ACTS = ("mlp_in", "mlp_out", "resid_post")


def acts_path(name):
    return os.path.join(WORK, "acts_%s.f16" % name)


@torch.no_grad()
def collect(model_dir, layer, n_tokens, ctx, seed, batch=32):
    model = load_pretrained(model_dir)
    d = model.cfg.hidden_size
    tokens = np.fromfile(os.path.join(WORK, "tokens_train.u16"), dtype=np.uint16).astype(np.int64)
    n_windows = len(tokens) // ctx
    order = np.random.default_rng(seed).permutation(n_windows)[: math.ceil(n_tokens / ctx)]
    outs = {a: np.lib.format.open_memmap(acts_path(a), mode="w+", dtype=np.float16, shape=(len(order) * ctx, d))
            for a in ACTS}
    t0 = time.time()
    for s in range(0, len(order), batch):
        ids = torch.from_numpy(np.stack([tokens[w * ctx:(w + 1) * ctx] for w in order[s:s + batch]]))
        rec = {}
        model(ids, hook_layer=layer, record=rec)
        for a in ACTS:
            outs[a][s * ctx:(s + ids.shape[0]) * ctx] = rec[a].reshape(-1, d).numpy().astype(np.float16)
    for a in ACTS:
        outs[a].flush()
    print("collected %d tokens in %.0fs" % (len(order) * ctx, time.time() - t0), flush=True)


def train(kind, args):
    spec = SPECS[kind]
    torch.manual_seed(args.seed)
    x_all = np.load(acts_path(spec["inp"]), mmap_mode="r")
    y_all = x_all if spec["inp"] == spec["target"] else np.load(acts_path(spec["target"]), mmap_mode="r")
    x_all, y_all = np.ascontiguousarray(x_all), np.ascontiguousarray(y_all)
    n, d = x_all.shape
    num_latents = d * args.expansion
    coder = Coder(d, num_latents, args.k, spec["transcode"], spec["skip"])
    with torch.no_grad():
        coder.encoder.bias.zero_()
        coder.b_dec.copy_(torch.from_numpy(y_all[:200_000].astype(np.float32).mean(0)))  # paper §2: b2 = mean
        if spec["normalize_decoder"]:
            coder.W_dec.copy_(coder.encoder.weight / coder.encoder.weight.norm(dim=1, keepdim=True))
    opt = torch.optim.Adam(coder.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    steps = args.tokens // args.batch
    rng = np.random.default_rng(args.seed)
    perm, cursor = rng.permutation(n), 0
    since_fired = torch.zeros(num_latents, dtype=torch.long)
    k_aux = d // 2
    t0 = time.time()
    print("%s: d_in %d latents %d k %d steps %d batch %d (%d activation rows)" % (
        kind, d, num_latents, args.k, steps, args.batch, n), flush=True)
    for step in range(steps):
        if cursor + args.batch > n:
            perm, cursor = rng.permutation(n), 0
        rows = np.sort(perm[cursor: cursor + args.batch])
        cursor += args.batch
        x = torch.from_numpy(x_all[rows].astype(np.float32))
        y = x if y_all is x_all else torch.from_numpy(y_all[rows].astype(np.float32))
        lr = args.lr * min(1.0, (step + 1) / args.warmup)
        if step > 0.8 * steps:  # linear decay over the last 20%
            lr *= (steps - step) / (0.2 * steps)
        for g in opt.param_groups:
            g["lr"] = lr
        out, vals, idx, pre = coder(x)
        err = y - out
        total_var = (y - y.mean(0)).pow(2).sum()
        fvu = err.pow(2).sum() / total_var
        fired = torch.zeros(num_latents, dtype=torch.bool)
        fired[idx[vals > 0]] = True
        since_fired += args.batch
        since_fired[fired] = 0
        dead = since_fired > args.dead_tokens
        loss = fvu
        aux = torch.zeros(())
        n_dead = int(dead.sum())
        if n_dead > 0:
            kk = min(k_aux, n_dead)
            aux_vals, aux_idx = torch.where(dead[None], pre, torch.full_like(pre, -math.inf)).topk(kk, dim=-1)
            aux_vals = aux_vals.clamp(min=0)
            e_hat = torch.nn.functional.embedding_bag(aux_idx, coder.W_dec, per_sample_weights=aux_vals, mode="sum")
            aux = min(n_dead / kk, 1.0) * (e_hat - err.detach()).pow(2).sum() / total_var
            loss = loss + args.auxk_alpha * aux
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if spec["normalize_decoder"]:
            with torch.no_grad():  # sparsify: drop the gradient component parallel to each unit decoder row
                w = coder.W_dec
                w.grad -= (w.grad * w).sum(1, keepdim=True) * w
        opt.step()
        if spec["normalize_decoder"]:
            with torch.no_grad():
                coder.W_dec /= coder.W_dec.norm(dim=1, keepdim=True).clamp(min=1e-8)
        if step % 200 == 0 or step == steps - 1:
            print("step %d/%d fvu %.4f auxk %.4f dead %.4f lr %.1e %.0fs" % (
                step, steps, fvu.item(), aux.item(), n_dead / num_latents, lr, time.time() - t0), flush=True)
    el = time.time() - t0
    coder.save(os.path.join(args.out_root, spec["out"]), args.expansion, spec["normalize_decoder"])
    stats = {"kind": kind, "steps": steps, "tokens": steps * args.batch, "seconds": round(el),
             "final_train_fvu": fvu.item(), "dead_fraction_train": n_dead / num_latents, "args": vars(args)}
    with open(os.path.join(WORK, "train_%s.json" % kind), "w") as f:
        json.dump(stats, f, indent=2)
    print("done", json.dumps(stats), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["collect", "train"])
    ap.add_argument("kind", nargs="?", choices=list(SPECS))
    ap.add_argument("--model", default=os.path.join(PACK, "model"))
    ap.add_argument("--layer", type=int, default=2)
    ap.add_argument("--ctx", type=int, default=128)
    ap.add_argument("--collect_tokens", type=int, default=2_000_000)
    ap.add_argument("--tokens", type=int, default=4_000_000, help="training tokens (rows seen, with repeats)")
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--k", type=int, default=32)
    ap.add_argument("--expansion", type=int, default=32)
    ap.add_argument("--dead_tokens", type=int, default=200_000)
    ap.add_argument("--auxk_alpha", type=float, default=1 / 32)
    ap.add_argument("--seed", type=int, default=4321)
    ap.add_argument("--out_root", default=PACK)
    args = ap.parse_args()
    torch.set_num_threads(2)
    if args.cmd == "collect":
        collect(args.model, args.layer, args.collect_tokens, args.ctx, args.seed)
    else:
        train(args.kind, args)


if __name__ == "__main__":
    main()
