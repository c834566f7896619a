"""newsx's topic classifier: a calibrated one-vs-rest linear model over a bag of words, in numpy.

Features (`features`): the lower-cased alphabetic words of a text that are not stop words, and
the bigrams of adjacent ones, weighted sqrt(count) and scaled to unit L2 norm over every
feature of the text (those outside the vocabulary too, so that unknown words dilute known
ones). A text's features are the same whatever its length, and exactly the same when it is
repeated (sqrt is sublinear and scales, so the L2 norm cancels the factor): a probability does
not grow with length. A text without a
single feature (function words only) gets each label's base rate.

The model (`LinearTopics`) is p = sigmoid(w . x + b) per label: logistic regression whose
weights are already scaled by a Platt calibration fitted on held-out articles
(training/train_topics.py), shipped as an uncompressed .npz (float16 weights, the vocabulary)
in models/topics/textcat_multilabel/model with the labels in .../cfg (JSON). Because it is
linear, the words that pushed a topic are exact: weight x feature (`explain`).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

FOLDER = "textcat_multilabel"  # the name the package data and result cache know
STOP = frozenset(STOP_WORDS) | {"s", "nt", "ll", "ve", "re", "d", "m"}


def keep(word: str) -> bool:
    """A word the classifier reads: alphabetic, two letters or more, not a stop word."""
    return len(word) > 1 and word.isalpha() and word not in STOP


def counts(words: Sequence[str]) -> Counter[str]:
    """The unigram and adjacent-bigram counts of lower-cased `words`."""
    out: Counter[str] = Counter()
    kept = [keep(w) for w in words]
    for i, word in enumerate(words):
        if kept[i]:
            out[word] += 1
            if i + 1 < len(words) and kept[i + 1]:
                out[f"{word} {words[i + 1]}"] += 1
    return out


def weights_of(tf: Counter[str]) -> dict[str, float]:
    """Sublinear, L2-normalised feature values sqrt(tf) / norm over all of `tf`: the same
    for a text and the text repeated."""
    raw = {f: math.sqrt(n) for f, n in tf.items() if n > 0}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    return {f: v / norm for f, v in raw.items()} if norm else {}


class LinearTopics:
    """A calibrated linear multi-label topic model: `predict` probabilities, `explain` them."""

    def __init__(self, labels: list[str], vocab: list[str], weights: np.ndarray,
                 bias: np.ndarray, prior: np.ndarray) -> None:
        self.labels = labels
        self.index = {f: i for i, f in enumerate(vocab)}
        self.vocab = vocab
        # (features, labels); float16 as stored (rows are widened when used: exactly the
        # values of a float32 copy, without making one of the whole matrix at every start)
        self.weights = weights if weights.dtype == np.float16 else weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.prior = prior.astype(np.float32)

    @classmethod
    def load(cls, path: Path) -> LinearTopics:
        """The model in the folder `path` (its textcat_multilabel/cfg and /model files)."""
        cfg = json.loads((path / FOLDER / "cfg").read_text(encoding="utf-8"))
        if cfg.get("kind") != "newsx-linear":
            raise ValueError(f"{path} is not a newsx linear topic model (retrain it with "
                             "training/train_topics.py).")
        with np.load(path / FOLDER / "model", allow_pickle=False) as z:
            vocab = bytes(z["vocab"]).decode("utf-8").split("\n")
            return cls(list(cfg["labels"]), vocab, z["weights"], z["bias"], z["prior"])

    def save(self, path: Path, meta: dict[str, object]) -> None:
        """Writes the model to the folder `path` (float16 weights, uncompressed: zlib would
        save 8 % of the file and cost 40 ms of every start)."""
        (path / FOLDER).mkdir(parents=True, exist_ok=True)
        vocab = np.frombuffer("\n".join(self.vocab).encode("utf-8"), dtype=np.uint8)
        with (path / FOLDER / "model").open("wb") as f:
            np.savez(f, weights=self.weights.astype(np.float16), bias=self.bias,
                     prior=self.prior, vocab=vocab)
        cfg = {"kind": "newsx-linear", "labels": self.labels, **meta}
        (path / FOLDER / "cfg").write_text(json.dumps(cfg, indent=1), encoding="utf-8")

    def logits(self, values: dict[str, float]) -> np.ndarray | None:
        """w . x + b per label; None for a text without a feature."""
        if not values:
            return None
        known = [(self.index[f], v) for f, v in values.items() if f in self.index]
        out = self.bias.copy()
        if known:
            rows, vals = zip(*known, strict=True)
            out += np.asarray(vals, dtype=np.float32) @ self.weights[list(rows)].astype(
                np.float32, copy=False)
        return out

    def predict(self, tf: Counter[str]) -> dict[str, float]:
        """Label -> probability for a text's feature counts (base rates if it has none)."""
        z = self.logits(weights_of(tf))
        p = self.prior if z is None else 1.0 / (1.0 + np.exp(-z))
        return {label: float(v) for label, v in zip(self.labels, p.tolist(), strict=True)}

    def push(self, tf: Counter[str], label: str, among: set[str]) -> float:
        """The summed push (weight x value) of the text's features in `among` on `label`."""
        j = self.labels.index(label)
        return sum(float(self.weights[self.index[f], j]) * v
                   for f, v in weights_of(tf).items() if f in among and f in self.index)

    def explain(self, tf: Counter[str], label: str, top: int = 5,
                exclude: frozenset[str] | set[str] = frozenset()) -> list[tuple[str, float]]:
        """The features of the text (but those in `exclude`) that pushed `label` up most:
        (feature, weight x value)."""
        j = self.labels.index(label)
        pushes = [(f, float(self.weights[self.index[f], j]) * v)
                  for f, v in weights_of(tf).items() if f in self.index and f not in exclude]
        return sorted((p for p in pushes if p[1] > 0), key=lambda p: -p[1])[:top]


def doc_counts(docs: Iterable[Sequence[str]]) -> Counter[str]:
    """The feature counts of several pieces of one text, added up."""
    total: Counter[str] = Counter()
    for words in docs:
        total.update(counts(words))
    return total
