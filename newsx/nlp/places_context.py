"""What the words around a place mention say: the region or country it lies in ("Allentown,
PA", "Palm Beach, Florida", "London, Ontario"), or that it is no place at all here ("Brent
crude", "Jupiter's moon", "his wife Kali", "Chicago Bulls"). Used by newsx/nlp/places.py."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from spacy.tokens import Doc, Span

from newsx.nlp.gazetteer import Admin1, Candidate, Gazetteer
from newsx.nlp.wordlists import ORG_WORDS
from newsx.records import Entity, Mention

# AP style abbreviations of US states ("Allentown, Pa.")
AP_STATES = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS",
    "ky": "KY", "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS",
    "mo": "MO", "mont": "MT", "neb": "NE", "nev": "NV", "n.h": "NH", "n.j": "NJ", "n.m": "NM",
    "n.y": "NY", "n.c": "NC", "n.d": "ND", "okla": "OK", "ore": "OR", "pa": "PA", "r.i": "RI",
    "s.c": "SC", "s.d": "SD", "tenn": "TN", "vt": "VT", "va": "VA", "wash": "WA", "w.va": "WV",
    "wis": "WI", "wyo": "WY",
}
# Canadian Press abbreviations of provinces ("Nelson, B.C.")
CP_PROVINCES = {"b.c": "British Columbia", "alta": "Alberta", "sask": "Saskatchewan",
                "ont": "Ontario", "que": "Quebec", "n.b": "New Brunswick", "n.s": "Nova Scotia",
                "p.e.i": "Prince Edward Island", "nfld": "Newfoundland and Labrador"}
# verbs of speech and report: a short name before them is a speaker ("Kan reported")
SPEECH_VERBS = {
    "said", "says", "told", "tells", "added", "adds", "wrote", "writes", "asked", "explained",
    "replied", "insisted", "argued", "noted", "stated", "announced", "claimed", "confirmed",
    "tweeted", "warned", "admitted", "recalled", "agreed", "denied", "declared", "reported",
    "reports", "commented", "responded",
}
# after a place name, the words that make it something else: a benchmark oil, a celestial body
NOT_PLACE_NEXT = {"crude", "blend", "futures"}
SKY_WORDS = {"moon", "moons", "planet", "planets", "orbit", "orbiter", "spacecraft", "probe",
             "rover", "atmosphere", "asteroid", "comet", "telescope"}
# before a name, the words that make it a person ("his wife Kali")
PERSON_BEFORE = {
    "wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "mom", "dad",
    "uncle", "aunt", "cousin", "nephew", "niece", "friend", "girlfriend", "boyfriend", "partner",
    "widow", "widower", "named", "nicknamed", "mr", "mrs", "ms", "dr", "miss", "baby", "grandson",
    "granddaughter", "grandmother", "grandfather", "fiancee", "fiance", "colleague",
}
# words before a name that make it a place whatever verb follows
PLACE_BEFORE = {"in", "of", "near", "at", "from", "to", "the", "outside", "across",
                "around", "inside", "throughout", "within", ","}
# capitalised words after a place that make a team or organisation of it ("Chicago Bulls")
TEAM_WORDS = {
    "united", "fc", "afc", "rovers", "wanderers", "athletic", "albion",
    "hotspur", "rangers", "celtic", "bulls", "bears", "cubs", "lakers", "knicks", "yankees",
    "giants", "jets", "eagles", "patriots", "packers", "warriors", "celtics", "heat", "dolphins",
    "raiders", "chargers", "rams", "49ers", "cowboys", "steelers", "ravens", "bengals",
    "browns", "titans", "colts", "texans", "jaguars", "broncos", "chiefs", "seahawks",
    "cardinals", "falcons", "panthers", "saints", "buccaneers", "vikings", "lions", "redskins",
    "commanders", "bills", "mets", "dodgers", "red", "white", "blue", "sox", "braves", "astros",
    "mariners", "orioles", "pirates", "reds", "royals", "tigers", "twins", "brewers", "nationals",
    "phillies", "padres", "rockies", "marlins", "rays", "angels", "athletics", "nets", "suns",
    "spurs", "rockets", "mavericks", "clippers", "nuggets", "jazz", "pistons", "pacers", "bucks",
    "hawks", "hornets", "magic", "wizards", "raptors", "thunder", "timberwolves", "pelicans",
    "grizzlies", "kings", "blazers", "cavaliers", "sixers", "76ers", "flames", "oilers",
    "canucks", "canadiens", "maple", "leafs", "bruins", "sabres", "senators", "penguins",
    "flyers", "capitals", "islanders", "devils", "blackhawks", "wings", "predators", "stars",
    "avalanche", "wild", "sharks", "ducks", "coyotes", "knights", "kraken", "sc", "cf", "fk",
    "sporting", "dynamo", "olympique", "real", "inter", "times", "post", "tribune", "herald",
    "journal", "gazette", "chronicle", "globe", "telegraph", "press", "daily", "news",
    "chamber", "metro", "transit", "symphony", "orchestra", "ballet", "opera", "stock",
    "exchange", "marathon", "police", "fire",
} | ORG_WORDS | {"league", "cup", "court", "university", "college", "hospital"}
_AFTER_COMMA = re.compile(r"\s*,\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,2})")


class Container(NamedTuple):
    """What "X, Y" says X lies in: a first-level region (any of `regions`) or a country."""

    start: int  # where Y begins and ends in the text
    end: int
    regions: tuple[Admin1, ...]
    country: str | None


def container_after(doc: Doc, end: int, gaz: Gazetteer) -> Container | None:
    """The region or country named right after character `end` (where a mention ends) and a
    comma ("Seattle, WA")."""
    match = _AFTER_COMMA.match(doc.text, end)
    if match is None:
        return None
    words = match.group(1).split()
    for n in range(len(words), 0, -1):
        text = " ".join(words[:n]).rstrip(",;:")
        start = match.start(1)
        end = start + len(text)
        bare = text.rstrip(".").casefold()
        regions = list(gaz.admin1_named(text)) or list(gaz.admin1_named(bare))
        if (bare in AP_STATES or bare in CP_PROVINCES) and (text.endswith(".") or not regions):
            ap = _abbreviated(bare, gaz)  # "Allentown, Pa.", "Kingston, Ont."
            regions = [ap] if ap else regions
        place = gaz.place(text)
        country = place.country if place is not None and place.kind == "country" else None
        if regions or country:
            return Container(start, end, tuple(regions), country)
    return None


def head_in_region(form: str, gaz: Gazetteer) -> list[Candidate]:
    """The candidates of a name's head that lie in the region its last word names, as the
    name's own: "Washington DC" is Washington in the District of Columbia."""
    head, _, tail = form.rpartition(" ")
    regions = {r.code for r in gaz.admin1_named(tail.replace(".", ""))} if head else set()
    return [c for c in gaz.candidates(head) if c.admin1 in regions] if regions else []


REGION_TOWN = 100_000  # a town this big may be what a region's name means


def meanings(form: str, cands: list[Candidate], gaz: Gazetteer,
             written: list[str]) -> list[Candidate]:
    """The candidates that a form of a place's name can mean, when the article writes it as
    `written`: a two-letter code in capitals ("WA") is no town ("Wa", Ghana), and a name the
    curated gazetteer calls a region ("Atlantic", "Pacific") no small town of that name
    ("Atlantic", Iowa)."""
    if written and all(len(w.replace(".", "")) == 2 and w.isupper() for w in written):
        return [c for c in cands if c.feature_code in {"PCLI", "ADM1"} or c.alternate]
    place = gaz.place(form)
    if place is not None and place.kind == "region":
        return [c for c in cands if c.feature_class != "P" or c.population >= REGION_TOWN]
    return cands


def abbreviated_region(form: str, gaz: Gazetteer) -> Admin1 | None:
    """The state or province a dotted abbreviation stands for: "N.J.", "Calif.", "B.C."."""
    if not form.endswith(".") or " " in form:
        return None
    return _abbreviated(form.rstrip(".").casefold(), gaz)


def _abbreviated(bare: str, gaz: Gazetteer) -> Admin1 | None:
    """The US state (AP style) or Canadian province (Canadian Press) of an abbreviation
    without its dots at the end ("pa", "n.j", "ont"), or None."""
    if bare in AP_STATES:
        return gaz.admin1("US." + AP_STATES[bare])
    if bare in CP_PROVINCES:
        found = [r for r in gaz.admin1_named(CP_PROVINCES[bare]) if r.country == "CA"]
        return found[0] if found else None
    return None


def _tokens(doc: Doc, m: Mention) -> Span | None:
    return doc.char_span(m.start, m.end, alignment_mode="expand")


def not_a_place(doc: Doc, m: Mention) -> str | None:
    """What the words around the mention say it is instead of a place here: "name" (part of
    a team's or organisation's name: the place is real, the mention is not it), "thing" (a
    crude oil, a celestial body), or None."""
    span = _tokens(doc, m)
    if span is None:
        return None
    after = doc[span.end : span.end + 3]
    before = doc[max(0, span.start - 2) : span.start]
    nxt = after[0] if len(after) else None
    if nxt is not None and nxt.lower_ in NOT_PLACE_NEXT:
        return "thing"
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in TEAM_WORDS \
            and not nxt.is_sent_start:
        return "name"
    rest = [t.lower_ for t in after if t.lower_ not in {"'s", "’s", "'"}]
    if (rest[:1] and rest[0] in SKY_WORDS) or any(t.lower_ in SKY_WORDS for t in before):
        return "thing"
    return None


# words around a name that make it the region rather than the city of that name
REGION_AFTER = {"state", "province", "governor", "gov", "legislature", "statewide"}
REGION_BEFORE = {"upstate", "downstate", "statewide"}
REGION_OF = {"state", "province", "governor"}  # "the state of Washington"


def region_words(doc: Doc, m: Mention) -> bool:
    """Whether the words around the mention name a region: "New York state", "upstate New
    York", "the state of Washington", "New York Governor Andrew Cuomo"."""
    span = _tokens(doc, m)
    if span is None:
        return False
    nxt = doc[span.end].lower_.rstrip(".") if span.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    return nxt in REGION_AFTER or bool(before) and before[-1] in REGION_BEFORE or (
        len(before) == 2 and before[1] == "of" and before[0] in REGION_OF)


LIST_WORDS = {",", "and", "or", "&"}


def listed_beside(doc: Doc, m: Mention) -> list[int]:
    """The characters where the names listed next to the mention end or begin ("Ohio" and
    "Utah" around "Washington" in "Ohio, Washington and Utah")."""
    span = _tokens(doc, m)
    if span is None:
        return []
    out = []
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in LIST_WORDS and span.start - i <= 2:
        i -= 1
    if i < span.start - 1 and i >= 0:
        out.append(doc[i].idx + len(doc[i].text) - 1)  # the last character of the name before
    j = span.end
    while j < len(doc) and doc[j].lower_ in LIST_WORDS and j - span.end < 2:
        j += 1
    if j > span.end and j < len(doc):
        out.append(doc[j].idx)
    return out


def person_like(doc: Doc, m: Mention) -> bool:
    """Whether the mention reads as a person: after "wife", "Mr", "named"."""
    span = _tokens(doc, m)
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1].lower_.rstrip(".")
    return prev in PERSON_BEFORE


def speaker_like(doc: Doc, m: Mention) -> bool:
    """Whether a speech verb follows the mention ("Kan reported", "Kali said")."""
    span = _tokens(doc, m)
    if span is None or span.end >= len(doc):
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in PLACE_BEFORE:
        return False  # "officials in Austin told", "the Mayor of Boston declared"
    return doc[span.end].lower_ in SPEECH_VERBS


CODED = {"AU", "CA"}  # federations whose states English news names by their codes alone


def coded_region(form: str, gaz: Gazetteer, places: list[str | None]) -> Admin1 | None:
    """The state or province a code in capitals stands for in an article whose places are
    mostly in its country (`places`: the country of each place mention): "NSW"
    beside Sydney is New South Wales, "BC" beside Vancouver British Columbia. Australia's and
    Canada's codes only ("VA", "PA", "MP" name more than states), not a country's own code
    ("SA", "NL"), nor a code that a state of another of the article's countries has ("WA" in a
    story that names Seattle)."""
    if not (form.isupper() and form.isalpha() and 2 <= len(form) <= 3) \
            or form in gaz.country_codes() or not places:
        return None
    countries = Counter(places)
    top = countries.most_common(2)
    if len(top) > 1 and top[0][1] == top[1][1]:
        return None  # no country of the article's
    regions = gaz.admin1_named(form)
    found = [a for a in regions if a.code[:2] in CODED and a.code[:2] == top[0][0]]
    others = [a for a in regions if a.code[:2] != top[0][0] and a.code[:2] in countries]
    return found[0] if len(found) == 1 and not others else None


_NUMBER_BEFORE = re.compile(r"\d\s*$")  # "300 BC", "40 MB"
_PLACE_WORD_BEFORE = re.compile(r"\b(?:in|from|across|near|throughout|outside)\s+$")


def coded(text: str, mentions: list[tuple[int, int]], forms: list[str]) -> str:
    """The form in capitals among `forms` that may be a state's code (the mention's "NSW", not
    the gazetteer's "Vic" of "VIC"): "" when a number comes before a mention ("300 BC"), and
    for two letters unless a place's word comes before one ("in BC", not "a WA message")."""
    form = next((f for f in forms if f.isupper()), "")
    if not form:
        return ""
    before = [text[max(0, start - 12) : start] for start, _ in mentions]
    if any(_NUMBER_BEFORE.search(b) for b in before) or len(form) == 2 and not any(
            _PLACE_WORD_BEFORE.search(b) for b in before):
        return ""
    return form


def coded_regions(text: str, entities: list[Entity], places: list[str | None],
                  gaz: Gazetteer) -> list[Admin1 | None]:
    """The state each place entity's code stands for (`coded_region`), or None."""
    return [coded_region(coded(text, [(m.start, m.end) for m in e.mentions],
                               [e.name, *e.aliases]), gaz, places) for e in entities]
