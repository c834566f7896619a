"""newsx_topics: score an article against the IPTC-coded topic taxonomy.

Sets `doc._.newsx_topics` (list of `newsx.schema.Topic`, best first) and
`doc._.newsx_categories` (the IPTC top-level categories those topics fall under).

Scoring (README "Topics"): each taxonomy term is matched on lower-cased tokens, with its plural
and verb forms; within a topic, overlapping matches count once (the longest). A term found
n times adds weight * (1 + ln n), times HEAD_BOOST when it occurs in the headline or lead.
The sum is divided by a length factor and mapped to 0-1 by 1 - exp(-(raw - OFFSET) / SCALE).
"""

from __future__ import annotations

import math
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsx.schema import Category, Evidence, Topic
from newsx.taxonomy import TopicDef, load_taxonomy, top_level

HEAD_CHARS = 300
HEAD_BOOST = 1.5
SCALE = 4.0
OFFSET = 3.0  # raw evidence below this is noise: one supporting word is not a topic
LENGTH_WORDS = 600  # articles longer than this are scaled down by sqrt(words / LENGTH_WORDS)

for _ext in ("newsx_topics", "newsx_categories"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


def word_forms(word: str) -> set[str]:
    """A word with its plural and verb forms (over-generation is harmless: it never matches)."""
    if len(word) < 4 or not word.isalpha():
        return {word, word + "s"}
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


def score(raw: float) -> float:
    return round(1.0 - math.exp(-max(raw - OFFSET, 0.0) / SCALE), 3)


class TopicScorer:
    def __init__(self, nlp: Language, name: str, extra: list[str], min_score: float):
        self.name = name
        self.min_score = min_score
        self.topics: list[TopicDef] = load_taxonomy([Path(p) for p in extra])
        # lower-cased token sequences by their first word; each term is tokenised once and
        # only its last token is inflected
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        terms = sorted({t for topic in self.topics for t in topic.terms})
        tokenised = {term: tuple(t.lower_ for t in doc)
                     for term, doc in zip(terms, map(nlp.make_doc, terms), strict=True)}
        exact = set(tokenised.values())
        for term, words in tokenised.items():
            for last in sorted(word_forms(words[-1])):
                form = (*words[:-1], last)
                if form == words or form not in exact:  # "hacking" is its own term, not "hack"
                    self.index.setdefault(form[0], []).append((form, term))
        self.by_term: dict[str, list[tuple[int, float]]] = {}
        for i, topic in enumerate(self.topics):
            for term, weight in topic.terms.items():
                self.by_term.setdefault(term, []).append((i, weight))

    def __call__(self, doc: Doc) -> Doc:
        lowers = [t.lower_ for t in doc]
        matches = []  # (start, end, term): every match, longest first at each start
        for i, word in enumerate(lowers):
            for form, term in self.index.get(word, ()):
                if len(form) == 1 or tuple(lowers[i : i + len(form)]) == form:
                    matches.append((i, i + len(form), term))
        matches.sort(key=lambda m: (m[0], m[0] - m[1]))
        hits: dict[int, dict[str, list[int]]] = {}  # topic -> term -> start chars
        ends: dict[int, int] = {}
        for start, end, term in matches:
            for index, _ in self.by_term.get(term, []):
                if start < ends.get(index, 0):
                    continue  # overlaps a longer match for the same topic
                ends[index] = end
                hits.setdefault(index, {}).setdefault(term, []).append(doc[start].idx)
        words = sum(1 for t in doc if not t.is_punct and not t.is_space)
        length = math.sqrt(max(1.0, words / LENGTH_WORDS))
        topics = []
        for i, found in hits.items():
            topic = self.topics[i]
            raw = 0.0
            for term, starts in found.items():
                boost = HEAD_BOOST if min(starts) < HEAD_CHARS else 1.0
                raw += topic.terms[term] * (1 + math.log(len(starts))) * boost
            s = score(raw / length)
            if s >= self.min_score:
                evidence = [
                    Evidence(t, len(v))
                    for t, v in sorted(found.items(), key=lambda kv: -len(kv[1]))
                    if topic.terms[t] > 0
                ]
                topics.append(Topic(topic.id, topic.name, list(topic.iptc), s, evidence))
        topics.sort(key=lambda t: (-t.score, t.id))
        doc._.newsx_topics = topics
        doc._.newsx_categories = categories(topics)
        return doc


def categories(topics: list[Topic]) -> list[Category]:
    """IPTC top-level categories, each scored by the best topic under it."""
    best: dict[str, Category] = {}
    for t in topics:
        for code in t.iptc:
            top = top_level(code)
            if top is not None and (top.qcode not in best or best[top.qcode].score < t.score):
                best[top.qcode] = Category(top.qcode, top.name, t.score)
    return sorted(best.values(), key=lambda c: (-c.score, c.iptc))


@Language.factory(
    "newsx_topics_v1",
    default_config={"extra": [], "min_score": 0.3},
)
def make_topics(nlp: Language, name: str, extra: list[str], min_score: float) -> TopicScorer:
    return TopicScorer(nlp, name, extra, min_score)
