"""GPT-NeoX as Hugging Face's GPTNeoXForCausalLM computes it (parallel residual, partial rotary, untied unembed).

Parameter names match the HF state dict, so state_dict() can be written to model.safetensors as is.
forward() can record the layer-`hook_layer` intermediates and replace that layer's MLP output.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Config:
    def __init__(self, vocab_size=4096, hidden_size=128, num_hidden_layers=4, num_attention_heads=4,
                 intermediate_size=512, rotary_pct=0.25, rotary_emb_base=10000, max_position_embeddings=128,
                 layer_norm_eps=1e-5):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_hidden_layers = num_hidden_layers
        self.num_attention_heads = num_attention_heads
        self.intermediate_size = intermediate_size
        self.rotary_pct = rotary_pct
        self.rotary_emb_base = rotary_emb_base
        self.max_position_embeddings = max_position_embeddings
        self.layer_norm_eps = layer_norm_eps

    def hf_dict(self):
        return {
            "architectures": ["GPTNeoXForCausalLM"],
            "model_type": "gpt_neox",
            "vocab_size": self.vocab_size,
            "hidden_size": self.hidden_size,
            "num_hidden_layers": self.num_hidden_layers,
            "num_attention_heads": self.num_attention_heads,
            "intermediate_size": self.intermediate_size,
            "hidden_act": "gelu",
            "rotary_pct": self.rotary_pct,
            "rotary_emb_base": self.rotary_emb_base,
            "max_position_embeddings": self.max_position_embeddings,
            "layer_norm_eps": self.layer_norm_eps,
            "use_parallel_residual": True,
            "tie_word_embeddings": False,
            "bos_token_id": 0,
            "eos_token_id": 0,
            "initializer_range": 0.02,
            "attention_dropout": 0.0,
            "hidden_dropout": 0.0,
            "attention_bias": True,
            "use_cache": True,
            "torch_dtype": "float32",
        }

    @classmethod
    def from_hf(cls, d):
        keys = ["vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
                "rotary_pct", "rotary_emb_base", "max_position_embeddings", "layer_norm_eps"]
        return cls(**{k: d[k] for k in keys})


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.heads = cfg.num_attention_heads
        self.head_size = cfg.hidden_size // cfg.num_attention_heads
        self.rotary_ndims = int(self.head_size * cfg.rotary_pct)
        self.query_key_value = nn.Linear(cfg.hidden_size, 3 * cfg.hidden_size)
        self.dense = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        inv_freq = 1.0 / (cfg.rotary_emb_base ** (torch.arange(0, self.rotary_ndims, 2).float() / self.rotary_ndims))
        t = torch.arange(cfg.max_position_embeddings).float()
        emb = torch.cat([torch.outer(t, inv_freq)] * 2, dim=-1)
        self.register_buffer("cos", emb.cos(), persistent=False)
        self.register_buffer("sin", emb.sin(), persistent=False)
        mask = torch.tril(torch.ones(cfg.max_position_embeddings, cfg.max_position_embeddings, dtype=torch.bool))
        self.register_buffer("mask", mask, persistent=False)

    def forward(self, x):
        b, t, d = x.shape
        # HF layout: the fused output viewed as [b, t, heads, 3 * head_size] = per head (q, k, v).
        qkv = self.query_key_value(x).view(b, t, self.heads, 3 * self.head_size).permute(0, 2, 1, 3)
        q, k, v = qkv.split(self.head_size, dim=-1)
        r = self.rotary_ndims
        cos, sin = self.cos[:t], self.sin[:t]
        q = torch.cat((q[..., :r] * cos + rotate_half(q[..., :r]) * sin, q[..., r:]), dim=-1)
        k = torch.cat((k[..., :r] * cos + rotate_half(k[..., :r]) * sin, k[..., r:]), dim=-1)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size)
        scores = scores.masked_fill(~self.mask[:t, :t], torch.finfo(scores.dtype).min)
        probs = torch.softmax(scores, dim=-1)
        out = torch.matmul(probs, v).permute(0, 2, 1, 3).reshape(b, t, d)
        return self.dense(out)


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.dense_h_to_4h = nn.Linear(cfg.hidden_size, cfg.intermediate_size)
        self.dense_4h_to_h = nn.Linear(cfg.intermediate_size, cfg.hidden_size)

    def forward(self, x):
        return self.dense_4h_to_h(F.gelu(self.dense_h_to_4h(x)))  # exact (erf) GELU


class Layer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.input_layernorm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.post_attention_layernorm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.attention = Attention(cfg)
        self.mlp = MLP(cfg)


class Body(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embed_in = nn.Embedding(cfg.vocab_size, cfg.hidden_size)
        self.layers = nn.ModuleList([Layer(cfg) for _ in range(cfg.num_hidden_layers)])
        self.final_layer_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)


class GPTNeoXForCausalLM(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.gpt_neox = Body(cfg)
        self.embed_out = nn.Linear(cfg.hidden_size, cfg.vocab_size, bias=False)

    def init_weights(self, seed):
        g = torch.Generator().manual_seed(seed)
        out_std = 0.02 / math.sqrt(2 * self.cfg.num_hidden_layers)
        for name, p in self.named_parameters():
            with torch.no_grad():
                if name.endswith("bias"):
                    p.zero_()
                elif "layernorm" in name or "layer_norm" in name:
                    p.fill_(1.0)
                else:
                    std = out_std if ("attention.dense" in name or "dense_4h_to_h" in name) else 0.02
                    p.copy_(torch.randn(p.shape, generator=g) * std)

    def forward(self, input_ids, hook_layer=None, record=None, mlp_override=None, resid_override=None):
        """record: dict filled with the hook layer's resid_pre, attn_out, mlp_in, mlp_out, resid_post.
        mlp_override(mlp_in, mlp_out) -> tensor replaces the hook layer's MLP output;
        resid_override(resid_post) -> tensor replaces the hook layer's output (the SAE hookpoint)."""
        x = self.gpt_neox.embed_in(input_ids)
        for i, layer in enumerate(self.gpt_neox.layers):
            attn_out = layer.attention(layer.input_layernorm(x))
            mlp_in = layer.post_attention_layernorm(x)
            mlp_out = layer.mlp(mlp_in)
            if i == hook_layer:
                if record is not None:
                    record.update(resid_pre=x, attn_out=attn_out, mlp_in=mlp_in, mlp_out=mlp_out)
                if mlp_override is not None:
                    mlp_out = mlp_override(mlp_in, mlp_out)
            x = mlp_out + attn_out + x  # parallel residual, HF's order of addition
            if i == hook_layer:
                if record is not None:
                    record["resid_post"] = x
                if resid_override is not None:
                    x = resid_override(x)
        return self.embed_out(self.gpt_neox.final_layer_norm(x))


def load_pretrained(model_dir):
    import json
    import os
    from safetensors_io import load
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = Config.from_hf(json.load(f))
    model = GPTNeoXForCausalLM(cfg)
    tensors, _ = load(os.path.join(model_dir, "model.safetensors"))
    model.load_state_dict({k: v.float() for k, v in tensors.items()}, strict=True)
    model.eval()
    return model
