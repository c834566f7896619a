"""newsx_topics: score an article against the IPTC-coded topic taxonomy.

Sets `doc._.newsx_topics` (list of `newsx.records.Topic`, best first) and
`doc._.newsx_categories` (the IPTC top-level categories those topics fall under).

Scoring (README "Topics"): each taxonomy term is matched on lower-cased tokens, with its plural
and verb forms; within a topic, overlapping matches count once (the longest). A term found
n times adds weight * (1 + ln n), times `head_boost` when it occurs in the first `head_chars`
characters. The sum is divided by a length factor, sqrt(words / length_words) between 1 and
sqrt(max_words / length_words), and mapped to 0-1 by 1 - exp(-(raw - offset) / scale), the
offset scaled down for texts under `short_words` words (a feed item needs less evidence).
The classifier (models/topics, trained from the taxonomy's own evidence: training/
train_topics.py) gives a probability p for the topics it knows; their score is
(1 - model_weight) * terms + model_weight * p. A text under `short_words` words also keeps,
from `short_floor` up, the best topic of each IPTC top-level category it has no topic in. Every
setting is in the factory's config.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc
from spacy.util import minibatch

from newsx.errors import ModelError
from newsx.nlp.assets import asset
from newsx.nlp.taxonomy import TopicDef, load_taxonomy, top_level
from newsx.records import Category, Evidence, Topic
from newsx.settings import MIN_SCORE

NAME_LABELS = {"PERSON"}

for _ext in ("newsx_topics", "newsx_categories"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


@dataclass(frozen=True)
class Scoring:
    head_chars: int = 150  # the headline and first sentence
    head_boost: float = 2.0
    scale: float = 4.0
    offset: float = 3.0  # raw evidence below this is noise: one supporting word is not a topic
    length_words: int = 600  # longer articles are scaled down by sqrt(words / length_words) ...
    max_words: int = 5_000  # ... but no further than this length (a book is not noise)
    short_words: int = 80  # shorter texts (a headline and lead) need less evidence: the
    # offset is scaled by words / short_words
    inflect: bool = True  # match plural and verb forms of terms
    negative: bool = True  # negative weights count as counter-evidence
    model_weight: float = 0.4  # a topic the classifier knows scores (1 - w) * terms + w * p,
    # p its probability; 0 turns the classifier off
    short_floor: float = 0.1
    side_share: float = 0.6  # in a full article (short_words or more), a topic scoring under
    # this share of the best topic of its IPTC top-level category is a side mention and left
    # out (0 keeps every topic); a short item keeps every topic it has evidence for


# topic index -> term -> [count, first character offset]: adds up over the pieces of a text
Hits = dict[int, dict[str, list[int]]]


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


def lowered(doc: Doc) -> Doc:
    """The doc's words in lower case: what the classifier reads."""
    return Doc(doc.vocab, words=[t.lower_ for t in doc if not t.is_space])


def count_words(doc: Doc) -> int:
    return sum(1 for t in doc if not t.is_punct and not t.is_space)


# topic id -> the classifier's probability: averaged over the pieces of a text
Probs = dict[str, float]


@dataclass
class Tally:
    """A text's topic evidence, added up over its pieces (`TopicScorer.add`): the terms
    found, the classifier's probabilities weighted by each piece's words, and the words."""

    hits: Hits = field(default_factory=dict)
    probs: Probs = field(default_factory=dict)
    words: int = 0


class TopicScorer:
    """The newsx_topics component: taxonomy terms and the classifier, scored into topics.

    `nlp(text)` sets the topics of a whole text; a long text read in pieces is scored with
    `add(doc, offset, tally)` for each piece and `score(tally)` at the end."""

    def __init__(self, nlp: Language, name: str, extra: list[str], min_score: float,
                 scoring: Scoring | None = None, classifier: str = ""):
        self.name = name
        self.min_score = min_score
        self.scoring = scoring or Scoring()
        self.topics: list[TopicDef] = load_taxonomy([Path(p) for p in extra])
        self.textcat = load_classifier(nlp, classifier) if self.scoring.model_weight else None
        # topics the classifier knows (user topics without model support score by terms)
        self.modelled = {t.id for t in self.topics} & set(self.textcat.labels if self.textcat
                                                           else ())
        self.by_id = {t.id: i for i, t in enumerate(self.topics)}
        # lower-cased token sequences by their first word; each term is tokenised once and
        # only its last token is inflected
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        # what each topic matches: its terms, and with weight 0 the cues of its conditional codes
        self.weights: list[dict[str, float]] = [
            {**{c: 0.0 for cues in t.iptc_when.values() for c in cues}, **t.terms}
            for t in self.topics
        ]
        terms = sorted({t for weights in self.weights for t in weights})
        tokenised = {term: tuple(t.lower_ for t in doc)
                     for term, doc in zip(terms, map(nlp.make_doc, terms), strict=True)}
        exact = set(tokenised.values())
        for term, words in tokenised.items():
            forms = sorted(word_forms(words[-1])) if self.scoring.inflect else [words[-1]]
            for last in forms:
                form = (*words[:-1], last)
                if form == words or form not in exact:  # "hacking" is its own term, not "hack"
                    self.index.setdefault(form[0], []).append((form, term))
        self.by_term: dict[str, list[int]] = {}
        for i, weights in enumerate(self.weights):
            for term, weight in weights.items():
                if weight >= 0 or self.scoring.negative:
                    self.by_term.setdefault(term, []).append(i)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_topics(doc, self.predict([doc])[0])

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            for doc, probs in zip(batch, self.predict(batch), strict=True):
                yield self.set_topics(doc, probs)

    def set_topics(self, doc: Doc, probs: Probs) -> Doc:
        """Sets `doc._.newsx_topics` and `doc._.newsx_categories` from its terms and `probs`."""
        topics = self.rank(self.hits(doc), count_words(doc), probs)
        doc._.newsx_topics = topics
        doc._.newsx_categories = categories(topics)
        return doc

    def add(self, doc: Doc, offset: int = 0, tally: Tally | None = None) -> Tally:
        """Adds the evidence of one piece of a text (starting at `offset`) to `tally`."""
        tally = tally if tally is not None else Tally()
        self.hits(doc, offset, into=tally.hits)
        n = count_words(doc)
        for key, p in self.predict([doc])[0].items():
            tally.probs[key] = tally.probs.get(key, 0.0) + p * n
        tally.words += n
        return tally

    def score(self, tally: Tally) -> list[Topic]:
        """The topics of a text whose pieces were added to `tally`."""
        words = max(tally.words, 1)
        return self.rank(tally.hits, tally.words, {k: v / words for k, v in tally.probs.items()})

    def predict(self, docs: list[Doc]) -> list[Probs]:
        """The classifier's probability of each topic it knows, per doc."""
        if self.textcat is None or not docs:
            return [{} for _ in docs]
        scores = self.textcat.model.ops.to_numpy(self.textcat.predict([lowered(d) for d in docs]))
        labels = self.textcat.labels
        return [{label: float(p) for label, p in zip(labels, row, strict=True)
                 if label in self.modelled} for row in scores]

    def hits(self, doc: Doc, offset: int = 0, into: Hits | None = None) -> Hits:
        """The terms of each topic found in `doc` (whose text starts at `offset` of the
        article), added to `into`."""
        hits: Hits = {} if into is None else into
        lowers = [t.lower_ for t in doc]
        # a word inside a person's name is not evidence ("Christian" in Hans Christian
        # Andersen); organisations' names are (tests/test_senses.py says why)
        names = {}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                for i in range(ent.start, ent.end):
                    names[i] = (ent.start, ent.end)
        matches = []  # (start, end, term): every match, longest first at each start
        for i, word in enumerate(lowers):
            for form, term in self.index.get(word, ()):
                end = i + len(form)
                if len(form) > 1 and tuple(lowers[i:end]) != form:
                    continue
                inside = {names[k] for k in range(i, end) if k in names}
                if inside and inside != {(i, end)}:
                    continue
                matches.append((i, end, term))
        matches.sort(key=lambda m: (m[0], m[0] - m[1]))
        ends: dict[int, int] = {}
        for start, end, term in matches:
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

    def rank(self, hits: Hits, words: int, probs: Probs | None = None) -> list[Topic]:
        """Scored topics, best first, those under min_score left out (under short_floor for
        a short item)."""
        s = self.scoring
        probs = probs or {}
        length = math.sqrt(min(max(1.0, words / s.length_words), s.max_words / s.length_words))
        offset = s.offset * min(1.0, words / s.short_words) if s.short_words else s.offset
        topics = []
        for i in sorted(set(hits) | {self.by_id[t] for t in probs}):
            topic, weights, found = self.topics[i], self.weights[i], hits.get(i, {})
            raw = 0.0
            context = any(weights[t] > 0 and t not in topic.ambiguous for t in found)
            for term, (count, first) in found.items():
                if term in topic.ambiguous and not context:
                    continue  # "series" alone is not television, nor "dish" food
                boost = s.head_boost if first < s.head_chars else 1.0
                raw += weights[term] * (1 + math.log(count)) * boost
            terms = 1.0 - math.exp(-max(raw / length - offset, 0.0) / s.scale)
            prob = probs.get(topic.id)
            value = terms if prob is None else (1 - s.model_weight) * terms + s.model_weight * prob
            if value <= 0.0:
                continue
            evidence = [Evidence(t, n) for t, (n, _) in
                        sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))
                        if weights[t] > 0 and (context or t not in topic.ambiguous)]
            codes = [*topic.iptc, *(q for q, cues in topic.iptc_when.items()
                                    if any(c in found for c in cues))]
            model = None if prob is None else round(prob, 3)
            share = None if prob is None else round(s.model_weight * prob / value, 3)
            topics.append(Topic(topic.id, topic.name, codes, round(value, 3), evidence,
                                model, share))
        topics.sort(key=lambda t: (-t.score, t.id))
        kept = [t for t in topics if t.score >= self.min_score]
        if words >= s.short_words:
            return main_topics(kept, s.side_share)
        # a feed item says what it may be about, with a score that says how sure
        if not kept:
            return [t for t in topics if t.score >= s.short_floor]
        return kept + other_categories(topics[len(kept):], kept, s.short_floor)


def other_categories(candidates: list[Topic], kept: list[Topic], floor: float) -> list[Topic]:
    """The best of `candidates` (scoring `floor` or more) in each IPTC top-level category that
    no kept topic falls under."""
    seen = set().union(*(top_levels(t) for t in kept))
    out = []
    for t in candidates:
        cats = top_levels(t)
        if t.score >= floor and cats and not cats & seen:
            out.append(t)
            seen |= cats
    return out


def top_levels(topic: Topic) -> set[str]:
    """The IPTC top-level categories the topic's codes fall under."""
    return {top.qcode for code in topic.iptc if (top := top_level(code)) is not None}


def main_topics(topics: list[Topic], share: float) -> list[Topic]:
    """The topics that lead their IPTC top-level category: each one scoring at least `share`
    of the best topic under the same category ("interest rates" in a trade story is a side
    mention); topics in different categories never cut each other, so every category keeps
    its best topic."""
    if share <= 0:
        return topics
    tops = [top_levels(t) for t in topics]
    best: dict[str, float] = {}
    for t, cats in zip(topics, tops, strict=True):
        for cat in cats:
            best[cat] = max(best.get(cat, 0.0), t.score)
    return [t for t, cats in zip(topics, tops, strict=True)
            if not cats or any(t.score >= share * best[cat] for cat in cats)]


def load_classifier(nlp: Language, path: str) -> TextCategorizer | None:
    """The textcat_multilabel of the pipeline folder at `path` ("" for none), built on `nlp`'s
    vocabulary from its config and weights alone (a second Language would cost 0.5 s of
    start-up)."""
    if not path:
        return None
    from spacy.util import load_config

    try:
        config = dict(load_config(Path(path) / "config.cfg")["components"]["textcat_multilabel"])
        config.pop("factory", None)
        pipe = nlp.create_pipe("textcat_multilabel", config=config)
        assert isinstance(pipe, TextCategorizer)
        pipe.from_disk(Path(path) / "textcat_multilabel", exclude=["vocab"])
    except (OSError, ValueError, KeyError) as e:
        raise ModelError(f"cannot load the topic classifier {path!r}: {str(e).splitlines()[0]} "
                         "Reinstall newsx, or set the newsx_topics classifier to \"\" to score "
                         "topics from their terms alone.") from None
    return pipe


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
    "newsx_topics_v2",
    assigns=["doc._.newsx_topics", "doc._.newsx_categories"],
    default_config={"extra": [], "min_score": MIN_SCORE, "classifier": "newsx:topics",
                    **asdict(Scoring())},
)
def make_topics(
    nlp: Language, name: str, extra: list[str], min_score: float, classifier: str,
    head_chars: int, head_boost: float, scale: float, offset: float, length_words: int,
    max_words: int, short_words: int, inflect: bool, negative: bool, model_weight: float,
    short_floor: float, side_share: float,
) -> TopicScorer:
    """`classifier`: a spaCy pipeline with a textcat_multilabel over topic ids; "newsx:topics"
    is the one newsx ships (models/topics), "" none."""
    scoring = Scoring(head_chars=head_chars, head_boost=head_boost, scale=scale, offset=offset,
                      length_words=length_words, max_words=max_words, short_words=short_words,
                      inflect=inflect, negative=negative, model_weight=model_weight,
                      short_floor=short_floor, side_share=side_share)
    if classifier == "newsx:topics":
        classifier = str(asset("topics"))
    return TopicScorer(nlp, name, extra, min_score, scoring, classifier)
