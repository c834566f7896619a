"""newsx_entities: merge an article's mentions into canonical people, places and organisations.

Sets `doc._.newsx_entities` (a list of `newsx.records.Entity`):
- people: a shorter form joins the fuller name that contains it ("Biden", "Mr Biden" ->
  "Joe Biden"), the nearest one before it when several do;
- places: gazetteer variants are one place ("US", "the United States", "America"), each with
  the ISO 3166-1 alpha-2 code of the country it is or lies in;
- organisations: gazetteer aliases and acronyms join their expansion ("NYT" <-> "The New York
  Times"), also when the expansion is only in the article ("Office of Fair Trading" <-> "OFT").
Salience: see `salience()`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsx.nlp import bylines  # noqa: F401  (registers doc._.newsx_credits)
from newsx.nlp.combine import combine
from newsx.nlp.gazetteer import Gazetteer, Place, gazetteer, key
from newsx.nlp.salience import LEAD_BONUS, LEAD_CHARS, prominence, with_salience
from newsx.nlp.wordlists import acronym, short_name
from newsx.records import Entity, Mention

TYPES = {"PERSON": "person", "GPE": "place", "LOC": "place", "ORG": "organisation"}
_SPACE = re.compile(r"\s+")
MALE_TITLES = {"mr", "sir", "lord", "mister"}
FEMALE_TITLES = {"mrs", "ms", "miss", "lady", "dame", "madam"}
_MINOR = {"of", "the", "and", "for", "de", "du", "la", "le", "&", "on", "in", "des", "der"}

__all__ = ["EntityMerger", "combine", "prominence", "with_salience", "FEMALE_TITLES",
           "MALE_TITLES", "TYPES", "make_entities"]

if not Doc.has_extension("newsx_entities"):
    Doc.set_extension("newsx_entities", default=None)


@dataclass
class Group:
    """The mentions of one entity while they are gathered, with what the gazetteer says."""

    type: str
    words: tuple[str, ...]
    spans: list[Span] = field(default_factory=list)
    name: str | None = None  # fixed canonical name (gazetteer)
    country: str | None = None
    place: Place | None = None  # the gazetteer's entry of a place


def _words(span: Span) -> tuple[str, ...]:
    return tuple(t.lower_ for t in span if t.is_alpha or t.like_num or "." in t.text)


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _last_before(group: Group, start: int) -> int:
    return max(s.start for s in group.spans if s.start < start)


def _only(groups: list[Group]) -> Group | None:
    return groups[0] if len(groups) == 1 else None


def _absorb(groups: dict[str, Group], home_of: Callable[[Group], Group | None]) -> None:
    """Move each group's mentions into the group `home_of` names for it, if any."""
    for k, g in list(groups.items()):
        home = home_of(g)
        if home is not None and home is not g:
            home.spans.extend(g.spans)
            del groups[k]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _MINOR and w[:1].isalpha()).upper()


class EntityMerger:
    """The newsx_entities component: sets `doc._.newsx_entities` from `doc.ents`."""

    def __init__(self, name: str, lead_chars: int = LEAD_CHARS, lead_bonus: float = LEAD_BONUS):
        self.name = name
        self.lead_chars = lead_chars
        self.lead_bonus = lead_bonus
        self.gaz: Gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        spans = [e for e in doc.ents if e.label_ in TYPES]
        groups = (
            self._people([s for s in spans if s.label_ == "PERSON"])
            + self._places([s for s in spans if TYPES[s.label_] == "place"])
            + self._orgs([s for s in spans if s.label_ == "ORG"])
        )
        doc._.newsx_entities = self._entities(groups, doc._.newsx_credits or [])
        return doc

    def _people(self, spans: list[Span]) -> list[Group]:
        groups: list[Group] = []
        for span in sorted(spans, key=lambda s: (-len(_words(s)), s.start)):
            words = _words(span)
            if not words:
                continue
            homes = [g for g in groups if _is_subsequence(words, g.words)]
            if homes:
                before = [g for g in homes if min(s.start for s in g.spans) < span.start]
                home = homes[0]
                if before:
                    home = max(before, key=lambda g: _last_before(g, span.start))
                home.spans.append(span)
            else:
                groups.append(Group("person", words, [span]))
        return [part for g in groups for part in _split_by_title(g)]

    def _places(self, spans: list[Span]) -> list[Group]:
        groups: dict[str, Group] = {}
        for span in spans:
            place = self.gaz.place(span.text)
            k = key(place.name) if place else key(span.text)
            g = groups.get(k)
            if g is None:
                g = groups[k] = Group("place", _words(span))
                if place:
                    g.name, g.country, g.place = place.name, place.country, place
            g.spans.append(span)
        return list(groups.values())

    def _orgs(self, spans: list[Span]) -> list[Group]:
        groups: dict[str, Group] = {}
        for span in spans:
            canonical = self.gaz.org(span.text)
            if canonical is None and len(span) > 1 and self._is_national(span[0].lower_):
                canonical = self.gaz.org(span[1:].text)  # "US Department of Defense"
            k = key(canonical) if canonical else key(short_name(span))
            g = groups.get(k)
            if g is None:
                g = groups[k] = Group("organisation", _words(span), name=canonical)
            g.spans.append(span)
        # a one-word form joins the only longer name it begins ("Mellor" -> "Mellor Bakeries")
        heads: dict[str, list[Group]] = {}
        for g in groups.values():
            if len(g.words) > 1:
                heads.setdefault(g.words[0], []).append(g)
        _absorb(groups, lambda g: _only(heads.get(g.words[0], []))
                if len(g.words) == 1 and g.name is None else None)
        # "the Foreign Ministry" joins the only "Russian Foreign Ministry" of the article
        national: dict[tuple[str, ...], list[Group]] = {}
        for g in groups.values():
            if len(g.words) > 2 and self._is_national(g.words[0]):
                national.setdefault(g.words[1:], []).append(g)
        _absorb(groups, lambda g: _only(national.get(g.words, [])) if g.name is None else None)
        # acronyms the gazetteer does not know join an expansion in the same article
        by_initials: dict[str, Group] = {}
        for g in groups.values():
            words = [t.text for t in g.spans[0] if not t.is_space]
            if len(words) > 1:
                by_initials.setdefault(_initials(words), g)
        def _expansion(g: Group) -> Group | None:
            acro = acronym(g.spans[0].text)
            return by_initials.get(acro) if acro and g.name is None else None

        _absorb(groups, _expansion)
        return list(groups.values())

    def _is_national(self, word: str) -> bool:
        """A country or nationality word that can open an institution's name ("Russian")."""
        place = self.gaz.place(word)
        return word in self.gaz.demonyms or (place is not None and place.kind == "country")

    def _entities(self, groups: list[Group], credits: list[tuple[int, int]]) -> list[Entity]:
        out = []
        for g in groups:
            spans = sorted(g.spans, key=lambda s: s.start_char)
            out.append(
                Entity(
                    type=g.type,
                    name=g.name or _canonical(spans),
                    aliases=list(dict.fromkeys(_SPACE.sub(" ", s.text) for s in spans)),
                    count=len(spans),
                    salience=0.0,
                    country=g.country,
                    mentions=[Mention(s.start_char, s.end_char, s.text, s.label_) for s in spans],
                    geonames_id=g.place.geonames_id if g.place else None,
                    lat=g.place.lat if g.place else None,
                    lon=g.place.lon if g.place else None,
                    admin1=g.place.admin1 if g.place else None,
                )
            )
        return with_salience(out, self.lead_chars, self.lead_bonus, credits)


def _title_gender(span: Span) -> str | None:
    """"m" or "f" when the mention comes right after a gendered title ("Mrs Howard")."""
    if span.start == 0:
        return None
    word = span.doc[span.start - 1].lower_.rstrip(".")
    return "m" if word in MALE_TITLES else "f" if word in FEMALE_TITLES else None


def _split_by_title(group: Group) -> list[Group]:
    """A name whose mentions carry titles of both genders is two people: "Mrs Howard" is not
    "Michael Howard", who is "Mr Howard". The minority title's mentions leave the group."""
    genders = Counter(g for s in group.spans if (g := _title_gender(s)))
    if len(genders) < 2:
        return [group]
    keep = genders.most_common(1)[0][0]
    out = [s for s in group.spans if _title_gender(s) not in (None, keep)]
    group.spans = [s for s in group.spans if s not in out]
    return [group, Group("person", _words(out[0]), out)]


def _canonical(spans: list[Span]) -> str:
    """The fullest form; among equals the most frequent, then the first."""
    forms = [_SPACE.sub(" ", s.text) for s in spans]
    best = max(
        forms,
        key=lambda f: (len(f.split()), not f.isupper(), forms.count(f), -forms.index(f)),
    )
    if best.isupper() and len(best) > 6:
        best = best.title()
    return best


@Language.factory(
    "newsx_entities_v1",
    requires=["doc.ents"],
    assigns=["doc._.newsx_entities"],
    default_config={"lead_chars": LEAD_CHARS, "lead_bonus": LEAD_BONUS},
)
def make_entities(nlp: Language, name: str, lead_chars: int, lead_bonus: float) -> EntityMerger:
    """`lead_chars` and `lead_bonus` set salience (see `prominence`)."""
    return EntityMerger(name, lead_chars, lead_bonus)
