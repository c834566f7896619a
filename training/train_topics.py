"""Train newsx's topic classifier from the taxonomy's own evidence (weak supervision).

    python training/train_topics.py prepare   # ../shared/data text -> training/corpus/topics-*.spacy
    python training/train_topics.py train     # -> training/output/topics-last
    python training/train_topics.py package   # -> models/topics

(`spacy project run topics` in training/ runs the three; see training/project.yml.)

No gold label is read. Every article's text (BBC, Reuters-21578, the cybersecurity headlines and
CoNLL-2003 train/dev documents) is scored by newsx's term scorer (models/topics.toml) on its full
text; a topic whose score reaches --positive is a positive label, one with no evidence at all is
a negative, and anything between is missing (the model is told nothing). The classifier learns
from the full text and from a short item cut from it (title + first sentences, ~40 words) with
the full text's labels: it learns which words of a headline and lead predict what the whole
article turns out to be about, the words the term lists lack.

`--holdout` trains on half of the articles (by a hash of their id) and writes the other half's ids
to training/corpus/topics-holdout.txt, so that benchmarks/ablate_topics.py can measure the model
on text it never saw. The shipped model is trained on everything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from train_ner import read_conll  # noqa: E402

from newsx.nlp.reflow import unwrap  # noqa: E402
from newsx.nlp.topics import Scoring, TopicScorer, count_words, lowered  # noqa: E402

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
        for i, (text, _) in enumerate(read_conll(SHARED / "conll2003" / f"{split}.txt")):
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


def train_file(args: argparse.Namespace) -> Path:
    return CORPUS / ("topics-train-half.spacy" if args.holdout else "topics-train.spacy")


def in_holdout(article_id: str) -> bool:
    return hashlib.sha1(article_id.encode()).digest()[0] % 2 == 1


def weak_labels(scorer: TopicScorer, doc: Doc, positive: float) -> dict[str, float]:
    """Topic id -> 1.0 (score >= positive) or 0.0 (no evidence); other topics missing.
    With a teacher classifier (self-training) the score is terms and teacher combined."""
    hits = scorer.hits(doc)
    scores = {t.id: t.score
              for t in scorer.rank(hits, count_words(doc), scorer.predict([doc])[0])}
    cats = {}
    for i, topic in enumerate(scorer.topics):
        if scores.get(topic.id, 0.0) >= positive:
            cats[topic.id] = 1.0
        elif i not in hits:
            cats[topic.id] = 0.0
    return cats


def prepare(args: argparse.Namespace) -> None:
    nlp = spacy.blank("en")
    scorer = TopicScorer(nlp, "topics", [], 0.0, Scoring(), args.teacher or "")
    CORPUS.mkdir(parents=True, exist_ok=True)
    train, holdout = DocBin(store_user_data=False), []
    positives: dict[str, int] = {}
    # read as newsx reads them: hard-wrapped lines as prose (newsx.nlp.reflow)
    rows = [(article_id, title, unwrap(text)) for article_id, title, text in articles()]
    texts = [full_text(t, x) for _, t, x in rows]
    for (article_id, title, text), doc in zip(rows, nlp.pipe(texts, batch_size=256), strict=True):
        cats = weak_labels(scorer, doc, args.positive)
        # the label set counts every article (weak labels, no gold): the same with --holdout
        for key, value in cats.items():
            positives[key] = positives.get(key, 0) + int(value)
        if args.holdout and in_holdout(article_id):
            holdout.append(article_id)
            continue
        if not any(cats.values()):
            continue  # no topic is sure: the article teaches nothing but negatives
        for words in (0, 20, 40, None):  # title, two leads, the whole text
            text_doc = doc if words is None else nlp.make_doc(shorten(title, text, words))
            if words is not None and (len(text_doc) < 4 or len(text_doc) >= len(doc)):
                continue
            example = lowered(text_doc)
            example.cats = cats
            train.add(example)
    train.to_disk(train_file(args))
    if args.holdout:
        (CORPUS / "topics-holdout.txt").write_text("".join(f"{i}\n" for i in holdout))
    labels = sorted(k for k, n in positives.items() if n >= args.min_positives)
    (CORPUS / "topics-labels.json").write_text(json.dumps(labels, indent=1))
    print(f"{len(train)} training docs, {len(holdout)} held out, {len(labels)} labels "
          f"with >= {args.min_positives} positives", flush=True)
    for key in sorted(positives, key=lambda k: -positives[k]):
        print(f"  {key}: {positives[key]}")


def build(labels: list[str], ngrams: int, length: int) -> spacy.language.Language:
    nlp = spacy.blank("en")
    model = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
             "ngram_size": ngrams, "no_output_layer": False, "length": length}
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": model, "threshold": 0.5})
    for label in labels:
        textcat.add_label(label)
    return nlp


def train(args: argparse.Namespace) -> None:
    fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    labels = json.loads((CORPUS / "topics-labels.json").read_text())
    nlp = build(labels, args.ngrams, args.length)
    docs = list(DocBin().from_disk(train_file(args)).get_docs(nlp.vocab))
    examples = []
    for doc in docs:
        ref = doc.copy()
        ref.cats = {k: v for k, v in doc.cats.items() if k in labels}
        examples.append(Example(Doc(nlp.vocab, words=[t.text for t in doc]), ref))
    optimizer = nlp.initialize(lambda: examples[:500])
    optimizer.learn_rate = args.lr
    start = time.time()
    for epoch in range(args.epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=args.batch):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=args.dropout)
        print(f"epoch {epoch + 1}: loss {losses['textcat_multilabel']:.2f} "
              f"({time.time() - start:.0f}s)", flush=True)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    nlp.meta.update(name="newsx_topics", version="0.2.0",
                    description="newsx topic classifier, weakly supervised by models/topics.toml")
    nlp.to_disk(OUTPUT / args.out)


def package(args: argparse.Namespace) -> None:
    if TARGET.exists():
        shutil.rmtree(TARGET)
    shutil.copytree(OUTPUT / args.out, TARGET)
    # the bag of words reads hashes, not strings: the training text's strings are not shipped
    (TARGET / "vocab" / "strings.json").write_text("[]")
    print(f"copied to {TARGET}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("step", choices=["prepare", "train", "package"])
    ap.add_argument("--holdout", action="store_true", help="train on half the articles only")
    ap.add_argument("--positive", type=float, default=0.5)
    ap.add_argument("--teacher", help="self-training: label with terms + this classifier")
    ap.add_argument("--min-positives", type=int, default=20)
    ap.add_argument("--ngrams", type=int, default=1)
    ap.add_argument("--length", type=int, default=2**14)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=0.001)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=SEED, help="of the weights and the batch order")
    ap.add_argument("--out", default="topics-last", help="folder under training/output")
    args = ap.parse_args()
    {"prepare": prepare, "train": train, "package": package}[args.step](args)


if __name__ == "__main__":
    main()
