"""Types that the gazetteer, the rest of the article or the name itself make clear, mention by
mention (the rule "retype", formerly "types"): a known place tagged as an organisation is a
place, "Scholz" after "Olaf Scholz" a person, "Magna" after "Magna International Inc" an
organisation, "Port of Rotterdam Authority" an organisation."""

from __future__ import annotations

from spacy.tokens import Span

from newsx.nlp.gazetteer import Gazetteer
from newsx.nlp.types import after_place_word, region_first
from newsx.nlp.wordlists import ORG_LAST_WORDS, is_big_place, short_name


def retype(spans: list[Span], gaz: Gazetteer, sport: bool) -> list[Span]:
    """`spans`, each with the type the article and the gazetteer make clear."""
    people = [s for s in spans if s.label_ == "PERSON" and len(s) > 1]
    person_words = {t.text for s in people for t in s}
    # family names come last ("Olaf Scholz") or first ("Wang Donghai")
    surnames = {t.text for s in people for t in (s[0], s[-1])}
    orgs = [s for s in spans if s.label_ == "ORG" and len(s) > 1]
    org_short = {short for s in orgs if (short := short_name(s)) != s.text}
    org_short |= {s[0].text for s in orgs}
    # "Santa Fe" after "Santa Fe Southern Pacific Corp": the start of a longer organisation
    org_starts = {s.doc[s.start : k].text for s in orgs for k in range(s.start + 1, s.end)}
    out = []
    for span in spans:
        label, text = span.label_, span.text
        big_place = is_big_place(text)
        if label == "ORG" and big_place and not sport and not text.isupper() \
                and not gaz.org(text) and text not in org_starts:
            label = "GPE"  # a known place is a place ("Copenhagen"), but clubs in sport
        elif gaz.org(text) or (big_place and label != "PERSON"):
            pass  # the gazetteer already typed it
        elif label == "PERSON" and big_place and (len(span) > 1 or text not in person_words):
            label = "GPE"  # "Rotterdam" tagged as a person
        elif label != "ORG" and len(span) > 1 and span[-1].lower_ in ORG_LAST_WORDS:
            label = "ORG"  # "Port of Rotterdam Authority"
        elif len(span) == 1 and label != "PERSON" and text in surnames:
            label = "PERSON"  # "Scholz said" after "Olaf Scholz"
        elif label != "ORG" and text not in person_words and text in org_short - surnames \
                and (label != "GPE" or gaz.place(text) is None and not _placed(span, gaz)):
            label = "ORG"  # "Magna was up" after "Magna International Inc" (not "in Nenagh")
        out.append(span if label == span.label_ else Span(span.doc, span.start, span.end, label))
    return out


def _placed(span: Span, gaz: Gazetteer) -> bool:
    """A place's name the model found where the words or the gazetteer make it one: a
    state by its own name ("Karnataka" beside "Karnataka Assembly"), a town after a place's
    preposition ("in Nenagh" beside "Nenagh MDC")."""
    return region_first(gaz, span.text) or after_place_word(span) \
        and bool(gaz.candidates(span.text))


def typed_by_gazetteer(span: Span, gaz: Gazetteer, keep_unknown: bool) -> Span | None:
    """`span` typed by the gazetteer when it knows the name; else the span as it is
    (`keep_unknown`) or None."""
    text = span.text
    place = gaz.place(text)
    # a person named like a country ("Neil Jordan ... Jordan said") is left to retype(),
    # which knows the article's people
    if place is not None and place.kind in {"country", "region"} and span.label_ in {"ORG", "GPE"}:
        return Span(span.doc, span.start, span.end, label="GPE")
    if gaz.org(text) and text not in gaz.ambiguous:
        return Span(span.doc, span.start, span.end, label="ORG")
    if place is not None and not keep_unknown:
        return Span(span.doc, span.start, span.end, label="GPE")
    return span if keep_unknown else None
