"""Finding the taxonomy's terms in a text: the term index of newsx_topics.

Terms match lower-cased tokens together with the plural and verb forms of their last word;
within a topic, overlapping matches count once (the longest); a word inside a person's name
found by NER is not evidence ("Christian" in Hans Christian Andersen).
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from newsx.nlp.bylines import furniture
from newsx.nlp.phrases import PhraseSplitter
from newsx.nlp.taxonomy import TopicDef
from newsx.nlp.topics_model import counts

NAME_LABELS = {"PERSON"}

# topic index -> term -> [count, first character offset]: adds up over the pieces of a text
Hits = dict[int, dict[str, list[int]]]


def word_forms(word: str) -> set[str]:
    """A word with its plural and verb forms (over-generation is harmless: it never matches)."""
    if len(word) < 4 or not word.isalpha():  # "mps", "nhs"; but "gas" -> "gases", "tax" -> "taxes"
        plural = {word + "es"} if word.isalpha() and word[-1] in "sxz" else set()
        return {word, word + "s", *plural}
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    return forms


def inflections(phrase: str) -> set[str]:
    """The phrase and the plural / verb forms of its last word."""
    head, _, last = phrase.rpartition(" ")
    return {f"{head} {f}".strip() for f in word_forms(last)}


def count_words(doc: Doc, skip: frozenset[int] = frozenset()) -> int:
    """The words of a doc: tokens that are neither punctuation nor space (nor in `skip`)."""
    return sum(1 for t in doc if not t.is_punct and not t.is_space and t.i not in skip)


def features(doc: Doc, skip: frozenset[int] = frozenset()) -> Counter[str]:
    """The classifier's feature counts of a doc (its lower-cased words and bigrams), without
    the tokens in `skip`."""
    return counts([t.lower_ for t in doc if not t.is_space and t.i not in skip])


def repeated_lines(doc: Doc, seen: set[str]) -> frozenset[int]:
    """The tokens of the lines of `doc` already in `seen` (a paragraph repeated, a menu at the
    top and at the bottom of a page): a repeated line is not evidence again. `seen` collects
    the lines."""
    skip: list[int] = []
    start = 0
    for i in [*(t.i for t in doc if "\n" in t.text), len(doc)]:
        line = [t for t in doc[start:i] if not t.is_space]
        if line:
            key = " ".join(t.lower_ for t in line)
            if key in seen:
                skip.extend(t.i for t in line)
            seen.add(key)
        start = i + 1
    return frozenset(skip)


def furniture_tokens(doc: Doc) -> frozenset[int]:
    """The tokens of the page furniture in `doc` (`bylines.furniture`: "Share this", cookie
    and consent banners, newsletter sign-ups): no evidence of what the text is about."""
    spans = (doc.char_span(a, b, alignment_mode="expand") for a, b in furniture(doc.text))
    return frozenset(i for span in spans if span is not None for i in range(span.start, span.end))


class TermIndex:
    """Every topic's terms (and, with weight 0, the cues of its conditional codes), indexed
    by their first lower-cased token; each term is tokenised once and only its last token
    inflected."""

    def __init__(self, nlp: Language, topics: list[TopicDef], inflect: bool, negative: bool):
        self.weights: list[dict[str, float]] = [
            {**{c: 0.0 for cues in t.iptc_when.values() for c in cues}, **t.terms}
            for t in topics
        ]
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        terms = sorted({t for weights in self.weights for t in weights})
        split = PhraseSplitter(nlp).words
        tokenised = {term: tuple(w.lower() for w in split(term)) for term in terms}
        exact = set(tokenised.values())
        for term, words in tokenised.items():
            forms = sorted(word_forms(words[-1])) if inflect else [words[-1]]
            for last in forms:
                form = (*words[:-1], last)
                if form == words or form not in exact:  # "hacking" is its own term, not "hack"
                    self.index.setdefault(form[0], []).append((form, term))
        self.by_term: dict[str, list[int]] = {}
        for i, weights in enumerate(self.weights):
            for term, weight in weights.items():
                if weight >= 0 or negative:
                    self.by_term.setdefault(term, []).append(i)

    def matches(self, doc: Doc, skip: frozenset[int] = frozenset()) -> list[tuple[int, int, str]]:
        """(start, end, term) of every match outside a person's name and the tokens in
        `skip`, longest first at each start."""
        lowers = [t.lower_ for t in doc]
        names = {}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                for i in range(ent.start, ent.end):
                    names[i] = (ent.start, ent.end)
        found = []
        for i, word in enumerate(lowers):
            if i in skip:
                continue
            for form, term in self.index.get(word, ()):
                end = i + len(form)
                if len(form) > 1 and tuple(lowers[i:end]) != form:
                    continue
                inside = {names[k] for k in range(i, end) if k in names}
                if inside and inside != {(i, end)}:
                    continue
                found.append((i, end, term))
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        return found

    def hits(self, doc: Doc, offset: int = 0, into: Hits | None = None,
             skip: frozenset[int] = frozenset()) -> Hits:
        """The terms of each topic found in `doc` (whose text starts at `offset` of the
        article) outside the tokens in `skip`, added to `into`."""
        hits: Hits = {} if into is None else into
        ends: dict[int, int] = {}
        for start, end, term in self.matches(doc, skip):
            for index in self.by_term.get(term, ()):
                if start < ends.get(index, 0):
                    continue  # overlaps a longer match for the same topic
                ends[index] = end
                found = hits.setdefault(index, {})
                char = offset + doc[start].idx
                if term in found:
                    found[term][0] += 1
                    found[term][1] = min(found[term][1], char)
                else:
                    found[term] = [1, char]
        return hits
