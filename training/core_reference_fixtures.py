"""Reference numbers for lib/core tests, computed independently with numpy (no scipy).

Run: /usr/bin/python3 training/core_reference_fixtures.py   (writes lib/core/fixtures/*.json)

Every expected value here comes from numpy's own routines (np.quantile, np.histogram, np.corrcoef) or from the
textbook definition written out directly (pairwise AUC, xoshiro128** / SplitMix64 from the reference C code),
never from the TypeScript under test.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib", "core", "fixtures")
METHODS = {1: "inverted_cdf", 7: "linear", 8: "median_unbiased", 9: "normal_unbiased"}
rng = np.random.default_rng(20240607)


def write(name, payload):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(payload, f)
        f.write("\n")


def floats(a):
    return [float(v) for v in a]


def quantile_fixtures():
    samples = {
        "distinct": [3.1, -2.0, 0.5, 7.25, 1.0, 4.4, 2.2],
        "ties": [5, 1, 2, 8, 2, 3, 5, 2],
        "zeroMass": [0.0] * 17 + [0.3, 1.2, 0.7],
        "single": [4.2],
        "two": [1.0, 3.0],
        "lognormalRounded": floats(np.round(rng.lognormal(0.0, 1.0, 37), 1)),
    }
    ps = [0.0, 0.01, 0.1, 0.2, 0.25, 1 / 3, 0.5, 0.6, 0.75, 0.85, 0.9, 0.99, 1.0]
    xs = [-3.0, 0.0, 0.5, 1.0, 2.0, 2.5, 5.0, 100.0]
    cases = []
    for name, values in samples.items():
        a = np.asarray(values, dtype=np.float64)
        cases.append({
            "name": name,
            "values": floats(a),
            "quantiles": {str(t): floats(np.quantile(a, ps, method=m)) for t, m in METHODS.items()},
            "cdf": [float(np.mean(a <= x)) for x in xs],
        })
    write("quantiles.json", {"ps": ps, "xs": xs, "cases": cases})


def average_ranks(a):
    """1-based ranks, tied values sharing the mean of their ranks (scipy's rankdata 'average', by hand)."""
    order = np.argsort(a, kind="stable")
    ranks = np.empty(len(a))
    ranks[order] = np.arange(1, len(a) + 1)
    _, inverse = np.unique(a, return_inverse=True)
    sums = np.bincount(inverse, weights=ranks)
    counts = np.bincount(inverse)
    return (sums / counts)[inverse]


def normalizer_fixture():
    # Raw predictions: expected values of a 0-9 digit, rounded so that ties occur; true: a zero mass + lognormal.
    raw = np.round(rng.gamma(0.6, 1.5, 60), 1)
    true = np.concatenate([np.zeros(140), rng.lognormal(0.0, 0.8, 60)])
    positions = {
        # Plotting positions matching each estimator (Hyndman & Fan 1996): type 1 Hazen (r - 1/2)/m,
        # type 8 (r - 1/3)/(m + 1/3), type 9 (r - 3/8)/(m + 1/4).
        "empirical": lambda r, m: (r - 0.5) / m,
        "hf8": lambda r, m: (r - 1 / 3) / (m + 1 / 3),
        "hf9": lambda r, m: (r - 3 / 8) / (m + 1 / 4),
    }
    methods = {"empirical": "inverted_cdf", "hf8": "median_unbiased", "hf9": "normal_unbiased"}
    r = average_ranks(raw)
    expected = {}
    for est, pos in positions.items():
        u = pos(r, len(raw))
        expected[est] = floats(np.quantile(true, u, method=methods[est]))
    write("quantile-normalizer.json", {
        "raw": floats(raw),
        "true": floats(true),
        "calibrated": expected,
        "trueZeroFraction": float(np.mean(true == 0)),
    })


def pairwise_auc(scores, labels):
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (len(pos) * len(neg)))


def classification_fixture():
    cases = []
    for n, p_pos, decimals in [(12, 0.4, 1), (200, 0.1, 2), (500, 0.5, 1)]:
        labels = (rng.random(n) < p_pos).astype(int)
        labels[0], labels[1] = 1, 0  # both classes present
        scores = np.round(0.6 * labels + rng.random(n), decimals)  # rounding makes tied scores
        predicted = (scores > 0.8).astype(int)
        tp = int(np.sum((predicted == 1) & (labels == 1)))
        fp = int(np.sum((predicted == 1) & (labels == 0)))
        tn = int(np.sum((predicted == 0) & (labels == 0)))
        fn = int(np.sum((predicted == 0) & (labels == 1)))
        tpr, tnr = tp / (tp + fn), tn / (tn + fp)
        precision = tp / (tp + fp)
        cases.append({
            "scores": floats(scores),
            "labels": [int(v) for v in labels],
            "predicted": [int(v) for v in predicted],
            "counts": {"truePositives": tp, "falsePositives": fp, "trueNegatives": tn, "falseNegatives": fn},
            "accuracy": float(np.mean(predicted == labels)),
            "precision": precision,
            "recall": tpr,
            "specificity": tnr,
            "f1": 2 * precision * tpr / (precision + tpr),
            "balancedAccuracy": (tpr + tnr) / 2,
            "auc": pairwise_auc(scores, labels),
        })
    write("classification.json", {"cases": cases})


def correlation_fixture():
    cases = []
    for n in [5, 50, 400]:
        t = np.maximum(0.0, rng.normal(0.0, 1.0, n))
        p = 0.7 * t + rng.normal(0.0, 0.5, n)
        cases.append({
            "true": floats(t),
            "predicted": floats(p),
            "pearson": float(np.corrcoef(t, p)[0, 1]),
            # neuron-explainer rsquared_score_from_sequences
            "rSquared": float(1 - np.mean(np.square(t - p)) / np.mean(np.square(t))),
        })
    write("correlation.json", {"cases": cases})


def histogram_fixture():
    values = rng.lognormal(0.0, 1.0, 300)
    edges_linear = np.linspace(0.0, 6.0, 7)
    edges_log = np.geomspace(values.min(), values.max(), 9)
    nonzero = np.round(rng.exponential(2.0, 80), 3)
    token_count = 1000
    write("histogram.json", {
        "values": floats(values),
        "linear": {"edges": floats(edges_linear), "counts": [int(c) for c in np.histogram(values, edges_linear)[0]],
                   "outside": int(np.sum((values < 0.0) | (values > 6.0)))},
        "log": {"edges": floats(edges_log), "counts": [int(c) for c in np.histogram(values, edges_log)[0]]},
        "latent": {
            "tokenCount": token_count,
            "nonZero": floats(nonzero),
            "firingFrequency": len(nonzero) / token_count,
            "maxActivation": float(nonzero.max()),
            "meanNonZero": float(nonzero.mean()),
            "meanActivation": float(nonzero.sum() / token_count),
            "deciles": floats(np.quantile(nonzero, np.arange(1, 10) / 10, method="linear")),
        },
    })


M32, M64 = 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF


def xoshiro128ss(seed, count):
    """Seed with SplitMix64 (Vigna's splitmix64.c), then xoshiro128** 1.1 (Blackman & Vigna's xoshiro128starstar.c)."""
    x = seed & M64

    def splitmix64():
        nonlocal x
        x = (x + 0x9E3779B97F4A7C15) & M64
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    a, b = splitmix64(), splitmix64()
    s = [a & M32, a >> 32, b & M32, b >> 32]
    rotl = lambda v, k: ((v << k) | (v >> (32 - k))) & M32
    out = []
    for _ in range(count):
        out.append(rotl((s[1] * 5) & M32, 7) * 9 & M32)
        t = (s[1] << 9) & M32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
    return out


def rng_fixture():
    write("seeded-rng.json", {"cases": [{"seed": seed, "uint32": xoshiro128ss(seed, 8)}
                                        for seed in [0, 1, 42, -1, 2**53 - 1]]})


if __name__ == "__main__":
    quantile_fixtures()
    normalizer_fixture()
    classification_fixture()
    correlation_fixture()
    histogram_fixture()
    rng_fixture()
    print("wrote fixtures to", os.path.normpath(OUT))
