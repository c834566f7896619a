"""newsx_topics: score an article against the IPTC-coded topic taxonomy.

Sets `doc._.newsx_topics` (list of `newsx.records.Topic`, best first) and
`doc._.newsx_categories` (the IPTC top-level categories those topics fall under).

Scoring (README "Topics", docs/topics.md): each taxonomy term is matched on lower-cased tokens,
with its plural and verb forms (newsx/nlp/topics_terms.py). A term found n times adds
weight * (1 + ln n), times `head_boost` when it occurs in the first `head_chars` characters;
a term listed as `ambiguous` counts only beside a term of its topic that is not. The sum is
divided by a length factor, sqrt(words / length_words) between 1 and
sqrt(max_words / length_words), and mapped to 0-1 by 1 - exp(-(raw - offset) / scale), the
offset scaled down for texts under `short_words` words (a feed item needs less evidence).
The classifier (models/topics: a calibrated linear model over a normalised bag of words,
newsx/nlp/topics_model.py, trained by training/train_topics.py) gives a probability p for the
topics it knows; their score is (1 - model_weight) * terms + model_weight * p. In a full
article (`short_words` words or more) a topic needs a term of its own (`require_terms`): the
classifier only lifts or lowers what the terms found. A short item may get a topic from the
classifier alone, which then lists the words that pushed it as its evidence; it also keeps,
from `short_floor` up, the best topic of each IPTC top-level category it has no topic in.
Every setting is in the factory's config.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsx.errors import ModelError
from newsx.nlp.assets import asset
from newsx.nlp.taxonomy import TopicDef, default_taxonomy_path, load_taxonomy
from newsx.nlp.topics_model import LinearTopics
from newsx.nlp.topics_rank import categories, main_topics, other_categories, top_levels
from newsx.nlp.topics_terms import (
    NAME_LABELS,
    Hits,
    TermIndex,
    count_words,
    features,
    furniture_tokens,
    inflections,
    repeated_lines,
    word_forms,
)
from newsx.records import Evidence, Topic
from newsx.settings import MIN_SCORE

__all__ = ["Scoring", "Tally", "TopicScorer", "categories", "count_words", "features", "inflections",
           "main_topics", "make_topics", "other_categories", "top_levels", "word_forms"]

for _ext in ("newsx_topics", "newsx_categories"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


@dataclass(frozen=True)
class Scoring:
    """The settings of newsx_topics (each one a key of the factory's config)."""

    head_chars: int = 150  # the headline and first sentence
    head_boost: float = 2.0
    scale: float = 5.0  # how fast evidence above the offset makes a topic sure
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
    side_share: float = 0.7  # in a full article (short_words or more), a topic scoring under
    # this share of the best topic of its IPTC top-level category is a side mention and left
    # out (0 keeps every topic); a short item keeps every topic it has evidence for
    category_share: float = 0.4  # in a full article, an IPTC top-level category whose best
    # topic scores under this share of the article's best topic is a side mention and left
    # out, with its topics (0 keeps every category)
    require_terms: bool = True  # in a full article a topic needs a term of its own
    repeats: bool = False  # a line repeated in the text counts again (False: once)
    furniture: bool = False  # page furniture (cookie, consent, "Share this" lines) counts
    model_words: int = 3  # the classifier's words listed as evidence of a topic


Probs = dict[str, float]  # topic id -> the classifier's probability


@dataclass
class Tally:
    """A text's topic evidence, added up over its pieces (`TopicScorer.add`): the terms
    found, the classifier's feature counts, and the words."""

    hits: Hits = field(default_factory=dict)
    features: Counter[str] = field(default_factory=Counter)
    words: int = 0
    lines: set[str] = field(default_factory=set)  # the lines seen (a repeated one counts once)


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
        # a user's own topics (and own versions of newsx's) are never cut as side categories
        base = default_taxonomy_path().resolve()
        self.own = frozenset(t.id for t in self.topics if Path(t.source).resolve() != base)
        self.model = load_classifier(classifier) if self.scoring.model_weight else None
        # topics the classifier knows (user topics without model support score by terms)
        self.modelled = {t.id for t in self.topics} & set(self.model.labels if self.model
                                                          else ())
        self.by_id = {t.id: i for i, t in enumerate(self.topics)}
        self.terms = TermIndex(nlp, self.topics, self.scoring.inflect, self.scoring.negative)
        self.weights = self.terms.weights
        # the classifier's features that are a topic's ambiguous terms (and their forms)
        self.ambiguous = [{f for a in t.ambiguous for f in (word_forms(a) if " " not in a
                                                             else {a})} for t in self.topics]

    def __call__(self, doc: Doc) -> Doc:
        return self.set_topics(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """The docs with their topics set (one at a time: the model needs no batch)."""
        return map(self.set_topics, docs)

    def set_topics(self, doc: Doc) -> Doc:
        """Sets `doc._.newsx_topics` and `doc._.newsx_categories` from its terms and words."""
        tally = self.add(doc)
        topics = self.score(tally)
        doc._.newsx_topics = topics
        doc._.newsx_categories = categories(topics)
        return doc

    def add(self, doc: Doc, offset: int = 0, tally: Tally | None = None) -> Tally:
        """Adds the evidence of one piece of a text (starting at `offset`) to `tally`."""
        tally = tally if tally is not None else Tally()
        skip = frozenset() if self.scoring.repeats else repeated_lines(doc, tally.lines)
        skip |= frozenset() if self.scoring.furniture else furniture_tokens(doc)
        self.terms.hits(doc, offset, tally.hits, skip)
        # people's names are not what a text is about, for the classifier either ("Christian"
        # in Christian Bale; another name changes no topic)
        names = {i for e in doc.ents if e.label_ in NAME_LABELS for i in range(e.start, e.end)}
        tally.features.update(features(doc, skip | names))
        tally.words += count_words(doc, skip)
        return tally

    def score(self, tally: Tally) -> list[Topic]:
        """The topics of a text whose pieces were added to `tally`."""
        return self.rank(tally.hits, tally.words, self.probs(tally.features), tally.features)

    def probs(self, tf: Counter[str]) -> Probs:
        """The classifier's probability of each topic it knows, for feature counts `tf`."""
        if self.model is None:
            return {}
        return {k: p for k, p in self.model.predict(tf).items() if k in self.modelled}

    def predict(self, docs: list[Doc]) -> list[Probs]:
        """The classifier's probability of each topic it knows, per doc."""
        return [self.probs(features(d)) for d in docs]

    def hits(self, doc: Doc, offset: int = 0, into: Hits | None = None) -> Hits:
        """The terms of each topic found in `doc` (whose text starts at `offset` of the
        article), added to `into`."""
        return self.terms.hits(doc, offset, into)

    def rank(self, hits: Hits, words: int, probs: Probs | None = None,
             tf: Counter[str] | None = None) -> list[Topic]:
        """Scored topics, best first, those under min_score left out (under short_floor for
        a short item). `tf`: the text's feature counts, for the classifier's evidence."""
        s = self.scoring
        probs = probs or {}
        article = words >= s.short_words
        length = math.sqrt(min(max(1.0, words / s.length_words), s.max_words / s.length_words))
        offset = s.offset * min(1.0, words / s.short_words) if s.short_words else s.offset
        topics = []
        for i in sorted(set(hits) | {self.by_id[t] for t in probs}):
            found = hits.get(i, {})
            terms, evidence = self.term_score(i, found, length, offset)
            if article and s.require_terms and not evidence:
                continue  # an article's topic needs a term of its own
            prob = probs.get(self.topics[i].id)
            exclude: set[str] = set()
            if prob is not None and tf is not None and not any(
                    e.term not in self.topics[i].ambiguous for e in evidence):
                prob, exclude = self.unambiguous(i, prob, tf), self.ambiguous[i]
            topic = self.topic(i, terms, evidence, prob, found, tf, exclude)
            if topic is not None:
                topics.append(topic)
        topics.sort(key=lambda t: (-t.score, t.id))
        kept = [t for t in topics if t.score >= self.min_score]
        if article:
            return main_topics(kept, s.side_share, s.category_share, self.own)
        # a feed item says what it may be about, with a score that says how sure
        if not kept:
            return [t for t in topics if t.score >= s.short_floor]
        return kept + other_categories(topics[len(kept):], kept, s.short_floor)

    def term_score(self, i: int, found: dict[str, list[int]], length: float,
                   offset: float) -> tuple[float, list[Evidence]]:
        """Topic i's score from its terms alone, and the terms that count (best first)."""
        s, topic, weights = self.scoring, self.topics[i], self.weights[i]
        raw = 0.0
        context = any(weights[t] > 0 and t not in topic.ambiguous for t in found)
        for term, (count, first) in found.items():
            if term in topic.ambiguous and not context:
                continue  # "series" alone is not television, nor "dish" food
            boost = s.head_boost if first < s.head_chars else 1.0
            raw += weights[term] * (1 + math.log(count)) * boost
        terms = 1.0 - math.exp(-max(raw / length - offset, 0.0) / s.scale)
        evidence = [Evidence(t, n, "term", weights[t]) for t, (n, _) in
                    sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))
                    if weights[t] > 0 and (context or t not in topic.ambiguous)]
        return terms, evidence

    def unambiguous(self, i: int, prob: float, tf: Counter[str]) -> float:
        """The classifier's probability of topic i without the push of its ambiguous terms,
        for a text with no other term of the topic: "radio" and "dish" alone are not
        television, for the classifier either (exact: the model is linear)."""
        if self.model is None or not self.ambiguous[i]:
            return prob
        push = self.model.push(tf, self.topics[i].id, self.ambiguous[i])
        if push <= 0.0 or not 0.0 < prob < 1.0:
            return prob
        return 1.0 / (1.0 + math.exp(push - math.log(prob / (1.0 - prob))))

    def topic(self, i: int, terms: float, evidence: list[Evidence], prob: float | None,
              found: dict[str, list[int]], tf: Counter[str] | None,
              exclude: set[str]) -> Topic | None:
        """Topic i's record from its term score and the classifier's probability; None when
        nothing says why (no term, and no word of the text, but those in `exclude`, pushed
        the classifier)."""
        s, topic = self.scoring, self.topics[i]
        value = terms if prob is None else (1 - s.model_weight) * terms + s.model_weight * prob
        if value <= 0.0:
            return None
        pushed = []
        if prob is not None and tf is not None and self.model is not None:
            pushed = [Evidence(f, tf[f], "model", round(w, 3))
                      for f, w in self.model.explain(tf, topic.id, s.model_words, exclude)]
        if not evidence and not pushed:
            return None
        codes = [*topic.iptc, *(q for q, cues in topic.iptc_when.items()
                                if any(c in found for c in cues))]
        model = None if prob is None else round(prob, 3)
        share = None if prob is None else round(s.model_weight * prob / value, 3)
        return Topic(topic.id, topic.name, codes, round(value, 3), evidence + pushed, model,
                     share, round(terms, 3))


def load_classifier(path: str) -> LinearTopics | None:
    """The classifier in the folder `path` ("" for none)."""
    if not path:
        return None
    try:
        return LinearTopics.load(Path(path))
    except (OSError, ValueError, KeyError) as e:
        raise ModelError(f"cannot load the topic classifier {path!r}: {str(e).splitlines()[0]} "
                         "Reinstall newsx, or set the newsx_topics classifier to \"\" to score "
                         "topics from their terms alone.") from None


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
    short_floor: float, side_share: float, category_share: float, require_terms: bool,
    repeats: bool, furniture: bool, model_words: int,
) -> TopicScorer:
    """`classifier`: a folder holding a newsx linear topic model (training/train_topics.py);
    "newsx:topics" is the one newsx ships (models/topics), "" none."""
    scoring = Scoring(head_chars=head_chars, head_boost=head_boost, scale=scale, offset=offset,
                      length_words=length_words, max_words=max_words, short_words=short_words,
                      inflect=inflect, negative=negative, model_weight=model_weight,
                      short_floor=short_floor, side_share=side_share,
                      category_share=category_share,
                      require_terms=require_terms, repeats=repeats, furniture=furniture,
                      model_words=model_words)
    if classifier == "newsx:topics":
        classifier = str(asset("topics"))
    return TopicScorer(nlp, name, extra, min_score, scoring, classifier)
