"""What the text around names says: datelines, capitalised lines, names of laws, tickers'
exchanges, the administrative words after a place's name ("Idlib province") or before it
("the town of Pulawy"), and the country of a currency ("US dollars")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsx.nlp.gazetteer import gazetteer
from newsx.nlp.places_context import container_after
from newsx.nlp.wordlists import (
    EXCHANGE_NAMES,
    EXCHANGES,
    LAW_WORDS,
    NO_PROPAGATE,
    POSSESSIVE_S,
)

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"

DATELINE = re.compile(
    r"^(?P<places>[A-Z][A-Z.'-]+(?:[ /][A-Z][A-Z.'-]+){0,3})"
    r"(?:(?P<date>(?:\s*,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*,?\s*(?:\d{4}-\d\d-\d\d|"
    + MONTH + r"))|(?P<dash>\s*(?:--|[\u2014\u2013])\s*|\s+-\s)|\s*[,(])",
    re.M,
)
# a dateline after a sentence's end, where a page runs one story after another: a known
# place in capitals, its region, and a news agency ("... conduct. ALBUQUERQUE, N.M. (AP) -")
LATER_DATELINE = re.compile(
    r"(?<=[.!?] )(?P<places>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*\((?:AP|Reuters|AFP|UPI|CNN|dpa|Xinhua)\)")
# after "X, Y" of a dateline: its dash, agency or date ("CAMP MURRAY, Wash. -")
AFTER_REGION = re.compile(r"\s*(?:--|[-\u2014\u2013(]|,?\s*" + MONTH + ")")
DASH_CITY_PEOPLE = 100_000  # "TORONTO —" undated: a city this big, not "POLICE -" or "MARCH -"
NAME_WORDS = 3  # the longest name looked up beside a cue word ("New Zealand dollars")


def exchange_at(doc: Doc, i: int, names: set[str] = EXCHANGES) -> bool:
    """Whether token i is a stock exchange as a ticker names it: "(NYSE: MMC", "[LSE: GSK"."""
    return 0 < i < len(doc) - 1 and doc[i - 1].text in {"(", "["} and doc[i + 1].text == ":" \
        and doc[i].lower_ in names


def ticker_exchanges(doc: Doc) -> list[Span]:
    """The stock exchange of a ticker, an organisation: "NYSE" in "(NYSE: MMC)", "LSE" in
    "[LSE: GSK]"."""
    return [Span(doc, i, i + 1, label="ORG") for i in range(1, len(doc) - 1)
            if exchange_at(doc, i, EXCHANGE_NAMES) and doc[i].text[:1].isupper()]


def dateline_places(doc: Doc) -> list[Span]:
    """Places that open a dateline: "BUCHAREST 1996-08-30", "NEW YORK, March 3 -", a big
    city or a country before a dash ("TORONTO \u2014"), a place the gazetteer does not
    know before its region and a dash ("CAMP MURRAY, Wash. -"), and that region."""
    found = []
    for m in DATELINE.finditer(doc.text):
        region = _region_after(doc, m.end("places"))
        dated = m.group("date") is not None or region is not None
        if region is not None:  # "SC" of "HORRY COUNTY, SC (WMBF) -" is a place too
            found += [s for s in [doc.char_span(*region, label="GPE")] if s is not None]
        offset = m.start("places")
        for part in re.finditer(r"[^/]+", m.group("places")):
            name = part.group().strip()
            start = offset + part.start()
            span = doc.char_span(start, start + len(name), label="GPE")
            if span is None:
                continue
            if not dated:  # undated: a known place, and before a dash not a small town
                place = gazetteer().place(name)
                if place is None or (m.group("dash") is not None and place.kind == "city"
                                     and place.population < DASH_CITY_PEOPLE):
                    continue
            found.append(span)
    for m in LATER_DATELINE.finditer(doc.text):
        span = doc.char_span(m.start("places"), m.end("places"), label="GPE")
        if span is not None and gazetteer().place(span.text) is not None:
            found.append(span)
    return found


# lower-case words after a name that make it a place: "Idlib province", "Kasserine governorate"
# (not "county": "Kent county council", "Taylor county deputies" name no town)
ADMIN_AFTER = {"province", "provinces", "governorate", "prefecture", "oblast", "district",
               "region", "municipality"}
COMPASS_NAMES = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                 "central", "upper", "lower"}


def admin_after(doc: Doc, end: int) -> bool:
    """Whether token `end` is an administrative unit's lower-case word ("province")."""
    return end < len(doc) and doc[end].is_lower and doc[end].text in ADMIN_AFTER


def admin_places(doc: Doc) -> list[Span]:
    """Names the model missed before an administrative unit's word that GeoNames knows as
    one: "Masvingo" in "Masvingo province", "Artibonite" in "the Artibonite region"."""
    gaz = gazetteer()
    found = []
    for end in range(1, len(doc)):
        if not admin_after(doc, end):
            continue
        for start in range(end - 1, max(end - NAME_WORDS, 0) - 1, -1):
            if not (doc[start].is_title or doc[start].is_upper) or not doc[start].is_alpha \
                    or doc[start].lower_ == "the":
                break
            name = doc[start:end].text
            if end - start == 1 and doc[start].lower_ in COMPASS_NAMES:
                continue  # "Eastern province" names no place by "Eastern" ("Eastern Cape" does)
            if any(c.feature_code.startswith("ADM") for c in gaz.candidates(name)):
                found.append(Span(doc, start, end, label="GPE"))
    return found


CURRENCY_WORDS = {"dollar", "dollars"}  # the currency named after a country or region


def currency_countries(doc: Doc) -> list[Span]:
    """The country or region whose dollar the text names: "US" in "US dollars", "Hong Kong"
    in "the Hong Kong dollar", also where the model takes it into a sum ("59.2 billion US
    dollars" is one MONEY name). A demonym ("Canadian dollars") names no place."""
    gaz = gazetteer()
    found = []
    for end in range(1, len(doc)):
        if doc[end].lower_ not in CURRENCY_WORDS:
            continue
        for start in range(max(end - NAME_WORDS, 0), end):
            name = doc[start:end]
            if name[0].lower_ == "the" or not all(t.is_title or t.is_upper for t in name):
                continue
            place = gaz.place(name.text)
            if place is not None and place.kind in {"country", "region"} and \
                    place.country is not None:
                found.append(Span(doc, start, end, label="GPE"))
                break
    return found


# lower-case words for a kind of place before "of" and a name: "the town of Pulawy", "the
# nearby cities of Suwon and Incheon" (not "City of Santa Ana", an office's name)
UNIT_OF = {"city", "cities", "town", "towns", "village", "villages", "hamlet", "suburb",
           "suburbs", "district", "province", "state", "region", "county", "island", "islands",
           "port", "capital", "municipality"}
IN_WORDS = {"in", "near"}  # before a place's name, lower-case: "embedded in Manbij"
SEASONS = {"spring", "summer", "autumn", "fall", "winter"}  # "in Spring 2008"
# months, days, seasons and names of God: "in God", "in Jesus" (Göd, Hungary; Jesus, Paraguay)
NOT_PLACES = NO_PROPAGATE | SEASONS | {"jesus", "christ", "allah", "buddha"}


def unit_of(doc: Doc, start: int) -> bool:
    """Whether a kind of place and "of" come right before token `start`: "town of"."""
    return start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].text in UNIT_OF


def unit_places(doc: Doc) -> list[Span]:
    """Names the model missed after a kind of place and "of" that GeoNames knows as a place:
    "Cellardyke" in "the village of Cellardyke", "Torun" in "the northern town of Torun"."""
    found = []
    for start in range(2, len(doc)):
        if not unit_of(doc, start):
            continue
        for end in range(min(start + NAME_WORDS, len(doc)), start, -1):
            name = doc[start:end]
            if all(t.is_title and t.is_alpha for t in name) and known_place(name.text):
                found.append(Span(doc, start, end, label="GPE"))
                break
    return found


def known_place(name: str) -> str | None:
    """The country of the place GeoNames knows by this own name, and no organisation, month,
    season or word that is never a name; else None."""
    gaz = gazetteer()
    if name.lower() in NOT_PLACES or gaz.not_entity(name) \
            or gaz.org(name):
        return None
    cands = gaz.candidates(name)
    return cands[0].country if cands and not cands[0].alternate else None


def places_after_in(doc: Doc, kept: list[Span]) -> list[Span]:
    """Whole names the model missed after a lower-case "in" or "near" that GeoNames knows, in
    a country the article names (among the places in `kept`): "Manbij" in "embedded with
    forces in Manbij near the border" beside Syria (but not "Man", Ivory Coast, of "in
    Metabolism in Man-III"); not a name before "'s" ("in Trump's view") or the start of a
    longer name."""
    gaz = gazetteer()
    named = {p.country for s in kept if s.label_ in {"GPE", "LOC"}
             and (p := gaz.place(s.text)) is not None}
    found = []
    for start in range(1, len(doc)):
        if doc[start - 1].text not in IN_WORDS or not doc[start].is_title:
            continue
        end = start
        while end < len(doc) and end - start < NAME_WORDS and doc[end].is_title \
                and doc[end].is_alpha:
            end += 1
        after = doc[end] if end < len(doc) else None
        if after is not None and (after.is_title or after.text in POSSESSIVE_S):
            continue
        country = known_place(doc[start:end].text)
        if country is not None and country in named:
            found.append(Span(doc, start, end, label="GPE"))
    return found


def _region_after(doc: Doc, end: int) -> tuple[int, int] | None:
    """Where a region or country ("Wash.", "Nova Scotia", "Afghanistan") is named after
    character `end` and a comma, when a dateline's dash, agency or date follow it."""
    box = container_after(doc, end, gazetteer())
    if box is None or AFTER_REGION.match(doc.text, box.end) is None:
        return None
    return box.start, box.end


def starts_line(span: Span) -> bool:
    """True for a dateline's place ("GENEVA, June 18 -"): first on its line."""
    return span.start_char == 0 or span.doc.text[span.start_char - 1] == "\n"


def caps_context(span: Span) -> bool:
    """True when the span's line is written in capitals (a headline or dateline)."""
    doc = span.doc
    text = doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def law_names(doc: Doc, spans: list[Span]) -> set[str]:
    """Names the article uses anywhere as the name of a law or treaty ("the New START
    treaty"), whether or not the model tagged that occurrence."""
    names = {s.text for s in spans if s.label_ != "PERSON" and not gazetteer().place(s.text)}
    if not names:
        return set()
    longest = max(map(len, names))
    found = set()
    for tok in doc:
        if tok.lower_ not in LAW_WORDS:
            continue
        i = tok.i - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0:
            continue
        end = doc[i].idx + len(doc[i].text)  # where the text before the law word ends
        before = doc.text[max(0, end - longest) : end]
        found |= {n for n in names if before.endswith(n)
                  and doc.char_span(end - len(n), end) is not None}  # a whole-token name
    return found
