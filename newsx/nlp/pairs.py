"""Hyphenated pairs of names: "Biden-Putin" is two people, "Russia-Ukraine" two places, but
"Jed-Forest" (a club) and "Henin-Hardenne" (one double-barrelled name) stay whole."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsx.nlp.gazetteer import Gazetteer
from newsx.nlp.wordlists import is_big_place

_HYPHENS = {"-", "–"}


def split_pairs(doc: Doc, spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """'Biden-Putin' (one span) -> 'Biden', 'Putin' when each side is a known name; and the
    sides of such pairs that the model left untagged."""
    # names the article also uses on their own: a word glued to a hyphen ("Henin" in
    # "Justine Henin-Hardenne") is part of a double-barrelled name, not a known name
    known = {t.lower_ for s in spans if s.label_ == "PERSON" for t in s
             if t.is_alpha and not _glued(t)}
    out: list[Span] = []
    for span in spans:
        cuts = [t.i for t in span
                if t.text in _HYPHENS and t.i > span.start and not doc[t.i - 1].whitespace_]
        out.extend(_split_at(doc, span, cuts, known, gaz) if cuts else [span])
    return out + _untagged_pairs(doc, out, known)


def _split_at(doc: Doc, span: Span, cuts: list[int], known: set[str],
              gaz: Gazetteer) -> list[Span]:
    """The pieces of `span` between its hyphens, or the span whole when one is unknown."""
    bounds = [span.start, *cuts, span.end]
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        a = a + 1 if doc[a].text in _HYPHENS else a
        if b <= a:
            break
        label = _label_alone(Span(doc, a, b), known, gaz)
        if label is None:
            break
        pieces.append(Span(doc, a, b, label=label))
    return pieces if len(pieces) == len(bounds) - 1 else [span]


def _untagged_pairs(doc: Doc, spans: list[Span], known: set[str]) -> list[Span]:
    """'Biden-Putin' left (partly) untagged by the model: each side, when both are names of
    people the article uses on their own."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for t in doc[1:-1]:
        left, right = doc[t.i - 1], doc[t.i + 1]
        if (t.text in _HYPHENS and not left.whitespace_ and not t.whitespace_
                and left.is_title and right.is_title
                and left.lower_ in known and right.lower_ in known and t.i not in taken):
            found += [Span(doc, side.i, side.i + 1, "PERSON") for side in (left, right)
                      if side.i not in taken]
    return found


def _label_alone(piece: Span, people: set[str], gaz: Gazetteer) -> str | None:
    if all(t.lower_ in people for t in piece if t.is_alpha) and piece.text[:1].isupper():
        return "PERSON"
    if is_big_place(piece.text):  # "Russia-Ukraine", not "Jed-Forest" (a rugby club)
        return "GPE"
    if gaz.org(piece.text):
        return "ORG"
    return None


def _glued(token: Token) -> bool:
    """Whether a word is joined by a hyphen to the next or previous word."""
    doc, i = token.doc, token.i
    after = i + 1 < len(doc) and doc[i + 1].text in _HYPHENS and not token.whitespace_
    before = i > 0 and doc[i - 1].text in _HYPHENS and not doc[i - 1].whitespace_
    return after or before
