"""Word lists as the tokenizer splits them, found in docs: what spaCy's PhraseMatcher does on
ORTH, without running the tokenizer (and making a lexeme for every word) over thousands of
phrases at start-up.

A phrase of plain words (letters only, single spaces, none a tokenizer special case such as
"cannot") is split by spaCy's rule-based tokenizer at its spaces and nowhere else: it has no
prefix, suffix or infix to split off. Only other phrases ("U.S.", "AT&T", "Rolls-Royce") go
through the tokenizer itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc


class PhraseSplitter:
    """`words(phrase)`: the phrase's token texts, as `nlp.make_doc(phrase)` gives them."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        inner: object = getattr(nlp.tokenizer, "inner", nlp.tokenizer)  # under ReflowTokenizer
        self.rules: set[str] | None = None  # None: every phrase goes through the tokenizer
        if isinstance(inner, Tokenizer) and inner.token_match is None:
            self.rules = set(inner.rules or {})

    def words(self, phrase: str) -> tuple[str, ...]:
        """The token texts of `phrase`."""
        if self.rules is not None:
            pieces = phrase.split(" ")
            if all(p.isalpha() and p not in self.rules for p in pieces):
                return tuple(pieces)
        return tuple(t.text for t in self.nlp.make_doc(phrase))


class PhraseIndex:
    """Labelled phrases, matched on the exact token texts of a doc (spaCy's PhraseMatcher on
    ORTH): every match, overlapping ones too, by start, then end, then label."""

    def __init__(self, nlp: Language) -> None:
        self.splitter = PhraseSplitter(nlp)
        self.index: dict[str, set[tuple[str, tuple[str, ...]]]] = {}

    def add(self, label: str, phrases: Iterable[str]) -> None:
        """Adds the phrases under `label`."""
        for phrase in phrases:
            words = self.splitter.words(phrase)
            if words:
                self.index.setdefault(words[0], set()).add((label, words))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(label, start, end) of every match."""
        texts = [t.text for t in doc]
        found = []
        for i, text in enumerate(texts):
            for label, words in self.index.get(text, ()):
                end = i + len(words)
                if len(words) == 1 or tuple(texts[i:end]) == words:
                    found.append((label, i, end))
        found.sort(key=lambda m: (m[1], m[2], m[0]))
        return found
