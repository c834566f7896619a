"""Spans the model tags that name no person, place or organisation: events ("the Geneva
Summit", "U.S. Open"), job titles ("Adviser for National Security"), stock-market indexes
("the FTSE 100", "the S&P 500 index") and units after a number ("a 20 TB drive")."""

from __future__ import annotations

from spacy.tokens import Span

from newsx.nlp.gazetteer import Gazetteer
from newsx.nlp.wordlists import EVENT_NAMES, EVENT_WORDS, JOB_WORDS, PORTFOLIO, TITLES


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
