"""Span boundaries: where a name starts and ends, and sets of spans without overlaps."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsx.nlp.gazetteer import gazetteer
from newsx.nlp.wordlists import (
    CALENDAR,
    CORP_SUFFIXES,
    DASHES,
    DETERMINERS,
    HONORIFICS,
    NAME_ENDS,
    PARTICLES,
    POSSESSIVE,
    SPORT_WORDS,
    TITLES,
    WEB_ENDS,
    WEB_OPENERS,
    WEB_WORDS,
    is_big_place,
)

SPACED_HYPHEN = re.compile(r"\b[a-z]+ - [a-z]+\b")


def is_sport(doc: Doc, least: int = 3) -> bool:
    """A sports report: clubs there are named after their cities ("Chelsea", "Madrid") and
    a number after a name is a score ("Arsenal 2")."""
    return sum(t.lower_ in SPORT_WORDS for t in doc) >= least


def trim(span: Span, sport: bool = True) -> Span | None:
    """Drop determiners, titles, possessives, punctuation and a web page's buttons ("Share")
    at the edges of a span; and a number after the name, unless it may be part of it
    ("Radio 1", "Channel 4": one or two digits after an organisation, outside a sports
    report)."""
    doc, start, end = span.doc, span.start, span.end
    label = span.label_
    if label == "PERSON" and end - start > 1 and doc[start].lower_.rstrip(".") in TITLES \
            and doc[end - 1].lower_ in NAME_ENDS:
        label = "ORG"  # "Premier League" is no person
    while start < end:
        tok = doc[start]
        low = tok.lower_.rstrip(".")
        edge = tok.is_space or tok.is_punct or low in DETERMINERS
        edge = edge or (low in CALENDAR and label != "PERSON" and start + 1 < end)
        edge = edge or (low in WEB_OPENERS and start + 1 < end and not doc[start + 1].is_lower)
        title = label == "PERSON" and low in TITLES and start + 1 < end
        if edge or title:
            start += 1
        elif low in HONORIFICS and start + 1 < end and doc[start + 1].is_title \
                and doc[end - 1].lower_ not in NAME_ENDS:
            label = "PERSON"  # "Chancellor Olaf Scholz" tagged ORG is a person, but the
            start += 1  # "Premier League" is no person "League"
        else:
            break
    before = doc[start - 1] if start > 0 else None
    if (
        label != "PERSON"
        and before is not None
        and before.lower_.rstrip(".") in HONORIFICS
        and all(t.is_title for t in doc[start:end])
    ):
        label = "PERSON"  # "Chancellor [Olaf Scholz]" with the name tagged ORG
    while end > start:
        tok = doc[end - 1]
        if tok.is_space or tok.text in POSSESSIVE or (tok.is_punct and tok.text != "."):
            end -= 1
        elif tok.text in POSTNOMINALS and end - start > 2 and label not in {"GPE", "LOC"} \
                and all(t.is_title for t in doc[start:end - 1]) \
                and not gazetteer().candidates(doc[start:end - 1].text):
            end, label = end - 1, "PERSON"  # "Philippe Sands QC" (not "Trois Rivieres QC")
        elif (tok.is_lower and tok.is_alpha or _score(tok, label, sport)
              or tok.lower_ in (WEB_WORDS if label == "PERSON" else WEB_ENDS)) \
                and end - 1 > start:
            end -= 1  # "Interfax news agency" -> "Interfax", "Durham 114" -> "Durham"
        else:
            break
    if end <= start:
        return None
    out = Span(doc, start, end, label=label)
    if not any(c.isalpha() for c in out.text) or out.text.islower() \
            or out.text in POSTNOMINALS - {"QC"}:  # a lone "KC" or "OBE" (but "QC": Quebec)
        return None
    return out


POSTNOMINALS = {"QC", "KC", "OBE", "MBE", "CBE", "KBE", "DBE"}  # not "MP": "Bolton West MP"


def _score(tok: Token, label: str, sport: bool) -> bool:
    """A number after a name that is not part of it ("Kersey 63", "Durham 114")."""
    in_name = label == "ORG" and not sport and tok.text.isdigit() and len(tok.text) <= 2
    return tok.like_num and not in_name


def spaces_hyphens(doc: Doc) -> bool:
    """True when the text writes hyphens with spaces around them ("long - term"): then a
    spaced dash can be inside a name ("Coca - Cola") and is no place to cut."""
    return SPACED_HYPHEN.search(doc.text) is not None


def cut_parts(span: Span, dash_cuts: bool = True,
              is_place: Callable[[str], bool] | None = None) -> list[tuple[Span, str]]:
    """Cut a span where one name ends and another begins. Each piece comes with the cut
    before it: "" (first piece), "line" (a line break), "dash" (a spaced dash: "Romania -
    Cosmin Contra"), "split" (parentheses or a possessive: "NAPM ( NAPM", "Russia 's Gazprom"),
    "of" (a place after a company form: "Daniels Pharmaceuticals Inc of St. Petersburg") or
    "caps" (a by-line's name run into the place of a dateline, a place `is_place` knows:
    "By Norihiko Shirouzu BEIJING (Reuters)")."""
    doc = span.doc
    parts, start, cut = [], span.start, ""
    for tok in span:
        prev = doc[tok.i - 1] if tok.i > span.start else None
        kind = ""
        if "\n" in tok.text or "\n" in tok.whitespace_:
            kind = "line"
        elif (is_place is not None and span.label_ == "PERSON" and prev is not None
              and span.start > 0 and doc[span.start - 1].lower_ == "by"
              and prev.is_title and tok.is_upper and tok.is_alpha and len(tok) > 2
              and tok.lower_ not in CALENDAR and is_place(doc[tok.i : span.end].text)):
            kind = "caps"  # in a by-line only: "Manuel VALLS" is no town of Valls
        elif (dash_cuts and tok.text in DASHES and prev is not None and prev.whitespace_
              and tok.whitespace_):
            kind = "dash"
        elif tok.text in {"(", ")"}:
            kind = "split"
        elif tok.text in POSSESSIVE and tok.i + 1 < span.end and is_big_place(doc[start : tok.i].text):
            kind = "split"  # "Russia 's Gazprom", but "People 's Daily" stays whole
        elif tok.lower_ == "of" and prev is not None and prev.lower_.rstrip(".") in CORP_SUFFIXES:
            kind = "of"
        if kind:
            end = tok.i + 1 if kind == "line" and "\n" not in tok.text else tok.i
            if end > start:
                parts.append((Span(doc, start, end, label=span.label_), cut))
            start, cut = (tok.i if kind == "caps" else tok.i + 1), kind
    if start < span.end:
        parts.append((Span(doc, start, span.end, label=span.label_), cut))
    return parts


def join_particles(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person's name cut at its particles is joined again: "Ursula von der" + "Leyen"."""
    out: list[Span] = []
    skip: set[int] = set()
    starts = {s.start: s for s in spans}
    for span in spans:
        if span.start in skip:
            continue
        end = span.end
        if span.label_ == "PERSON" and doc[end - 1].lower_ in PARTICLES:
            while end < len(doc) and doc[end].is_title and end - span.end < 2:
                end += 1
            nxt = starts.get(span.end)
            if nxt is not None:
                end = max(end, nxt.end)
                skip.add(nxt.start)
        out.append(span if end == span.end else Span(doc, span.start, end, label="PERSON"))
    return out


def with_particles(spans: list[Span]) -> list[Span]:
    """A family name keeps the particles before it: "Von der Leyen", "van Gaal"."""
    out = []
    for span in spans:
        doc, start = span.doc, span.start
        if span.label_ == "PERSON":
            while start > 0 and doc[start - 1].lower_ in PARTICLES and start > span.start - 2:
                start -= 1
        out.append(span if start == span.start else Span(doc, start, span.end, label="PERSON"))
    return out


# words that follow a name in an English compound ("Kerr-led", "Blair-era"), not a syllable
COMPOUND_WORDS = {"led", "era", "run", "based", "backed", "style", "born", "owned", "made",
                  "like", "type", "free", "bound", "wide", "sized", "linked", "allied", "ish",
                  "esque", "bashing", "loving", "hating", "proof", "less", "ite", "ites"}


def with_syllables(spans: list[Span]) -> list[Span]:
    """A person's name keeps the hyphenated syllable after it: "Tsai Ing" + "-wen",
    "Kim Jong" + "-un" (a short lower-case word glued to the hyphen after a short last word
    of a name of two words or more)."""
    out = []
    for span in spans:
        doc, end = span.doc, span.end
        if (span.label_ == "PERSON" and len(span) > 1 and len(doc[end - 1]) <= 4
                and end + 1 < len(doc) and doc[end].text == "-"
                and not doc[end - 1].whitespace_ and not doc[end].whitespace_
                and doc[end + 1].is_alpha and doc[end + 1].is_lower and len(doc[end + 1]) <= 6
                and doc[end + 1].text not in COMPOUND_WORDS):
            span = Span(doc, span.start, end + 2, label="PERSON")
        out.append(span)
    return out


def outside(spans: list[Span], taken: list[Span]) -> list[Span]:
    """The spans that share no token with any of `taken`."""
    used = {i for s in taken for i in range(s.start, s.end)}
    return [s for s in spans if not any(i in used for i in range(s.start, s.end))]


def add(kept: list[Span], extra: list[Span]) -> list[Span]:
    """`kept`, plus the longest of `extra` that do not overlap it."""
    return kept + filter_spans(outside(extra, kept))
