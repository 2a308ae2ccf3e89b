#!/usr/bin/python3
"""Independent PyTorch reference for the TypeScript runtime (lib/model, lib/coder).

GPT-NeoX written out from the definition of transformers' GPTNeoXForCausalLM (parallel residual, fused QKV with
per-head [q|k|v] rows, rotate_half rotary on the first rotary_ndims of each head, exact-erf GELU), and sparsify's
TopK coders (SAE subtracts b_dec before encoding, a transcoder does not). No transformers / safetensors packages
are needed: weights are read with numpy.

  fixture  --model DIR --ids IDS.json --layer L [--transcoder DIR] [--sae DIR] --out FILE.safetensors
           [--logits-last-only]   writes logits, hooks, coder outputs, CE and a last-token patch case
  time     --model DIR --layer L --transcoder DIR --shapes 1x32,4x128 [--repeats N] [--threads N] [--peak-size N]
           prints JSON seconds per call for the clean forward and for prefix -> transcoder -> suffix, with the
           build's BLAS and threading (torch.__config__) and the measured sgemm peak in GFLOP/s
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

NUMPY_DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I32": np.int32, "I64": np.int64, "U16": np.uint16, "U32": np.uint32}


def read_safetensors(path):
    with open(path, "rb") as handle:
        data = handle.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_len])
    start = 8 + header_len
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        raw = data[start + begin : start + end]
        if entry["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16
            array = bits.view(np.float32)
        else:
            array = np.frombuffer(raw, dtype=NUMPY_DTYPES[entry["dtype"]])
        tensors[name] = torch.from_numpy(array.copy().reshape(entry["shape"]))
    return tensors


def write_safetensors(path, tensors):
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        array = tensor.detach().contiguous().numpy()
        dtype = {np.dtype(np.float32): "F32", np.dtype(np.int32): "I32"}[array.dtype]
        raw = array.tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header)
    text += " " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as handle:
        handle.write(struct.pack("<Q", len(text)) + text.encode() + b"".join(chunks))


class GptNeoX:
    def __init__(self, model_dir):
        with open(os.path.join(model_dir, "config.json")) as handle:
            self.cfg = json.load(handle)
        self.w = read_safetensors(os.path.join(model_dir, "model.safetensors"))
        cfg = self.cfg
        self.heads = cfg["num_attention_heads"]
        self.head_dim = cfg["hidden_size"] // self.heads
        self.rot = int(self.head_dim * cfg.get("rotary_pct", 0.25))
        self.eps = cfg.get("layer_norm_eps", 1e-5)
        base = cfg.get("rotary_emb_base", 10000)
        inv_freq = 1.0 / (base ** (torch.arange(0, self.rot, 2).float() / self.rot))
        positions = torch.arange(cfg.get("max_position_embeddings", 2048)).float()
        freqs = torch.einsum("i,j->ij", positions, inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.cos, self.sin = emb.cos(), emb.sin()

    def p(self, layer, name):
        return self.w[f"gpt_neox.layers.{layer}.{name}"]

    def layer_norm(self, x, layer, which):
        return F.layer_norm(x, (x.shape[-1],), self.p(layer, f"{which}.weight"), self.p(layer, f"{which}.bias"), self.eps)

    @staticmethod
    def rotate_half(x):
        half = x.shape[-1] // 2
        return torch.cat((-x[..., half:], x[..., :half]), dim=-1)

    def rotary(self, x, positions):
        cos, sin = self.cos[positions], self.sin[positions]
        x_rot, x_pass = x[..., : self.rot], x[..., self.rot :]
        return torch.cat((x_rot * cos + self.rotate_half(x_rot) * sin, x_pass), dim=-1)

    def attention(self, layer, h, past=None):
        """h [B, T, d]; past (keys, values) [B, H, P, hd] for cached earlier positions. Returns out, keys, values."""
        batch, length, d = h.shape
        qkv = F.linear(h, self.p(layer, "attention.query_key_value.weight"), self.p(layer, "attention.query_key_value.bias"))
        qkv = qkv.view(batch, length, self.heads, 3 * self.head_dim)
        q = qkv[..., : self.head_dim].permute(0, 2, 1, 3)
        k = qkv[..., self.head_dim : 2 * self.head_dim].permute(0, 2, 1, 3)
        v = qkv[..., 2 * self.head_dim :].permute(0, 2, 1, 3)
        offset = 0 if past is None else past[0].shape[2]
        positions = torch.arange(offset, offset + length)
        q, k = self.rotary(q, positions), self.rotary(k, positions)
        if past is not None:
            k, v = torch.cat((past[0], k), dim=2), torch.cat((past[1], v), dim=2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        total = k.shape[2]
        causal = torch.ones(length, total, dtype=torch.bool).tril(diagonal=offset)
        scores = scores.masked_fill(~causal, torch.finfo(scores.dtype).min)
        context = torch.matmul(torch.softmax(scores, dim=-1), v)
        context = context.permute(0, 2, 1, 3).reshape(batch, length, d)
        out = F.linear(context, self.p(layer, "attention.dense.weight"), self.p(layer, "attention.dense.bias"))
        return out, k, v

    def mlp(self, layer, x):
        hidden = F.linear(x, self.p(layer, "mlp.dense_h_to_4h.weight"), self.p(layer, "mlp.dense_h_to_4h.bias"))
        act = self.cfg.get("hidden_act", "gelu")
        hidden = F.gelu(hidden) if act == "gelu" else F.gelu(hidden, approximate="tanh")
        return F.linear(hidden, self.p(layer, "mlp.dense_4h_to_h.weight"), self.p(layer, "mlp.dense_4h_to_h.bias"))

    def block(self, layer, x, past=None):
        attn_out, k, v = self.attention(layer, self.layer_norm(x, layer, "input_layernorm"), past)
        mlp_in = self.layer_norm(x, layer, "post_attention_layernorm")
        mlp_out = self.mlp(layer, mlp_in)
        return {"resid_pre": x, "attn_out": attn_out, "mlp_in": mlp_in, "mlp_out": mlp_out, "resid_post": mlp_out + attn_out + x, "k": k, "v": v}

    def unembed(self, x):
        x = F.layer_norm(x, (x.shape[-1],), self.w["gpt_neox.final_layer_norm.weight"], self.w["gpt_neox.final_layer_norm.bias"], self.eps)
        return F.linear(x, self.w["embed_out.weight"])

    def prefix(self, ids, layer):
        x = F.embedding(ids, self.w["gpt_neox.embed_in.weight"])
        for l in range(layer):
            x = self.block(l, x)["resid_post"]
        return self.block(layer, x)

    def suffix(self, resid_post, layer, past=None):
        """Layers after `layer`; with `past` (list per later layer) only the new positions are computed."""
        x, caches = resid_post, []
        for i, l in enumerate(range(layer + 1, self.cfg["num_hidden_layers"])):
            out = self.block(l, x, None if past is None else past[i])
            caches.append((out["k"], out["v"]))
            x = out["resid_post"]
        return self.unembed(x), caches

    def forward(self, ids):
        return self.suffix(self.prefix(ids, 0)["resid_post"], 0)[0]


class SparseCoder:
    def __init__(self, coder_dir):
        with open(os.path.join(coder_dir, "cfg.json")) as handle:
            self.cfg = json.load(handle)
        self.w = read_safetensors(os.path.join(coder_dir, "sae.safetensors"))

    def encode(self, x):
        if not self.cfg.get("transcode", False):
            x = x - self.w["b_dec"]
        pre_acts = F.relu(F.linear(x, self.w["encoder.weight"], self.w["encoder.bias"]))
        values, indices = torch.topk(pre_acts, self.cfg["k"], dim=-1, sorted=True)
        return pre_acts, values, indices

    def decode(self, values, indices, x):
        out = (values.unsqueeze(-1) * self.w["W_dec"][indices]).sum(dim=-2) + self.w["b_dec"]
        if "W_skip" in self.w:
            out = out + x @ self.w["W_skip"].T
        return out


def next_token_ce(logits, ids):
    logprobs = torch.log_softmax(logits[:, :-1].double(), dim=-1)
    return -logprobs.gather(-1, ids[:, 1:].unsqueeze(-1).long()).squeeze(-1)


def transcoder_splice(model, coder, hooks, layer):
    _, values, indices = coder.encode(hooks["mlp_in"])
    decoded = coder.decode(values, indices, hooks["mlp_in"])
    return model.suffix(decoded + hooks["attn_out"] + hooks["resid_pre"], layer)[0]


def make_fixture(args):
    model = GptNeoX(args.model)
    with open(args.ids) as handle:
        ids = torch.tensor(json.load(handle), dtype=torch.long)
    out = {"ids": ids.int()}
    with torch.inference_mode():
        hooks = model.prefix(ids, args.layer)
        logits, _ = model.suffix(hooks["resid_post"], args.layer)
        out["logits"] = logits[:, -1] if args.logits_last_only else logits
        for name in ("resid_pre", "attn_out", "mlp_in", "mlp_out", "resid_post"):
            out[name] = hooks[name]
        out["ce_clean"] = next_token_ce(logits, ids).float()
        if args.transcoder:
            coder = SparseCoder(args.transcoder)
            pre_acts, values, indices = coder.encode(hooks["mlp_in"])
            decoded = coder.decode(values, indices, hooks["mlp_in"])
            out.update({"transcoder.pre_acts": pre_acts, "transcoder.top_values": values, "transcoder.top_indices": indices.int(), "transcoder.decoded": decoded})
            out["ce_transcoder"] = next_token_ce(transcoder_splice(model, coder, hooks, args.layer), ids).float()
            # §2.3: only the last position's MLP output is replaced.
            patched = hooks["mlp_out"].clone()
            patched[:, -1] = decoded[:, -1]
            out["last_token_patched.logits"] = model.suffix(patched + hooks["attn_out"] + hooks["resid_pre"], args.layer)[0][:, -1]
        if args.sae:
            coder = SparseCoder(args.sae)
            _, values, indices = coder.encode(hooks["resid_post"])
            out.update({"sae.top_values": values, "sae.top_indices": indices.int(), "sae.reconstruction": coder.decode(values, indices, hooks["resid_post"])})
    write_safetensors(args.out, {name: tensor.contiguous() for name, tensor in out.items()})


def seconds_per_call(fn, repeats):
    """Median wall time of `repeats` calls after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def build_info():
    """What decides PyTorch's CPU speed: the BLAS it calls, its threading, and the thread variables it was given."""
    shown = torch.__config__.show()
    blas = [line.strip() for line in shown.splitlines() if "BLAS" in line or "LAPACK" in line or "MKL" in line]
    variables = {name: os.environ.get(name) for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    return {"version": torch.__version__, "blas": blas, "parallel_info": torch.__config__.parallel_info(), "env": variables}


def sgemm_peak_gflops(size, repeats=5):
    """Fastest of `repeats` float32 n x n matmuls after a warm-up: 2 n^3 FLOPs each."""
    generator = torch.Generator().manual_seed(0)
    a = torch.rand(size, size, generator=generator)
    b = torch.rand(size, size, generator=generator)
    torch.mm(a, b)
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best / 1e9


def time_runs(args):
    torch.set_num_threads(args.threads or os.cpu_count() or 1)
    model = GptNeoX(args.model)
    coder = SparseCoder(args.transcoder)
    vocab = model.cfg["vocab_size"]
    results = {"threads": torch.get_num_threads(), "build": build_info(), "shapes": {}}
    with torch.inference_mode():
        results["peak_gflops"] = sgemm_peak_gflops(args.peak_size)
        for shape in args.shapes.split(","):
            batch, length = (int(n) for n in shape.split("x"))
            ids = torch.randint(0, vocab, (batch, length), generator=torch.Generator().manual_seed(0))
            forward = seconds_per_call(lambda: model.forward(ids), args.repeats)
            spliced = seconds_per_call(lambda: transcoder_splice(model, coder, model.prefix(ids, args.layer), args.layer), args.repeats)
            results["shapes"][shape] = {"forward_s": forward, "spliced_s": spliced}
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["fixture", "time"])
    parser.add_argument("--model", required=True)
    parser.add_argument("--layer", type=int, required=True)
    parser.add_argument("--ids")
    parser.add_argument("--transcoder")
    parser.add_argument("--sae")
    parser.add_argument("--out")
    parser.add_argument("--logits-last-only", action="store_true")
    parser.add_argument("--shapes", default="1x32")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (default: all cores)")
    parser.add_argument("--peak-size", type=int, default=1536, help="n of the n x n sgemm that measures the peak")
    args = parser.parse_args()
    if args.mode == "fixture":
        make_fixture(args)
    else:
        time_runs(args)


if __name__ == "__main__":
    sys.exit(main())
