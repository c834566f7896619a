"""One type per name per article, decided once from all its mentions.

Every mention of a name (its lookup key: case-folded, without a leading "the") votes for the
type the model and the earlier rules gave it, and the name's evidence adds to the votes:
- the mention's context: a title before it ("Mr", "President"; the strongest evidence) for a
  person; "Inc", "shares", "spokesman" after it for an organisation; "in", "from", "the town
  of" before it, a journey's "to", a list of places it is in, "province" or "region" after
  it, for a place;
- the gazetteer: a known organisation, a country, region or state, a big city (outside sport);
- the name itself: a last word such as "Authority" or "Bank", a club's name ("Manchester
  United"), a family name of one of the article's people ("Djokovic" after "Novak Djokovic");
- what the article says the name is: "coffee chain Tim Hortons", "Doxim is a
  leading provider" (newsx/nlp/org_cues.py);
- sport: a place's name tagged as an organisation is a club there.
The type with the most votes wins (ties: the model's most frequent type, then the first
mention's) and every mention takes it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TypeAlias

from spacy.tokens import Doc, Span

from newsx.nlp.context import NOT_PLACES, admin_after, exchange_at, unit_of
from newsx.nlp.gazetteer import Gazetteer, key
from newsx.nlp.org_cues import firm_cue
from newsx.nlp.places_context import coded, coded_region, container_after
from newsx.nlp.wordlists import HONORIFICS, ORG_LAST_WORDS, POSSESSIVE_S, TITLES, is_big_place

Votes: TypeAlias = dict[str, float]
PLACE = "GPE"  # the vote's name for GPE and LOC, which are both places
# words after a name that make it an organisation: "Alibaba shares", "a Tesco spokesman"
ORG_AFTER = {
    "shares", "stock", "stocks", "shareholders", "inc", "inc.", "corp", "corp.", "ltd", "plc",
    "llc", "spokesman", "spokeswoman", "spokesperson", "ceo", "subsidiary", "stake", "brand",
}
PLACE_BEFORE = {"in", "from", "near", "across", "outside", "throughout"}
# before a name the model calls a person or organisation, the words that make a known
# place's name that place ("in Cirencester", "near Klamath Falls"); "to", "at", "on" and
# "from" come before people and companies too ("lost to Murray", "a memo from Warren", "a
# job at Hershey") and were tried and dropped
PLACED_AFTER = PLACE_BEFORE - {"from"} | {"into", "inside"}
COORDINATION = {"and", "or"}
# words of a journey before "to": a place's name follows ("a trip to Saipan")
# (not "moved to": "support moved to Warren", "money moved to Vanguard", a player to a club)
JOURNEY = {
    "trip", "trips", "travel", "travels", "travelled", "traveled", "travelling", "traveling",
    "flight", "flights", "flew", "fly", "flying", "drive", "driving", "drove", "relocated",
    "journey", "commute", "emigrated", "deported", "fled", "route",
}
TIE_NOT_AFTER = {"near", "into"}
PAIR_AFTER = PLACE_BEFORE | {"between", "into"}  # "between Coggeshall and Marks Tey"
REGION_PEOPLE = 100_000  # a region this big by its own name: "Tamil Nadu", not a parish
TICKER_VOTE = 50.0  # conclusive: outvotes the model on every mention
# lower-case compass words before a name: "eastern Ghouta", "northern Idlib" name places
COMPASS = {"eastern", "western", "northern", "southern", "central", "north-eastern",
           "north-western", "south-eastern", "south-western", "northeastern", "northwestern",
           "southeastern", "southwestern"}
# last words of a club's name after its town: "Manchester United", "Leicester City"
CLUB_WORDS = {
    "united", "city", "rovers", "wanderers", "athletic", "albion", "rangers", "town", "county",
    "hotspur", "fc", "afc", "celtic", "thistle", "athletico", "olympic", "villa", "argyle",
}
HONORIFIC_VOTE = 5.0
CONTEXT_VOTE = 1.0
NAME_VOTE = 2.0
SPORT_VOTE = 1.0
SURNAME_VOTE = 1.5  # for each mention of a family name of someone the article names in full


def vote_type(span: Span) -> str:
    """The type a mention votes for: its label, with LOC counted as a place (GPE)."""
    return PLACE if span.label_ == "LOC" else span.label_


def one_type_per_name(spans: list[Span], gaz: Gazetteer, sport: bool) -> list[Span]:
    """`spans` (people, places and organisations) with one type for every name."""
    votes: dict[str, Votes] = defaultdict(lambda: defaultdict(float))
    given: dict[str, Counter[str]] = defaultdict(Counter)
    beside = set() if sport else _beside_places(spans) | _travelled_to(spans)
    for span in spans:
        name = key(span.text)
        votes[name][vote_type(span)] += 1.0
        given[name][vote_type(span)] += 1
        for label, weight in _context_votes(span):
            votes[name][label] += weight
        if vote_type(span) != PLACE:
            votes[name][PLACE] += _placed(span, gaz, span.start in beside, sport)
    surnames = {s.text.split()[-1] for s in spans if _full_name(s)}
    # a person's last words ("San Martin" of "Miguel San Martin", "Jose de San Martin")
    surnames |= {s[i:].text for s in spans if s.label_ == "PERSON" and 3 <= len(s) <= 4
                 for i in range(1, len(s) - 1)}
    people = {s.text for s in spans if s.label_ == "PERSON" and len(s) == 1}
    firsts = {key(s.text): s for s in sorted(spans, key=lambda s: -s.start)}
    starts = {s.start for s in spans if s.label_ == "PERSON"}
    firms = {key(s.text) for s in spans if vote_type(s) != PLACE and firm_cue(s, starts)}
    # and the first word of such a name, on its own: "Kemira" of "Kemira Oyj" (not the last:
    # a family name)
    firms |= {key(s[0].text) for s in spans if len(s) > 1 and key(s.text) in firms
              and gaz.place(s[0].text) is None}
    named = [p.country for s in spans if vote_type(s) == PLACE and (p := gaz.place(s.text))
             ] if any(s.text.isupper() for s in firsts.values()) else []  # for "NSW" only
    for name, span in firsts.items():
        count = sum(given[name].values())
        for label, weight in _name_votes(span, count, gaz, sport, surnames, people):
            votes[name][label] += weight
        at = [(s.start_char, s.end_char) for s in spans if key(s.text) == name] \
            if span.text.isupper() else []  # a state's code: "NSW"
        if at and not gaz.org(span.text) and coded_region(coded(span.doc.text, at, [span.text]),
                                                           gaz, named):
            votes[name][PLACE] += NAME_VOTE + count  # "in NSW" beside Sydney
        if name in firms and not _known_place(span, gaz):
            votes[name]["ORG"] += NAME_VOTE + count  # outweighs the model on every mention
    chosen = {name: _winner(votes[name], given[name], firsts[name]) for name in firsts}
    out = []
    for span in spans:
        label = chosen[key(span.text)]
        if label != vote_type(span):
            span = Span(span.doc, span.start, span.end, label=label)
        out.append(span)
    return out


def _known_place(span: Span, gaz: Gazetteer) -> bool:
    place = gaz.place(span.text)
    return place is not None and place.kind in {"country", "region", "state"}


def _full_name(span: Span) -> bool:
    """A person's name of two or three words ("Ana Montoya-Lewis"; not "Bank of Greece")."""
    return span.label_ == "PERSON" and 1 < len(span.text.split()) <= 3 and all(
        t.text == "-" or t.text[:1].isupper() and not (t.is_upper and len(t) > 2)
        and (t.is_alpha or t.text.endswith(".")) for t in span)


def _winner(votes: Votes, given: Counter[str], first: Span) -> str:
    return max(votes, key=lambda label: (votes[label], given[label], label == vote_type(first)))


def _context_votes(span: Span) -> list[tuple[str, float]]:
    """Votes from the words around one mention."""
    doc: Doc = span.doc
    before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    found = []
    if before in HONORIFICS:
        found.append(("PERSON", HONORIFIC_VOTE))  # "Mr Jordan" is no country
    elif before in TITLES:
        found.append(("PERSON", CONTEXT_VOTE))
    if after in ORG_AFTER:
        found.append(("ORG", CONTEXT_VOTE))
    if exchange_at(doc, span.end + 1):  # a ticker after the name: "Glencore (LON: GLEN)"
        found.append(("ORG", TICKER_VOTE))
    if before in PLACE_BEFORE and vote_type(span) == PLACE:
        found.append((PLACE, CONTEXT_VOTE / 2))
    if before in COMPASS and doc[span.start - 1].is_lower:
        found.append((PLACE, CONTEXT_VOTE * 1.5))  # outweighs the mention's own vote
    return found


def _name_votes(span: Span, mentions: int, gaz: Gazetteer, sport: bool, surnames: set[str],
                people: set[str]) -> list[tuple[str, float]]:
    """Votes from the name itself: the gazetteer, its words, the article's people."""
    text, words = span.text, [t for t in span if not t.is_space]
    place = gaz.place(text)
    found = []
    if gaz.org(text) and text not in gaz.ambiguous:
        found.append(("ORG", NAME_VOTE))
    elif place is not None and place.kind in {"country", "region"}:
        found.append((PLACE, NAME_VOTE))  # national teams too are named as places
    elif sport and place is not None:
        found.append(("ORG", SPORT_VOTE))  # clubs are named after their towns and counties
    elif place is not None and place.kind == "state":
        found.append((PLACE, NAME_VOTE))
    elif is_big_place(text):
        found.append((PLACE, NAME_VOTE / 2))
    elif len(words) > 1 and region_first(gaz, text) and text not in surnames:
        # a state or province by its own name ("Tamil Nadu"), however often the model
        # calls it a person (but not "San Martin" after "Miguel San Martin")
        found.append((PLACE, NAME_VOTE + mentions))
    if len(words) > 1 and words[-1].lower_.rstrip(".") in ORG_LAST_WORDS:
        found.append(("ORG", NAME_VOTE))
    if is_club(span, gaz):
        found.append(("ORG", NAME_VOTE + 1))
    if " " not in text and text in surnames:  # "Jordan said" after "Neil Jordan"
        found.append(("PERSON", max(NAME_VOTE + 1, SURNAME_VOTE * mentions)))
    if 1 < len(words) <= 3 and words[-1].text in people and all(t.is_title for t in words) \
            and place is None and not gaz.org(text) and not is_club(span, gaz):
        found.append(("PERSON", NAME_VOTE))  # "Novak Djokovic" after "Djokovic said"
    return found


def _beside_places(spans: list[Span]) -> set[int]:
    """The first tokens of mentions listed with a place the model found, the list after a
    place's preposition and closed by "and" or "or": "Almelo" in "in Hilversum and Almelo",
    "Gloucester" in "from Gloucester and Cheltenham", "Nitra" in "in Zilina, Nitra, Presov
    and Kosice" (not "Victoria and Albert visited", "In Washington, Warren said")."""
    out: set[int] = set()
    chain: list[Span] = []
    closed = False  # the chain's last separator is "and" or "or"
    for span in sorted(spans, key=lambda s: s.start):
        between = [t.lower_ for t in span.doc[chain[-1].end : span.start]] if chain else []
        if chain and between in ([","], *([w] for w in COORDINATION),
                                 *([",", w] for w in COORDINATION)):
            chain.append(span)
            closed = between[-1] in COORDINATION
            continue
        _add_listed(chain, closed, out)
        chain, closed = [span], False
    _add_listed(chain, closed, out)
    return out


def _travelled_to(spans: list[Span]) -> set[int]:
    """The first tokens of mentions after a journey's "to": "travelling to Cirencester", "a
    trip to Saipan", "relocated to Thornhill" (not "lost to Murray", "a memo to Warren")."""
    out = set()
    for span in spans:
        doc, i = span.doc, span.start
        if i > 1 and doc[i - 1].lower_ == "to" and doc[i - 2].lower_ in JOURNEY:
            out.add(i)
    return out


def _add_listed(chain: list[Span], closed: bool, out: set[int]) -> None:
    """Adds the chain's starts when it is a list of places: closed by "and" or "or", after a
    place's preposition, with a place the model found; a list with commas only after a
    lower-case one ("In Washington, Warren and Sanders" opens a sentence: no list)."""
    first = chain[0] if chain else None
    if first is None or len(chain) < 2 or not closed or first.start == 0:
        return
    before = first.doc[first.start - 1]
    commas = any(t.text == "," for t in first.doc[first.end : chain[-1].start])
    if not (before.lower_ in PAIR_AFTER or unit_of(first.doc, first.start)) \
            or (commas and not before.is_lower) \
            or not any(vote_type(s) == PLACE for s in chain):
        return
    out.update(s.start for s in chain)


def _placed(span: Span, gaz: Gazetteer, beside_place: bool = False,
            sport: bool = False) -> float:
    """How strongly the words around a mention the model calls a person or an organisation
    place it, when the gazetteer knows a place of that name and no organisation: the words
    before or after it ("in Klamath Falls", "travelling to", "Kent-based", "Idlib province",
    a place beside it: "in Hilversum and Almelo") count 2.25 times the mention's own vote (so
    that they decide a tie with the model; twice in sport), a state or country after a comma
    ("Klamath Falls, Oregon") 1.5 times; "in Jordan's view" and "in God" nothing."""
    doc: Doc = span.doc
    after = doc[span.end].text if span.end < len(doc) else ""
    placed_before = after_place_word(span) or beside_place or _based(span) \
        or admin_after(doc, span.end)  # "Idlib province"
    # the words first, the gazetteer only for a mention they may place
    if after in POSSESSIVE_S or not (placed_before or after == ",") \
            or span.text.lower() in NOT_PLACES or gaz.org(span.text) \
            or not gaz.candidates(span.text):  # "in God" (Göd, Hungary) stays a person
        return 0.0
    # a tie goes to the place, but not in sport, nor after "near" and "into", which come
    # before players too ("near Warner at mid-on", "a pass into Jackson")
    tie = not sport and span.start > 0 and doc[span.start - 1].lower_ not in TIE_NOT_AFTER
    weight = CONTEXT_VOTE * (2.25 if tie else 2.0) if placed_before else 0.0
    if after == "," and container_after(doc, span.end_char, gaz) is not None:
        weight += CONTEXT_VOTE * 1.5
    return weight


def after_place_word(span: Span) -> bool:
    """Whether a place's preposition or a kind of place comes before the mention: "in
    Klamath Falls", "the town of Pulawy"."""
    return (span.start > 0 and span.doc[span.start - 1].lower_ in PLACED_AFTER) \
        or unit_of(span.doc, span.start)


def _based(span: Span) -> bool:
    """ "Kent-based", "a London-based firm"."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" \
        and doc[span.end + 1].lower_ == "based"


def region_first(gaz: Gazetteer, text: str) -> bool:
    """Whether a first-level region by its own name is what `text` most likely means (not a
    town, nor a parish named after a saint beside towns of the name)."""
    found = gaz.candidates(text)
    if not found or text.split()[0].rstrip(".") in {"Saint", "St", "Sainte"}:
        return False
    best = found[0]
    return best.feature_code == "ADM1" and not best.alternate and best.population >= REGION_PEOPLE


def is_club(span: Span, gaz: Gazetteer) -> bool:
    """A club named after its town: "Manchester United", "Leicester City" (but "Mexico City",
    a place of its own, is none)."""
    words = [t for t in span if not t.is_space]
    if len(words) < 2 or words[-1].lower_ not in CLUB_WORDS or gaz.place(span.text) is not None:
        return False
    town = span.doc[words[0].i : words[-1].i].text
    return gaz.place(town) is not None
