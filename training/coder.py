"""TopK sparse coder in sparsify's layout: a transcoder (with skip) or a residual-stream SAE.

encode: SAE subtracts b_dec first, a transcoder does not (current sparsify); pre = relu(x W_encᵀ + b_enc);
keep the top k of pre. decode: Σ vals · W_dec[idx] + b_dec, plus x W_skipᵀ for a transcoder with skip.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from safetensors_io import load, save


class Coder(nn.Module):
    def __init__(self, d_in, num_latents, k, transcode, skip):
        super().__init__()
        self.d_in, self.num_latents, self.k = d_in, num_latents, k
        self.transcode, self.skip = transcode, skip
        self.encoder = nn.Linear(d_in, num_latents)
        self.W_dec = nn.Parameter(torch.zeros(num_latents, d_in))
        self.b_dec = nn.Parameter(torch.zeros(d_in))
        self.W_skip = nn.Parameter(torch.zeros(d_in, d_in)) if skip else None

    def pre_acts(self, x):
        if not self.transcode:
            x = x - self.b_dec
        return F.relu(self.encoder(x))

    def encode(self, x):
        pre = self.pre_acts(x)
        vals, idx = pre.topk(self.k, dim=-1, sorted=True)
        return vals, idx, pre

    def decode(self, vals, idx):
        shape = vals.shape[:-1]
        out = F.embedding_bag(idx.reshape(-1, self.k), self.W_dec, per_sample_weights=vals.reshape(-1, self.k),
                              mode="sum")
        return out.reshape(*shape, self.d_in) + self.b_dec

    def forward(self, x):
        vals, idx, pre = self.encode(x)
        out = self.decode(vals, idx)
        if self.skip:
            out = out + x @ self.W_skip.T
        return out, vals, idx, pre

    def cfg(self, expansion_factor, normalize_decoder):
        return {"activation": "topk", "expansion_factor": expansion_factor, "normalize_decoder": normalize_decoder,
                "num_latents": self.num_latents, "k": self.k, "multi_topk": False, "skip_connection": self.skip,
                "transcode": self.transcode, "d_in": self.d_in}

    def save(self, out_dir, expansion_factor, normalize_decoder):
        """sparsify layout: cfg.json + sae.safetensors, tensors stored as BF16."""
        os.makedirs(out_dir, exist_ok=True)
        tensors = {"encoder.weight": self.encoder.weight, "encoder.bias": self.encoder.bias,
                   "W_dec": self.W_dec, "b_dec": self.b_dec}
        if self.skip:
            tensors["W_skip"] = self.W_skip
        save({k: v.detach().to(torch.bfloat16) for k, v in tensors.items()}, os.path.join(out_dir, "sae.safetensors"))
        with open(os.path.join(out_dir, "cfg.json"), "w") as f:
            json.dump(self.cfg(expansion_factor, normalize_decoder), f, indent=2)
            f.write("\n")


def load_coder(coder_dir):
    """Load a sparsify checkpoint, upcasting the stored tensors to f32."""
    with open(os.path.join(coder_dir, "cfg.json")) as f:
        cfg = json.load(f)
    tensors, _ = load(os.path.join(coder_dir, "sae.safetensors"))
    d_in, n = cfg["d_in"], cfg["num_latents"] or cfg["d_in"] * cfg["expansion_factor"]
    coder = Coder(d_in, n, cfg["k"], cfg["transcode"], cfg["skip_connection"])
    coder.load_state_dict({k: v.float() for k, v in tensors.items()}, strict=True)
    coder.eval()
    return coder
