"""Writes a small results folder in EleutherAI/delphi's on-disk layout, plus the values a reader must find in it.

Independent of Rewrite's TypeScript: only numpy and json. The safetensors files are written from the format
spec (8-byte little-endian header length, JSON header padded with spaces, raw little-endian data), as delphi's
`save_splits` lays them out: `latents/<hookpoint>/<start>_<end>.safetensors` (end inclusive) holding
`locations` [N, 3] = (sequence, position, latent - start), `activations` [N] and `tokens` [n_seq, ctx], plus
`config.json`; explanations as a JSON string per file; detection and fuzzing scores as JSON lists of
per-example records.

Usage: /usr/bin/python3 training/delphi_fixtures.py lib/delphi/fixtures
"""

import json
import sys
from pathlib import Path

import numpy as np

HOOKPOINT = "layers.2.mlp"
NUM_LATENTS = 16
VOCAB = 1000
N_SEQ = 6
CTX = 40
K = 3
# (start, end inclusive, activation dtype, location dtype): delphi's usual f16 + uint16, its uint32 fallback,
# and the bf16 / int64 that older or other writers produce.
SPLITS = [(0, 4, "F16", "U16"), (5, 9, "F16", "U32"), (10, 15, "BF16", "I64")]

LOCATION_DTYPES = {"U16": np.uint16, "U32": np.uint32, "I64": np.int64}


def bf16_bits(values):
    """float32 -> bf16 bits, round to nearest even (values here are finite)."""
    words = np.asarray(values, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (words + 0x7FFF + ((words >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def bf16_to_float32(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def write_safetensors(path, tensors):
    """tensors: list of (name, dtype name, shape, little-endian bytes)."""
    header = {}
    offset = 0
    for name, dtype, shape, data in tensors:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - len(text.encode()) % 8) % 8)
    with open(path, "wb") as f:
        f.write(len(text.encode()).to_bytes(8, "little"))
        f.write(text.encode())
        for _, _, _, data in tensors:
            f.write(data)


def make_cache(rng):
    tokens = rng.integers(0, VOCAB, size=(N_SEQ, CTX), dtype=np.int64)
    rows = []
    for seq in range(N_SEQ):
        for pos in range(CTX):
            # Not every token fires (a TopK coder would give exactly K; a thresholded cache gives fewer).
            count = rng.integers(0, K + 1)
            for latent in sorted(rng.choice(NUM_LATENTS, size=count, replace=False)):
                rows.append((seq, pos, int(latent), float(rng.uniform(0.05, 9.0))))
    # delphi's torch.nonzero order: by sequence, then position, then latent.
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return tokens, rows


def write_cache(root, tokens, rows):
    module_dir = root / "latents" / HOOKPOINT
    module_dir.mkdir(parents=True, exist_ok=True)
    stored = {}  # latent -> list of (global token index, stored value as float32)
    for start, end, act_dtype, loc_dtype in SPLITS:
        part = [r for r in rows if start <= r[2] <= end]
        locations = np.array([[r[0], r[1], r[2] - start] for r in part], dtype=np.int64).reshape(-1, 3)
        values = np.array([r[3] for r in part], dtype=np.float32)
        if act_dtype == "F16":
            half = values.astype(np.float16)
            act_bytes = half.astype("<f2").tobytes()
            decoded = half.astype(np.float32)
        else:
            bits = bf16_bits(values)
            act_bytes = bits.astype("<u2").tobytes()
            decoded = bf16_to_float32(bits)
        loc_bytes = locations.astype(np.dtype(LOCATION_DTYPES[loc_dtype]).newbyteorder("<")).tobytes()
        write_safetensors(
            module_dir / f"{start}_{end}.safetensors",
            [
                ("locations", loc_dtype, locations.shape, loc_bytes),
                ("activations", act_dtype, values.shape, act_bytes),
                ("tokens", "I64", tokens.shape, tokens.astype("<i8").tobytes()),
            ],
        )
        for r, value in zip(part, decoded):
            stored.setdefault(r[2], []).append((r[0] * CTX + r[1], float(value)))
    config = {
        "dataset_repo": "fixture/random-tokens",
        "dataset_split": "train",
        "dataset_name": "",
        "dataset_column": "text",
        "batch_size": 2,
        "cache_ctx_len": CTX,
        "n_tokens": N_SEQ * CTX,
        "n_splits": len(SPLITS),
        "model_name": "fixture/random-model",
    }
    (module_dir / "config.json").write_text(json.dumps(config, indent=4))
    latents = {}
    for latent in range(NUM_LATENTS):
        entries = sorted(stored.get(latent, []))
        latents[str(latent)] = {"positions": [e[0] for e in entries], "values": [e[1] for e in entries]}
    return latents


EXPLANATIONS = {3: 'Tokens after "the" in lists, e.g. <<cats>> and dogs', 12: "Numbers and dates (ünïcode kept)"}


def write_explanations(root):
    out = root / "explanations"
    out.mkdir(parents=True, exist_ok=True)
    for latent, text in EXPLANATIONS.items():
        (out / f"{HOOKPOINT}_latent{latent}.txt").write_bytes(json.dumps(text, ensure_ascii=False).encode())


def score_records(rng, n_active, n_silent, with_probability, failed):
    records = []
    for i in range(n_active + n_silent):
        activating = i < n_active
        ok = i not in failed
        guess_right = rng.uniform() < 0.75
        prediction = (activating if guess_right else not activating) if ok else None
        probability = None
        if ok and with_probability:
            p = float(rng.uniform(0.5, 1.0)) if prediction else float(rng.uniform(0.0, 0.5))
            probability = round(p, 3)
        str_tokens = [f" t{rng.integers(0, VOCAB)}" for _ in range(4)]
        acts = [round(float(rng.uniform(0.1, 5.0)), 2) if activating and j == 2 else 0.0 for j in range(4)]
        records.append(
            {
                "str_tokens": str_tokens,
                "activations": acts,
                "distance": int(i % 10) if activating else -1.0,
                "activating": activating,
                "prediction": prediction,
                "probability": probability,
                "correct": None if prediction is None else prediction == activating,
            }
        )
    return records


def metrics(records):
    """delphi's result analysis: answered examples only; AUC over examples with a probability (pairwise count)."""
    valid = [r for r in records if r["prediction"] is not None]
    tp = sum(1 for r in valid if r["prediction"] and r["activating"])
    tn = sum(1 for r in valid if not r["prediction"] and not r["activating"])
    fp = sum(1 for r in valid if r["prediction"] and not r["activating"])
    fn = sum(1 for r in valid if not r["prediction"] and r["activating"])
    pos, neg = tp + fn, tn + fp
    precision = tp / (tp + fp)
    recall = tp / pos
    scored = [r for r in records if r["probability"] is not None]
    positives = [r["probability"] for r in scored if r["activating"]]
    negatives = [r["probability"] for r in scored if not r["activating"]]
    auc = None
    if positives and negatives:
        wins = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p in positives for q in negatives)
        auc = wins / (len(positives) * len(negatives))
    return {
        "balancedAccuracy": (tp / pos + tn / neg) / 2,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "auc": auc,
        "exampleCount": len(records),
        "failedCount": len(records) - len(valid),
    }


def write_scores(root, rng):
    plan = [
        ("detection", "detection", 3, True, {4, 17}),
        ("fuzz", "fuzzing", 3, True, set()),
        ("detection", "detection", 12, False, {0}),
    ]
    expected = []
    for folder, task, latent, with_probability, failed in plan:
        records = score_records(rng, 10, 10, with_probability, failed)
        out = root / "scores" / folder
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{HOOKPOINT}_latent{latent}.txt").write_bytes(json.dumps(records, separators=(",", ":")).encode())
        expected.append({"task": task, "latent": latent, "file": f"scores/{folder}/{HOOKPOINT}_latent{latent}.txt", **metrics(records)})
    return expected


def main():
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "lib/delphi/fixtures")
    root = out_dir / "results"
    rng = np.random.default_rng(20261123)
    tokens, rows = make_cache(rng)
    latents = write_cache(root, tokens, rows)
    write_explanations(root)
    scores = write_scores(root, rng)
    expected = {
        "hookpoint": HOOKPOINT,
        "numLatents": NUM_LATENTS,
        "vocabSize": VOCAB,
        "numContexts": N_SEQ,
        "contextLength": CTX,
        "nonZeros": len(rows),
        "tokens": tokens.reshape(-1).tolist(),
        "latents": latents,
        "explanations": {str(k): v for k, v in EXPLANATIONS.items()},
        "scores": scores,
    }
    (out_dir / "expected.json").write_text(json.dumps(expected, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
