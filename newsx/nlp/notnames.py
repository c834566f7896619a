"""Spans the model tags that name no person, place or organisation: events ("the Geneva
Summit", "U.S. Open") and job titles ("Adviser for National Security")."""

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
