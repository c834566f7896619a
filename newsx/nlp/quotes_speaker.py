"""Who a quotation's source is: one of the article's canonical entities, or nobody.

A source that holds a mention is that mention's entity (a person before an organisation before a
place: "Smith, a spokesman for Acme" is Smith). "he"/"she" is the last person named before it,
outside quotations, whose gender (from the titles before the person's mentions, "Mr", "Ms", and
the gendered nouns next to them, "the spokeswoman") does not contradict the pronoun; "it" the last
organisation; "who" the entity named right before it ("Smith, who said"). A description, "the
company", "the 57-year-old", "the senator", is the last organisation or person before it.
Everything else ("they", "I", "a spokesman", "the statement") resolves to nobody.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from newsx.nlp.entities import FEMALE_TITLES, MALE_TITLES
from newsx.nlp.quotes_words import FEMALE_NOUNS, MALE_NOUNS, ORG_NOUNS, PERSON_NOUNS, PRONOUNS
from newsx.records import Entity

_AGE = re.compile(r"\d+-year-old")
_WORD = re.compile(r"[\w’'-]+")
_POSSESSIVE = re.compile(r"['’]s?\b|['’](?=\s)")
LOOKBACK = 3000  # characters: a pronoun's person is named within the last few paragraphs
LEARN_CHARS = 400  # a pronoun teaches a person's gender when nobody else is named this close
_RANK = {"person": 0, "organisation": 1, "place": 2}


def _title_before(text: str, start: int) -> str | None:
    words = _WORD.findall(text[max(0, start - 8):start])
    word = words[-1].lower() if words else ""
    return "m" if word in MALE_TITLES else "f" if word in FEMALE_TITLES else None


class Resolver:
    """Resolves source spans (character offsets) of one text to its entities."""

    def __init__(self, text: str, entities: list[Entity], quoted: list[tuple[int, int]]) -> None:
        self.text = text
        inside = _Inside(quoted)
        self.mentions = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions if not inside(m.start)),
            key=lambda x: x[0])
        self.starts = [m[0] for m in self.mentions]
        self.all = sorted(((m.start, m.end, e) for e in entities for m in e.mentions),
                          key=lambda x: x[0])
        self.gender: dict[int, str] = {}
        for start, _end, e in self.all:
            g = _title_before(text, start)
            if g and e.type == "person":
                self.gender.setdefault(id(e), g)

    def note_gender(self, entity: Entity, words: list[str]) -> None:
        """Learn a person's gender from the nouns of a source that names them ("Smith, a
        spokeswoman")."""
        if entity.type != "person" or id(entity) in self.gender:
            return
        if any(w in FEMALE_NOUNS for w in words):
            self.gender[id(entity)] = "f"
        elif any(w in MALE_NOUNS for w in words):
            self.gender[id(entity)] = "m"

    def resolve(self, start: int, end: int) -> Entity | None:
        """The entity that the source text[start:end] names, or None."""
        named = [e for s, t, e in self.all if s < end and t > start]
        words = [w.lower() for w in _WORD.findall(self.text[start:end])]
        if named:
            best = min(named, key=lambda e: _RANK.get(e.type, 3))
            self.note_gender(best, words)
            return best
        if len(words) == 1 and words[0] in PRONOUNS:
            return self._pronoun(words[0], start)
        if words and words[0] in {"the", "this", "that"}:
            return self._description(words, start)
        return None

    def _pronoun(self, word: str, start: int) -> Entity | None:
        kind = PRONOUNS[word]
        if kind in ("m", "f"):
            return self._last(start, "person", kind)
        if kind == "o":
            return self._last(start, "organisation", None)
        if kind == "r":  # "Smith, who said": the name just before
            i = bisect_left(self.starts, start) - 1
            if i >= 0 and self.text[self.mentions[i][1]:start].strip(" ,") == "":
                return self.mentions[i][2]
        return None

    def _description(self, words: list[str], start: int) -> Entity | None:
        head = words[-1]
        if head in ORG_NOUNS:
            return self._last(start, "organisation", None)
        if head in PERSON_NOUNS or any(_AGE.fullmatch(w) for w in words):
            gender = ("f" if any(w in FEMALE_NOUNS for w in words)
                      else "m" if any(w in MALE_NOUNS for w in words) else None)
            return self._last(start, "person", gender)
        return None

    def _last(self, start: int, kind: str, gender: str | None) -> Entity | None:
        """The last entity of `kind` named before `start` (outside quotations) whose gender
        does not contradict `gender`; a possessive mention ("Clinton’s plan") only when no
        other fits. A pronoun that could only mean one person teaches that person's gender."""
        fits = []
        for i in range(bisect_left(self.starts, start) - 1, -1, -1):
            s, t, e = self.mentions[i]
            if e.type != kind or start - s > LOOKBACK:
                if start - s > LOOKBACK:
                    break
                continue
            known = self.gender.get(id(e))
            if gender is None or known is None or known == gender:
                fits.append((i, e))
                if not _POSSESSIVE.match(self.text, t):
                    break
        if not fits:
            return None
        i, best = fits[-1]
        if _POSSESSIVE.match(self.text, self.mentions[i][1]):
            i, best = fits[0]  # only possessives fit: the nearest
        if gender and kind == "person" and id(best) not in self.gender and self._alone(i, best):
            self.gender[id(best)] = gender
        return best

    def _alone(self, i: int, entity: Entity) -> bool:
        """Whether no other person is named within LEARN_CHARS before mention i."""
        start = self.mentions[i][0]
        for j in range(i - 1, -1, -1):
            s, _t, e = self.mentions[j]
            if start - s > LEARN_CHARS:
                return True
            if e.type == "person" and e is not entity:
                return False
        return True


class _Inside:
    """Whether a character offset lies inside one of a sorted list of spans."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def __call__(self, pos: int) -> bool:
        i = bisect_left(self.starts, pos + 1) - 1
        return i >= 0 and self.spans[i][0] < pos < self.spans[i][1]
