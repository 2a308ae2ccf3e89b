"""Train the demo GPT-NeoX on the train-split tokens and export an HF snapshot (config.json + model.safetensors).

CPU only, 2 threads, fixed seeds: AdamW, linear warmup then cosine decay to 10% of the peak LR.
  train_lm.py --bench            measure tokens/s for a few steps and exit
  train_lm.py --tokens N         train on N tokens (packed 128-token windows, shuffled per epoch)
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from gpt_neox import Config, GPTNeoXForCausalLM
from safetensors_io import save

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "training", "work")
MODEL_DIR = os.path.join(ROOT, "packs", "demo", "model")


def windows(tokens, ctx):
    """Non-overlapping windows of ctx + 1 tokens (inputs and their next-token targets)."""
    n = (len(tokens) - 1) // ctx
    return np.stack([tokens[i * ctx: i * ctx + ctx + 1] for i in range(n)]).astype(np.int64)


def export(model, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(model.cfg.hf_dict(), f, indent=2)
        f.write("\n")
    save({k: v.float() for k, v in model.state_dict().items()}, os.path.join(out_dir, "model.safetensors"))


@torch.no_grad()
def heldout_loss(model, data, n=64):
    x = torch.from_numpy(data[:n])
    logits = model(x[:, :-1])
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), x[:, 1:].reshape(-1)).item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--d_model", type=int, default=128)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--ctx", type=int, default=128)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--tokens", type=int, default=5_000_000)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--warmup", type=int, default=150)
    ap.add_argument("--wd", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--out", default=MODEL_DIR)
    args = ap.parse_args()

    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    train = windows(np.fromfile(os.path.join(WORK, "tokens_train.u16"), dtype=np.uint16), args.ctx)
    held = windows(np.fromfile(os.path.join(WORK, "tokens_heldout.u16"), dtype=np.uint16), args.ctx)
    cfg = Config(hidden_size=args.d_model, num_hidden_layers=args.layers, num_attention_heads=args.heads,
                 intermediate_size=4 * args.d_model, max_position_embeddings=args.ctx)
    model = GPTNeoXForCausalLM(cfg)
    model.init_weights(args.seed)
    decay = [p for n, p in model.named_parameters() if p.dim() == 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.wd}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.95), eps=1e-8)
    tokens_per_step = args.batch * args.ctx
    steps = 20 if args.bench else max(1, args.tokens // tokens_per_step)
    rng = np.random.default_rng(args.seed)
    order, cursor = rng.permutation(len(train)), 0
    n_params = sum(p.numel() for p in model.parameters())
    print("params", n_params, "train windows", len(train), "steps", steps, "tokens/step", tokens_per_step, flush=True)
    t0 = time.time()
    for step in range(steps):
        if cursor + args.batch > len(order):
            order, cursor = rng.permutation(len(train)), 0
        batch = torch.from_numpy(train[order[cursor: cursor + args.batch]])
        cursor += args.batch
        if step < args.warmup:
            lr = args.lr * (step + 1) / args.warmup
        else:
            progress = (step - args.warmup) / max(1, steps - args.warmup)
            lr = args.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))
        for g in opt.param_groups:
            g["lr"] = lr
        model.train()
        logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 50 == 0 or step == steps - 1:
            el = time.time() - t0
            msg = "step %d/%d loss %.4f lr %.2e tok/s %.0f elapsed %.0fs" % (
                step, steps, loss.item(), lr, (step + 1) * tokens_per_step / el, el)
            if step % 500 == 0 or step == steps - 1:
                model.eval()
                msg += " heldout %.4f" % heldout_loss(model, held)
            print(msg, flush=True)
        if not args.bench and step % 1000 == 999:
            export(model, os.path.join(WORK, "lm_snapshot"))
    el = time.time() - t0
    print("done %d steps %d tokens in %.0fs (%.0f tok/s)" % (steps, steps * tokens_per_step, el,
                                                             steps * tokens_per_step / el), flush=True)
    if not args.bench:
        export(model, args.out)
        with open(os.path.join(WORK, "train_lm.json"), "w") as f:
            json.dump({"steps": steps, "tokens": steps * tokens_per_step, "seconds": round(el),
                       "params": n_params, "args": vars(args)}, f, indent=2)


if __name__ == "__main__":
    main()
