"""Byte-level BPE (GPT-2 style) for the demo pack: train, encode, save as a Hugging Face tokenizer.json.

Vocabulary: id 0 = <|endoftext|> (as in Pythia), ids 1..256 = the 256 bytes in byte order, then merges.
Usage: bpe.py train   -> packs/demo/model/tokenizer.json (+ tokenizer_config.json)
       bpe.py encode  -> training/work/tokens_{train,heldout}.u16 (documents each followed by id 0)
       bpe.py fixture -> packs/demo/fixtures/tokenizer-ids.json
"""
import collections
import heapq
import json
import os
import sys

import numpy as np
import regex

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "training", "work")
MODEL_DIR = os.path.join(ROOT, "packs", "demo", "model")
FIXTURES = os.path.join(ROOT, "packs", "demo", "fixtures")
TOKENIZER_JSON = os.path.join(MODEL_DIR, "tokenizer.json")

VOCAB_SIZE = 4096
EOT = "<|endoftext|>"
EOT_ID = 0
BYTE_OFFSET = 1
# GPT-2's pre-tokenization pattern, the one HF's ByteLevel pre-tokenizer applies when use_regex is true.
PRETOKENIZE = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable character table."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    table, extra = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


BYTE_CHARS = bytes_to_unicode()


def read_corpus(split):
    with open(os.path.join(WORK, "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if doc["split"] == split:
                yield doc["text"]


def train(texts, vocab_size=VOCAB_SIZE):
    """Return the merges as a list of (left_id, right_id); new ids follow in order from 257."""
    counts = collections.Counter()
    for text in texts:
        counts.update(PRETOKENIZE.findall(text))
    words, freqs = [], []
    for w in sorted(counts):  # sorted: deterministic word order
        words.append([b + BYTE_OFFSET for b in w.encode("utf-8")])
        freqs.append(counts[w])
    pair_counts = collections.defaultdict(int)
    where = collections.defaultdict(set)
    for i, w in enumerate(words):
        for p in zip(w, w[1:]):
            pair_counts[p] += freqs[i]
            where[p].add(i)
    heap = [(-c, p) for p, c in pair_counts.items()]
    heapq.heapify(heap)
    merges = []
    next_id = BYTE_OFFSET + 256
    while next_id < vocab_size and heap:
        neg, pair = heapq.heappop(heap)
        if pair_counts.get(pair, 0) != -neg or -neg <= 0:
            continue  # stale heap entry
        merges.append(pair)
        new_id = next_id
        next_id += 1
        touched = set()
        for i in sorted(where.pop(pair, ())):
            w, f = words[i], freqs[i]
            for p in zip(w, w[1:]):
                pair_counts[p] -= f
                touched.add(p)
            merged, j = [], 0
            while j < len(w):
                if j + 1 < len(w) and w[j] == pair[0] and w[j + 1] == pair[1]:
                    merged.append(new_id)
                    j += 2
                else:
                    merged.append(w[j])
                    j += 1
            words[i] = merged
            for p in zip(merged, merged[1:]):
                pair_counts[p] += f
                where[p].add(i)
                touched.add(p)
        pair_counts.pop(pair, None)
        for p in touched:
            c = pair_counts.get(p, 0)
            if c > 0:
                heapq.heappush(heap, (-c, p))
            else:
                pair_counts.pop(p, None)
        if len(merges) % 500 == 0:
            print("merges", len(merges), "last count", -neg, flush=True)
    return merges


def token_strings(merges):
    strings = [EOT] + [BYTE_CHARS[b] for b in range(256)]
    for a, b in merges:
        strings.append(strings[a] + strings[b])
    return strings


def save(merges):
    strings = token_strings(merges)
    assert len(set(strings)) == len(strings), "duplicate token strings"
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    tok = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": EOT_ID, "content": EOT, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True}],
        "normalizer": None,
        "pre_tokenizer": byte_level,
        "post_processor": byte_level,
        "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                  "vocab": {s: i for i, s in enumerate(strings)},
                  "merges": ["%s %s" % (strings[a], strings[b]) for a, b in merges]},
    }
    os.makedirs(MODEL_DIR, exist_ok=True)
    with open(TOKENIZER_JSON, "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False, indent=1)
        f.write("\n")
    cfg = {"tokenizer_class": "GPTNeoXTokenizer", "bos_token": EOT, "eos_token": EOT, "unk_token": EOT,
           "add_prefix_space": False, "add_bos_token": False, "add_eos_token": False,
           "clean_up_tokenization_spaces": False, "model_max_length": 128}
    with open(os.path.join(MODEL_DIR, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")


class Encoder:
    """Rank-based BPE encoding of tokenizer.json, as HF tokenizers applies it."""

    def __init__(self, path=TOKENIZER_JSON):
        with open(path, encoding="utf-8") as f:
            model = json.load(f)["model"]
        self.vocab = model["vocab"]
        self.id_to_token = {i: s for s, i in self.vocab.items()}
        self.ranks = {tuple(m.split(" ")): r for r, m in enumerate(model["merges"])}
        self.byte_decoder = {c: b for b, c in BYTE_CHARS.items()}
        self.cache = {}

    def bpe(self, piece):
        symbols = [BYTE_CHARS[b] for b in piece.encode("utf-8")]
        while len(symbols) > 1:
            best, best_rank = None, None
            for p in zip(symbols, symbols[1:]):
                r = self.ranks.get(p)
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = p, r
            if best is None:
                break
            merged, j = [], 0
            while j < len(symbols):
                if j + 1 < len(symbols) and symbols[j] == best[0] and symbols[j + 1] == best[1]:
                    merged.append(best[0] + best[1])
                    j += 2
                else:
                    merged.append(symbols[j])
                    j += 1
            symbols = merged
        return [self.vocab[s] for s in symbols]

    def encode(self, text):
        ids = []
        for k, chunk in enumerate(text.split(EOT)):  # the added special token is split out first
            if k:
                ids.append(EOT_ID)
            for piece in PRETOKENIZE.findall(chunk):
                cached = self.cache.get(piece)
                if cached is None:
                    cached = self.bpe(piece)
                    if len(self.cache) < 500000:
                        self.cache[piece] = cached
                ids.extend(cached)
        return ids

    def decode(self, ids):
        out = bytearray()
        for i in ids:
            s = self.id_to_token[int(i)]
            if s == EOT:
                out.extend(EOT.encode("utf-8"))
            else:
                out.extend(self.byte_decoder[c] for c in s)
        return out.decode("utf-8", errors="replace")


FIXTURE_STRINGS = [
    "The jury said it did find that many of Georgia's registration laws are outmoded.",
    "Mr. President, Members of Congress: I'm here tonight -- (Applause.) -- to report.",
    "  leading spaces,\ttabs\t\tand\n\nnewlines\r\n   trailing   ",
    "naïve café, Größe, Ελληνικά, русский, 日本語のテキスト, emoji 😀👍🏽 and ZWJ 👨‍👩‍👧",
    "Numbers 1234567 3.14159 $1,000,000 and code: def f(x): return x**2  # ok",
    "e-mail: someone@example.com <http://example.com/path?a=1&b=2>",
    "first document<|endoftext|>second document",
]


def write_fixture():
    enc = Encoder()
    cases = [{"text": s, "ids": enc.encode(s)} for s in FIXTURE_STRINGS]
    for c in cases:
        assert enc.decode(c["ids"]) == c["text"], c["text"]
    os.makedirs(FIXTURES, exist_ok=True)
    rows = ",\n  ".join(json.dumps(c, ensure_ascii=False) for c in cases)
    with open(os.path.join(FIXTURES, "tokenizer-ids.json"), "w", encoding="utf-8") as f:
        f.write('{\n "description": "ids from training/bpe.py\'s Encoder for packs/demo/model/tokenizer.json",\n'
                ' "cases": [\n  %s\n ]\n}\n' % rows)


def encode_corpus():
    enc = Encoder()
    for split in ("train", "heldout"):
        ids = []
        n_docs = 0
        for text in read_corpus(split):
            ids.extend(enc.encode(text))
            ids.append(EOT_ID)
            n_docs += 1
        arr = np.asarray(ids, dtype=np.uint16)
        arr.tofile(os.path.join(WORK, "tokens_%s.u16" % split))
        print(split, n_docs, "docs", len(arr), "tokens", flush=True)


def main(cmd):
    if cmd == "train":
        merges = train(read_corpus("train"))
        save(merges)
        print("saved", TOKENIZER_JSON, len(merges), "merges")
    elif cmd == "encode":
        encode_corpus()
    elif cmd == "fixture":
        write_fixture()
    else:
        raise SystemExit("usage: bpe.py train|encode|fixture")


if __name__ == "__main__":
    main(sys.argv[1])
