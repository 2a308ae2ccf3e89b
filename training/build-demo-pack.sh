#!/usr/bin/env bash
# Rebuild packs/demo from scratch: corpus -> tokenizer -> LM -> coders -> fixtures -> evaluation + model card.
# CPU only (Debian python3-torch, numpy, python3-regex), deterministic seeds; about an hour on 2 cores.
# Intermediates (tokens, activations, logs) go to training/work/, which is git-ignored.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
mkdir -p work ../packs/demo

step() {
  local name=$1
  shift
  local t0
  t0=$(date +%s)
  echo "== $name: $*"
  nice -n 10 "$PY" "$@" 2>&1 | tee "work/$name.log"
  echo "== $name took $(($(date +%s) - t0)) s" | tee -a work/timings.log
}

: > work/timings.log
step corpus corpus.py
step tokenizer bpe.py train
step tokenizer-fixture bpe.py fixture
step encode bpe.py encode
step train_lm train_lm.py --d_model 192 --heads 4 --layers 4 --batch 16 --tokens 4800000 --lr 1.5e-3 --warmup 150
step collect train_coders.py collect --collect_tokens 2000000
step train_transcoder train_coders.py train transcoder
step train_sae train_coders.py train sae
step fixtures make_fixtures.py
cat > ../packs/demo/pack.json <<'JSON'
{
  "name": "demo",
  "model": "model",
  "layer": 2,
  "coders": [
    { "kind": "transcoder", "hookpoint": "layers.2.mlp", "path": "coders/layers.2.mlp" },
    { "kind": "sae", "hookpoint": "layers.2", "path": "coders/layers.2" }
  ],
  "corpus": "corpus.json",
  "context_length": 128
}
JSON
step eval eval_pack.py
du -sh ../packs/demo
