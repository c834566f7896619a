"""Spans the model tags that name no person, place or organisation: events ("the Geneva
Summit", "U.S. Open"), job titles ("Adviser for National Security"), stock-market indexes
("the FTSE 100", "the S&P 500 index"), units after a number ("a 20 TB drive") and common
words in a heading's capitals ("Museum" where the text also writes "museum")."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from newsx.nlp.gazetteer import Gazetteer
from newsx.nlp.wordlists import (
    EVENT_NAMES,
    EVENT_WORDS,
    JOB_WORDS,
    PORTFOLIO,
    SPEECH_VERBS,
    TITLES,
)


def is_event(span: Span, gaz: Gazetteer) -> bool:
    """A place that starts an event's name ("U.S. Open", "Hong Kong Open") or an organisation
    whose last word makes it an event ("Geneva Summit")."""
    doc = span.doc
    if span.label_ in {"GPE", "LOC"} and span.end < len(doc) and doc[span.end].text in EVENT_NAMES:
        return True
    if span.label_ != "ORG" or gaz.org(span.text):
        return False
    return span[-1].lower_ in EVENT_WORDS


def is_job_title(span: Span, gaz: Gazetteer) -> bool:
    """An organisation made only of a portfolio's words, in a job title: "Assistant to the
    President for [National Security Affairs]", "[Foreign Affairs] spokesman"."""
    if span.label_ != "ORG" or gaz.org(span.text) or span.text.isupper():
        return False
    if not all(t.lower_ in PORTFOLIO for t in span):
        return False
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    window = {t.lower_ for t in doc[max(0, span.start - 7) : span.start]}
    return after in JOB_WORDS or (before in {"for", "of", "to"} and bool(window & (JOB_WORDS | TITLES)))


# the families of stock-market indexes, which CoNLL-2003 and FiNER-ORD call no organisation
# when they name the index: "the FTSE 100", "the Dow Jones industrial average" (but "Nikkei
# agreed to buy the FT" is the firm, and "S&P cut its rating" the agency)
INDEX_NAMES = {
    "s&p", "ftse", "nikkei", "dow", "dow jones", "nasdaq", "dax", "cac", "hang seng", "sensex",
    "nifty", "stoxx", "euro stoxx", "kospi", "topix", "ibex", "msci", "russell", "s&p/asx",
    "s&p/tsx", "bovespa",
}
INDEX_WORDS = {"index", "indices", "indexes", "average", "composite", "industrial",
               "industrials"}
# the sizes indexes are named by ("the FTSE 100", "the Russell 2000"), not any number after a
# name ("Russell 64 not out", "Russell 2 seconds behind", "Nasdaq 2021 listings")
INDEX_SIZES = {"10", "20", "25", "30", "35", "40", "50", "100", "200", "225", "250", "300",
               "350", "400", "500", "600", "1000", "2000", "3000", "5000"}


def is_market_index(span: Span) -> bool:
    """A name of an index family with the index's size or an index word after it: "FTSE 100",
    "S&P 500 index", "Nasdaq composite", "the Nikkei average"."""
    if span.label_ not in {"ORG", "PERSON"}:
        return False
    words = [t for t in span if not t.is_space]
    sized = len(words) > 1 and words[-1].text in INDEX_SIZES
    name = " ".join(t.lower_ for t in (words[:-1] if sized else words))
    if name not in INDEX_NAMES:
        return False
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return sized or (after is not None and (after.text in INDEX_SIZES
                                            or after.lower_ in INDEX_WORDS))


# units of measure written in capitals, which follow a number: "20 TB", "1.5GW", "40 MB"
UNITS = {"TB", "GB", "MB", "KB", "PB", "Tb", "Gb", "Mb", "GHz", "MHz", "MW", "GW", "kW", "kWh",
         "MWh", "GWh", "TWh"}


def is_unit(span: Span) -> bool:
    """A unit of measure after a number ("a 20 TB drive", "a 1.5GW plant"), not a name
    ("GB" of "Team GB" stays)."""
    if len(span) != 1 or span.text not in UNITS or span.start == 0:
        return False
    number = span.doc[span.start - 1]  # not a year: "In 2012 GB won 29 golds"
    return number.like_num and not (len(number.text) == 4 and number.text[:2] in {"19", "20"})


def common_words(doc: Doc, spans: list[Span], gaz: Gazetteer) -> list[Span]:
    """`spans` without one-word names that the article writes in lower case too, and in
    capitals only in headings, menus and at the starts of sentences ("Museum" of a guide's
    headings beside "the museum", "Bougainvillea" beside "bougainvillea"): a common word, not
    a name. A word stays a name where it is capitalised inside a sentence ("with two goals
    from Brown." beside "brown shirts"), speaks, owns or has a title ("Orange said", "Labour's
    candidate", "Mr Frost"), where the gazetteer knows it (a place of GeoNames, "Google",
    "Apple") or where it is a word of a longer name of the article ("Theresa May" ... "May";
    a person's name of common words, "Grow Bougainvillea", vouches for none)."""
    lower = {t.text for t in doc if t.is_lower}
    suspects = {s.text for s in spans if len(s) == 1 and s[0].is_title
                and s.text.lower() in lower and not gaz.org(s.text)}
    if not suspects:  # most articles: nothing to look for evidence of
        return spans
    in_names = {t.text for s in spans if len(s) > 1 for t in s
                if s.label_ != "PERSON" or any(o.lower_ not in lower for o in s if o.i != t.i)}
    speaks = {t.text for t in doc[:-1] if t.text in suspects and doc[t.i + 1].lower_ in _AFTER}
    titled = {t.text for t in doc[1:] if t.text in suspects
              and doc[t.i - 1].lower_.rstrip(".") in TITLES}
    places = {s.text for s in spans if s.text in suspects and s.label_ in {"GPE", "LOC"}
              and gaz.candidates(s.text)}
    dropped = suspects - in_names - speaks - titled - places - _inside_sentences(doc)
    return [s for s in spans if not (len(s) == 1 and s.text in dropped)]


_AFTER = SPEECH_VERBS | {"'s", "’s"}  # a word after a name that vouches for it
_OPENERS = {".", "!", "?", ":", ";", "\"", "“", "”", "‘", "’", "'", "(", "-", "–", "—", "|", "•"}


def _inside_sentences(doc: Doc) -> set[str]:
    """The capitalised words written inside a sentence of running text: after a word (not at
    a line's or a sentence's start), on a line that ends as a sentence does (a heading, a
    menu or "Step 2: Add the Garlic" does not)."""
    starts, prose = [], []  # each line's first character, and whether it ends a sentence
    at = 0
    for line in doc.text.split("\n"):
        starts.append(at)
        prose.append(line.rstrip().rstrip("\"'”’)").endswith((".", "!", "?")))
        at += len(line) + 1
    words = set()
    for t in doc[1:]:
        previous = doc[t.i - 1]
        if (t.is_title and not previous.is_space and previous.text not in _OPENERS
                and "\n" not in previous.whitespace_ and prose[bisect_right(starts, t.idx) - 1]):
            words.add(t.text)
    return words
