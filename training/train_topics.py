"""Train newsx's topic classifier from the taxonomy's own evidence (weak supervision).

    python training/train_topics.py prepare   # ../shared/data text -> training/corpus/topics-*.jsonl.gz
    python training/train_topics.py train     # -> training/output/topics-last (+ reliability table)
    python training/train_topics.py package   # -> models/topics

(`spacy project run topics` in training/ runs the three; see training/project.yml.) Needs the
`train` extra (scikit-learn): `pip install -e ".[train]"`; newsx itself never imports it.

No gold label is read. Every article's text (BBC, Reuters-21578, the cybersecurity headlines and
CoNLL-2003 train/dev documents) is scored by newsx's term scorer (models/topics.toml) on its full
text; a topic whose score reaches --positive is a positive label, one with no evidence at all is
a negative, and anything between is missing (that label's model is told nothing). Each article
trains as its full text, its title, and its title with the first ~20 and ~40 words, all with the
full text's labels: the model learns which words of a headline and lead predict what the whole
article turns out to be about, the words the term lists lack.

The model (newsx/nlp/topics_model.py): one logistic regression per label (liblinear, L2, C)
over L2-normalised sublinear counts of words and bigrams, then a Platt calibration per label
fitted on the articles of a calibration split (by a hash of their id) that the regression did
not see, folded into the weights. `train` prints a reliability table (predicted probability
against the share of weak positives) on the calibration split, and with `--holdout` on the
held-out half too.

`--holdout` trains on half of the articles (by a hash of their id) and writes the other half's ids
to training/corpus/topics-holdout.txt, so that benchmarks/ablate_topics.py can measure the model
on text it never saw. The shipped model is trained on everything.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from train_ner import read_conll  # noqa: E402

from newsx.nlp.reflow import unwrap  # noqa: E402
from newsx.nlp.topics import Scoring, TopicScorer, count_words  # noqa: E402
from newsx.nlp.topics_model import LinearTopics, counts, weights_of  # noqa: E402

SHARED = ROOT.parent.parent / "shared" / "data"
CORPUS = ROOT / "corpus"
OUTPUT = ROOT / "output"
TARGET = ROOT.parent / "models" / "topics"
SEED = 0
JSONL = [
    ("bbc", SHARED / "bbc" / "articles.jsonl"),
    ("reuters", SHARED / "reuters21578" / "train.jsonl"),
    ("cyber", SHARED / "cyber-news" / "headlines.jsonl"),
]
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[A-Z\"“‘(])")


def articles() -> list[tuple[str, str, str]]:
    """(id, title, text) of every unlabelled article; gold fields are never read."""
    out = []
    for name, path in JSONL:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((f"{name}:{row['id']}", row.get("title") or "", row.get("text") or ""))
    for split in ("train", "dev"):
        for i, text in enumerate(t for t, _ in read_conll(SHARED / "conll2003" / f"{split}.txt")):
            title, _, body = text.partition("\n")
            out.append((f"conll-{split}:{i}", title, body))
    return out


def shorten(title: str, text: str, words: int = 40) -> str:
    """Title and the first sentences, about `words` words (as a feed item); 0: the title."""
    if words == 0:
        return title
    body = text[len(title):] if title and text.startswith(title) else text
    out: list[str] = []
    n = 0
    for sentence in SENTENCE_END.split(" ".join(body.split())):
        k = len(sentence.split())
        if out and n + k > 1.5 * words:
            break
        out.append(sentence)
        n += k
        if n >= words:
            break
    lead = " ".join(" ".join(out).split()[: int(1.5 * words)])
    return f"{title.strip()}\n\n{lead}" if title.strip() else lead


def full_text(title: str, text: str) -> str:
    return text if not title or text.startswith(title) else f"{title}\n\n{text}"


def corpus_file(args: argparse.Namespace, part: str) -> Path:
    half = "-half" if args.holdout else ""
    return CORPUS / f"topics-{part}{half}.jsonl.gz"


def in_holdout(article_id: str) -> bool:
    return hashlib.sha1(article_id.encode()).digest()[0] % 2 == 1


def in_calibration(article_id: str) -> bool:
    """One in five training articles: the split the Platt calibration is fitted on."""
    return hashlib.sha1(f"calibration:{article_id}".encode()).digest()[0] % 5 == 0


def weak_labels(scorer: TopicScorer, doc: Doc, positive: float) -> dict[str, int]:
    """Topic id -> 1 (term score >= positive) or 0 (no evidence); other topics missing."""
    hits = scorer.hits(doc)
    scores = {t.id: t.score for t in scorer.rank(hits, count_words(doc))}
    cats = {}
    for i, topic in enumerate(scorer.topics):
        if scores.get(topic.id, 0.0) >= positive:
            cats[topic.id] = 1
        elif i not in hits:
            cats[topic.id] = 0
    return cats


def prepare(args: argparse.Namespace) -> None:
    nlp = spacy.blank("en")
    scorer = TopicScorer(nlp, "topics", [], 0.0, Scoring(), "")
    CORPUS.mkdir(parents=True, exist_ok=True)
    positives: Counter[str] = Counter()
    held, n_train = [], 0
    # read as newsx reads them: hard-wrapped lines as prose (newsx.nlp.reflow)
    rows = [(article_id, title, unwrap(text)) for article_id, title, text in articles()]
    texts = [full_text(t, x) for _, t, x in rows]
    with gzip.open(corpus_file(args, "train"), "wt", encoding="utf-8") as train, \
            gzip.open(corpus_file(args, "heldout"), "wt", encoding="utf-8") as heldout:
        for (article_id, title, text), doc in zip(rows, nlp.pipe(texts, batch_size=256),
                                                  strict=True):
            cats = weak_labels(scorer, doc, args.positive)
            # the label set counts every article (weak labels, no gold): the same with --holdout
            positives.update(k for k, v in cats.items() if v)
            out = train
            if args.holdout and in_holdout(article_id):
                held.append(article_id)
                out = heldout
            elif not any(cats.values()):
                continue  # no topic is sure: the article teaches nothing but negatives
            for words in (0, 20, 40, None):  # title, two leads, the whole text
                text_doc = doc if words is None else nlp.make_doc(shorten(title, text, words))
                if words is not None and (len(text_doc) < 4 or len(text_doc) >= len(doc)):
                    continue
                tf = counts([t.lower_ for t in text_doc if not t.is_space])
                row = {"id": article_id, "words": words, "tf": tf, "cats": cats}
                out.write(json.dumps(row) + "\n")
                n_train += out is train
    if args.holdout:
        (CORPUS / "topics-holdout.txt").write_text("".join(f"{i}\n" for i in held))
    labels = sorted(k for k, n in positives.items() if n >= args.min_positives)
    (CORPUS / "topics-labels.json").write_text(json.dumps(labels, indent=1))
    print(f"{n_train} training docs, {len(held)} articles held out, {len(labels)} labels "
          f"with >= {args.min_positives} positives", flush=True)
    for key in sorted(positives, key=lambda k: -positives[k]):
        print(f"  {key}: {positives[key]}")


def read_rows(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def matrix(rows: list[dict[str, Any]], vocab: dict[str, int]) -> Any:
    """The rows' L2-normalised sublinear features as a sparse matrix over `vocab`."""
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    for row in rows:
        for f, v in weights_of(Counter(row["tf"])).items():
            if f in vocab:
                cols.append(vocab[f])
                data.append(v)
        ptr.append(len(cols))
    return csr_matrix((np.asarray(data, np.float32), cols, ptr), shape=(len(rows), len(vocab)))


def build_vocab(rows: list[dict[str, Any]], min_df: int, size: int) -> list[str]:
    """The `size` features found in the most articles (at least `min_df`)."""
    df: Counter[str] = Counter()
    seen: dict[str, set[str]] = {}
    for row in rows:
        seen.setdefault(row["id"], set()).update(row["tf"])
    for feats in seen.values():
        df.update(feats)
    common = [f for f, n in df.most_common() if n >= min_df]
    return sorted(common[:size])


def fit_label(x: Any, y: np.ndarray, known: np.ndarray, cal: np.ndarray, c: float,
              seed: int) -> tuple[np.ndarray, float, float, float]:
    """One label's regression on the fit split and its Platt scaling (a, b) on the
    calibration split: returns (weights, bias, a, b)."""
    from sklearn.linear_model import LogisticRegression

    fit = known & ~cal
    model = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=200)
    model.fit(x[fit], y[fit])
    w, b0 = model.coef_[0].astype(np.float64), float(model.intercept_[0])
    check = known & cal
    if y[check].min(initial=1) == y[check].max(initial=0):  # one class only: no calibration
        return w, b0, 1.0, 0.0
    z = (x[check] @ w + b0).reshape(-1, 1)
    platt = LogisticRegression(C=1e4, solver="lbfgs").fit(z, y[check])
    return w, b0, float(platt.coef_[0][0]), float(platt.intercept_[0])


def train(args: argparse.Namespace) -> None:
    start = time.time()
    labels = json.loads((CORPUS / "topics-labels.json").read_text())
    rows = read_rows(corpus_file(args, "train"))
    vocab = build_vocab(rows, args.min_df, args.features)
    index = {f: i for i, f in enumerate(vocab)}
    x = matrix(rows, index)
    cal = np.array([in_calibration(r["id"]) for r in rows])
    empty = np.asarray(x.getnnz(axis=1) == 0)
    print(f"{len(rows)} docs ({int(cal.sum())} for calibration), {len(vocab)} features "
          f"({time.time() - start:.0f}s)", flush=True)
    weights = np.zeros((len(vocab), len(labels)), np.float32)
    bias, prior = np.zeros(len(labels), np.float32), np.zeros(len(labels), np.float32)
    for j, label in enumerate(labels):
        known = np.array([label in r["cats"] for r in rows])
        y = np.array([r["cats"].get(label, 0) for r in rows])
        w, b0, a, b = fit_label(x, y, known, cal, args.c, args.seed)
        weights[:, j], bias[j] = a * w, a * b0 + b
        # the base rate: the share of calibration texts that are weak positives
        prior[j] = max(y[cal & ~empty].mean(), 1e-4)
    print(f"fitted {len(labels)} labels ({time.time() - start:.0f}s)", flush=True)
    model = LinearTopics(labels, vocab, weights, bias, prior)
    out = OUTPUT / args.out
    if out.exists():
        shutil.rmtree(out)
    meta = {"name": "newsx_topics", "version": "0.3.1", "seed": args.seed, "C": args.c,
            "features": len(vocab), "positive": args.positive,
            "trained_on": "half" if args.holdout else "all"}
    model.save(out, meta)
    (out / "meta.json").write_text(json.dumps({**meta, "labels": labels, "description":
        "newsx topic classifier: calibrated logistic regression over words and bigrams, "
        "weakly supervised by models/topics.toml"}, indent=1))
    cal_rows = [r for r, c in zip(rows, cal, strict=True) if c]
    reliability(model, cal_rows, "calibration split (fitted on it)")
    if args.holdout:
        reliability(model, read_rows(corpus_file(args, "heldout")), "held-out half")
    print(f"saved {out} ({time.time() - start:.0f}s)")


def reliability(model: LinearTopics, rows: list[dict[str, Any]], name: str) -> None:
    """Predicted probability against the observed share of weak positives, in bins, over
    every (text, label) pair whose label is known."""
    preds, truth = [], []
    for row in rows:
        probs = model.predict(Counter(row["tf"]))
        for label, y in row["cats"].items():
            if label in probs:
                preds.append(probs[label])
                truth.append(y)
    p, t = np.asarray(preds), np.asarray(truth)
    print(f"reliability on the {name}: {len(rows)} texts, {len(p)} (text, label) pairs")
    print("  predicted     pairs  mean predicted  share positive")
    for lo in np.arange(0.0, 1.0, 0.1):
        sel = (p >= lo) & ((p < lo + 0.1) | (lo >= 0.9))
        if sel.any():
            print(f"  {lo:.1f}-{lo + 0.1:.1f}  {int(sel.sum()):>10}  {p[sel].mean():>14.3f}  "
                  f"{t[sel].mean():>14.3f}")
    print(f"  expected calibration error {ece(p, t):.4f}, Brier {np.mean((p - t) ** 2):.4f}",
          flush=True)


def ece(p: np.ndarray, t: np.ndarray, bins: int = 10) -> float:
    edges = np.minimum((p * bins).astype(int), bins - 1)
    return float(sum(abs(p[edges == k].mean() - t[edges == k].mean()) * (edges == k).sum()
                     for k in range(bins) if (edges == k).any()) / len(p))


def package(args: argparse.Namespace) -> None:
    card = TARGET / "README.md"
    kept = card.read_text(encoding="utf-8") if card.exists() else None
    if TARGET.exists():
        shutil.rmtree(TARGET)
    shutil.copytree(OUTPUT / args.out, TARGET)
    if kept is not None:
        card.write_text(kept, encoding="utf-8")  # the model card is written by hand
    print(f"copied to {TARGET}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("step", choices=["prepare", "train", "package"])
    ap.add_argument("--holdout", action="store_true", help="train on half the articles only")
    ap.add_argument("--positive", type=float, default=0.5)
    ap.add_argument("--min-positives", type=int, default=20)
    ap.add_argument("--min-df", type=int, default=3, help="articles a feature must occur in")
    ap.add_argument("--features", type=int, default=40_000, help="vocabulary size")
    ap.add_argument("-C", "--c", type=float, default=4.0, help="inverse L2 regularisation")
    ap.add_argument("--seed", type=int, default=SEED, help="of the solver")
    ap.add_argument("--out", default="topics-last", help="folder under training/output")
    args = ap.parse_args()
    {"prepare": prepare, "train": train, "package": package}[args.step](args)


if __name__ == "__main__":
    main()
