"""newsx_entity_repair: correct the model's known mistakes on news before entities are merged.

Runs after `ner` and rewrites `doc.ents`:
- spans are cut at line breaks (a headline name does not run into the dateline);
- titles, honorifics, determiners, possessives and stray punctuation are trimmed off;
- hyphenated pairs ("Biden-Putin") are split into the names they join;
- job-title fragments ("Adviser for National Security") and events ("the Geneva Summit")
  tagged ORG are dropped;
- names in the gazetteer are typed by it (countries are places, news agencies organisations),
  and added where the model missed them;
- a name found once is found again in the rest of the article ("Hoddle ... Hoddle said").
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsx.gazetteer import Gazetteer, gazetteer, key

TARGET = {"PERSON", "GPE", "LOC", "ORG"}
DETERMINERS = {"the", "a", "an"}
POSSESSIVE = {"'s", "’s", "'", "’"}
DASHES = {"-", "–", "—"}
# Lower-case words inside people's names: "Ursula von der Leyen", "Louis van Gaal".
PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "del", "della", "dos", "du", "ter", "zu"}
# Capitalised words after a place that make it part of an event name ("U.S. Open").
EVENT_NAMES = {
    "Open", "Cup", "Games", "Championship", "Championships", "Masters", "Classic", "Olympics",
    "Grand", "Marathon", "Rally", "Tour", "Trophy", "Derby",
}
TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "president", "vice",
    "prime", "minister", "secretary", "senator", "sen", "rep", "representative", "gov",
    "governor", "mayor", "chancellor", "king", "queen", "prince", "princess", "pope", "general",
    "gen", "col", "colonel", "lt", "captain", "capt", "admiral", "adm", "sgt", "sergeant",
    "judge", "justice", "ambassador", "envoy", "chairman", "chairwoman", "premier", "foreign",
    "defence", "defense", "deputy", "spokesman", "spokeswoman", "professor", "prof", "rev",
    "reverend", "sheikh", "ayatollah", "commissioner", "director", "chief", "adviser", "advisor",
    "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "inspector", "det",
    "detective", "officer", "sgt.", "state", "national", "security", "assistant",
}
# Words before a name that make it a person whatever the model said.
HONORIFICS = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "president", "chancellor", "senator", "sen",
    "governor", "gov", "premier", "pope", "ayatollah", "sheikh", "archbishop", "cardinal",
}
# Words a government portfolio is made of: an ORG span of only these is part of a job title.
PORTFOLIO = {
    "national", "security", "foreign", "affairs", "defence", "defense", "state", "homeland",
    "justice", "interior", "home", "finance", "economy", "economic", "trade", "industry",
    "energy", "health", "education", "agriculture", "environment", "transport",
    "transportation", "labour", "labor", "commerce", "intelligence", "cyber", "policy",
    "international", "development", "public", "planning", "culture", "communications",
    "information", "technology", "science", "arms", "control", "strategic", "legal",
    "political", "military", "veterans", "housing", "immigration", "social", "services",
    "human", "rights", "nuclear", "nonproliferation", "counterterrorism", "and", "&", "the",
    "of", "for", "european", "relations", "external", "emergencies", "emergency",
}
JOB_WORDS = {
    "adviser", "advisor", "assistant", "secretary", "minister", "director", "chief",
    "undersecretary", "commissioner", "envoy", "representative", "spokesman", "spokeswoman",
    "deputy", "czar", "coordinator", "officer", "advisers", "advisors", "ministers",
    "secretaries", "ministry", "council", "committee",
}
EVENT_WORDS = {
    "summit", "talks", "games", "olympics", "olympic", "cup", "championship", "championships",
    "tournament", "open", "festival", "war", "accord", "accords", "treaty", "agreement", "pact",
    "expo", "awards", "marathon", "grand", "prix", "series",
}
# Last words that make a name an organisation, whatever the model said.
ORG_WORDS = {
    "authority", "agency", "ministry", "department", "council", "committee", "commission",
    "bank", "company", "corp", "corporation", "inc", "ltd", "plc", "group", "association",
    "party", "university", "institute", "foundation", "board", "office", "service", "services",
    "fund", "organisation", "organization", "airlines", "airways", "holdings", "bureau",
    "police", "army", "navy", "parliament", "senate", "assembly", "club", "society", "trust",
}
BIG_CITY = 200_000
# Company-form words: what precedes them is the name's short form ("Magna International Inc").
CORP_SUFFIXES = {
    "inc", "corp", "corporation", "co", "ltd", "limited", "plc", "llc", "ag", "sa", "nv", "bv",
    "gmbh", "spa", "group", "holdings", "international", "intl", "industries", "bhd", "pty",
}
ORG_LAST_WORDS = ORG_WORDS | CORP_SUFFIXES
# A name followed by one of these is the name of a law or treaty ("the New START treaty").
# ("bill" is not one: "Treasury bill" does not make the Treasury a law)
LAW_WORDS = {"treaty", "accord", "accords", "pact", "convention", "protocol", "act"}
CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}
NO_PROPAGATE = CALENDAR | {"god", "internet"}


def _trim(span: Span) -> Span | None:
    """Drop determiners, titles, possessives and punctuation at the edges of a span."""
    doc, start, end = span.doc, span.start, span.end
    label = span.label_
    while start < end:
        tok = doc[start]
        low = tok.lower_.rstrip(".")
        edge = tok.is_space or tok.is_punct or low in DETERMINERS
        edge = edge or (low in CALENDAR and label != "PERSON" and start + 1 < end)
        title = label == "PERSON" and low in TITLES and start + 1 < end
        if edge or title:
            start += 1
        elif low in HONORIFICS and start + 1 < end and doc[start + 1].is_title:
            label = "PERSON"  # "Chancellor Olaf Scholz" tagged ORG is a person
            start += 1
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
        elif (tok.is_lower and tok.is_alpha or tok.like_num) and end - 1 > start:
            end -= 1  # "Interfax news agency" -> "Interfax", "Durham 114" -> "Durham"
        else:
            break
    if end <= start:
        return None
    out = Span(doc, start, end, label=label)
    if not any(c.isalpha() for c in out.text) or out.text.islower():
        return None
    return out


def _parts(span: Span) -> list[tuple[Span, str]]:
    """Cut a span where one name ends and another begins. Each piece comes with the cut
    before it: "" (first piece), "line" (a line break), "dash" (a spaced dash: "Romania -
    Cosmin Contra"), "split" (parentheses or a possessive: "NAPM ( NAPM", "Russia 's Gazprom")
    or "of" (a place after a company form: "Daniels Pharmaceuticals Inc of St. Petersburg")."""
    doc = span.doc
    parts, start, cut = [], span.start, ""
    for tok in span:
        prev = doc[tok.i - 1] if tok.i > span.start else None
        kind = ""
        if "\n" in tok.text or "\n" in tok.whitespace_:
            kind = "line"
        elif tok.text in DASHES and prev is not None and prev.whitespace_ and tok.whitespace_:
            kind = "dash"
        elif tok.text in {"(", ")"}:
            kind = "split"
        elif tok.text in POSSESSIVE and tok.i + 1 < span.end and _is_big_place(doc[start : tok.i].text):
            kind = "split"  # "Russia 's Gazprom", but "People 's Daily" stays whole
        elif tok.lower_ == "of" and prev is not None and prev.lower_.rstrip(".") in CORP_SUFFIXES:
            kind = "of"
        if kind:
            end = tok.i + 1 if kind == "line" and "\n" not in tok.text else tok.i
            if end > start:
                parts.append((Span(doc, start, end, label=span.label_), cut))
            start, cut = tok.i + 1, kind
    if start < span.end:
        parts.append((Span(doc, start, span.end, label=span.label_), cut))
    return parts


class EntityRepair:
    def __init__(
        self, nlp: Language, name: str, add_from_gazetteer: bool, propagate: bool, rules: bool
    ):
        self.name = name
        self.add_from_gazetteer = add_from_gazetteer
        self.propagate = propagate
        self.rules = rules
        self.gaz: Gazetteer = gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._build_matcher(nlp)

    def _build_matcher(self, nlp: Language) -> None:
        places = {p.name for p in self.gaz.places.values() if p.kind in {"country", "region"}}
        forms = {f for f in self.gaz.org_forms if f not in self.gaz.ambiguous and len(f) > 2}
        for label, names in (("ORG", sorted(forms)), ("GPE", sorted(places))):
            variants = {n for n in names} | {n.upper() for n in names if len(n) > 3}
            self.matcher.add(label, [nlp.make_doc(v) for v in sorted(variants)])

    def __call__(self, doc: Doc) -> Doc:
        ents = doc.ents
        kept: list[Span] = [e for e in ents if e.label_ in TARGET]
        if self.rules:
            kept = _join_particles(doc, kept)
            kept = [part for ent in kept for part in self._repair(ent)]
            kept = self._split_pairs(doc, kept)
            kept = self._consistent_types(kept)
            kept = _with_particles(kept)
        if self.add_from_gazetteer:
            datelines = self._datelines(doc)  # these win over the model's label
            kept = _add(_outside(kept, datelines), datelines + self._gazetteer_matches(doc))
        if self.propagate:
            kept = _add(kept, self._acronyms(doc, kept))
            kept = _add(kept, self._repeats(doc, kept))
        # a name once seen naming a law or an event ("the New START treaty") is not an entity
        # anywhere in the article
        if self.rules:
            laws = {s.text for s in kept if self._is_law_name(s)} | _law_names(doc, kept)
            kept = [s for s in kept if s.text not in laws and not self._is_false_entity(s)]
        others = _outside([e for e in ents if e.label_ not in TARGET], kept)
        doc.ents = sorted(filter_spans(kept) + others, key=lambda s: s.start)
        return doc

    def _consistent_types(self, spans: list[Span]) -> list[Span]:
        """Types that the rest of the article, the gazetteer or the name itself make clear."""
        person_words = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
        # family names come last ("Olaf Scholz") or first ("Wang Donghai")
        surnames = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in (s[0], s[-1])}
        orgs = [s for s in spans if s.label_ == "ORG" and len(s) > 1]
        org_short = {short for s in orgs if (short := short_name(s)) != s.text}
        org_short |= {s[0].text for s in orgs}
        out = []
        for span in spans:
            label, text = span.label_, span.text
            big_place = _is_big_place(text)
            if self.gaz.org(text) or (big_place and label != "PERSON"):
                pass  # the gazetteer already typed it
            elif label == "PERSON" and big_place and (len(span) > 1 or text not in person_words):
                label = "GPE"  # "Rotterdam" tagged as a person
            elif label != "ORG" and len(span) > 1 and span[-1].lower_ in ORG_LAST_WORDS:
                label = "ORG"  # "Port of Rotterdam Authority"
            elif len(span) == 1 and label != "PERSON" and text in surnames:
                label = "PERSON"  # "Scholz said" after "Olaf Scholz"
            elif label != "ORG" and text not in person_words and text in org_short - surnames:
                label = "ORG"  # "Magna was up" after "Magna International Inc"
            out.append(span if label == span.label_ else Span(span.doc, span.start, span.end, label))
        return out

    def _repair(self, ent: Span) -> list[Span]:
        out = []
        parts = _parts(ent)
        for part, cut in parts:
            span = _trim(part)
            if span is None or key(span.text) in self.gaz.not_entities:
                continue
            if cut in {"line", "of"}:  # these keep a label only when the gazetteer knows them
                span = self._typed_by_gazetteer(span, keep_unknown=False)
            elif len(parts) > 1 and any(c == "dash" for _, c in parts):
                typed = self._typed_by_gazetteer(span, keep_unknown=False)
                looks_personal = 1 < len(span) < 4 and all(t.is_title for t in span)
                span = typed or (Span(span.doc, span.start, span.end, "PERSON")
                                 if looks_personal else None)
            else:
                span = self._typed_by_gazetteer(span, keep_unknown=True)
            if span is not None:
                out.append(span)
        return out

    def _typed_by_gazetteer(self, span: Span, keep_unknown: bool) -> Span | None:
        text = span.text
        place = self.gaz.place(text)
        # a person named like a country ("Neil Jordan ... Jordan said") is left to
        # _consistent_types, which knows the article's people
        if place is not None and place.kind in {"country", "region"} and span.label_ in {"ORG", "GPE"}:
            return Span(span.doc, span.start, span.end, label="GPE")
        if self.gaz.org(text) and text not in self.gaz.ambiguous:
            return Span(span.doc, span.start, span.end, label="ORG")
        if place is not None and not keep_unknown:
            return Span(span.doc, span.start, span.end, label="GPE")
        return span if keep_unknown else None

    def _is_law_name(self, span: Span) -> bool:
        doc = span.doc
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        return after in LAW_WORDS and span.label_ != "PERSON" and not self.gaz.place(span.text)

    def _is_false_entity(self, span: Span) -> bool:
        doc = span.doc
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if span.label_ in {"GPE", "LOC"} and span.end < len(doc) and doc[span.end].text in EVENT_NAMES:
            return True  # "U.S. Open", "Hong Kong Open"
        if span.label_ != "ORG" or self.gaz.org(span.text):
            return False
        words = [t.lower_ for t in span]
        if words[-1] in EVENT_WORDS:
            return True
        if all(w in PORTFOLIO for w in words) and not span.text.isupper():
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            window = {t.lower_ for t in doc[max(0, span.start - 7) : span.start]}
            if after in JOB_WORDS or (before in {"for", "of", "to"} and window & (JOB_WORDS | TITLES)):
                return True
        return False

    def _split_pairs(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """'Biden-Putin' (one span) -> 'Biden', 'Putin' when each side is a known name."""
        people = Counter(t.lower_ for s in spans if s.label_ == "PERSON" for t in s if t.is_alpha)
        out = []
        for span in spans:
            # names known from the rest of the article, not from this span itself
            own = Counter(t.lower_ for t in span if t.is_alpha and span.label_ == "PERSON")
            known = {w for w, n in people.items() if n > own.get(w, 0)}
            cuts = [
                t.i
                for t in span
                if t.text in {"-", "–"} and t.i > span.start and not doc[t.i - 1].whitespace_
            ]
            if not cuts:
                out.append(span)
                continue
            bounds = [span.start, *cuts, span.end]
            pieces = []
            for a, b in zip(bounds, bounds[1:], strict=False):
                a = a + 1 if doc[a].text in {"-", "–"} else a
                if b <= a:
                    break
                piece = Span(doc, a, b)
                label = self._label_alone(piece, known)
                if label is None:
                    break
                pieces.append(Span(doc, a, b, label=label))
            out.extend(pieces if len(pieces) == len(bounds) - 1 else [span])
        return out

    def _label_alone(self, piece: Span, people: set[str]) -> str | None:
        if all(t.lower_ in people for t in piece if t.is_alpha) and piece.text[:1].isupper():
            return "PERSON"
        place = self.gaz.place(piece.text)
        if place is not None and place.kind in {"country", "region", "city"}:
            return "GPE"
        if self.gaz.org(piece.text):
            return "ORG"
        return None

    def _gazetteer_matches(self, doc: Doc) -> list[Span]:
        return [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]

    def _datelines(self, doc: Doc) -> list[Span]:
        """Places that open a dateline: "BUCHAREST 1996-08-30", "NEW YORK, March 3 -"."""
        found = []
        for m in DATELINE.finditer(doc.text):
            dated = m.group("date") is not None
            offset = m.start("places")
            for part in re.finditer(r"[^/]+", m.group("places")):
                name = part.group().strip()
                start = offset + part.start()
                span = doc.char_span(start, start + len(name), label="GPE")
                if span is not None and (dated or self.gaz.place(name) is not None):
                    found.append(span)
        return found

    def _acronyms(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """An acronym defined in parentheses after a name: "Kurdistan Democratic Party (KDP)"."""
        found = []
        for span in spans:
            if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
                acro = doc[span.end + 1]
                if acronym(acro.text) and len(span) > 1:
                    found.append(Span(doc, acro.i, acro.i + 1, label=span.label_))
        return found

    def _repeats(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Other occurrences of names already found, with their majority label."""
        labels: dict[tuple[str, ...], Counter[str]] = {}
        shouted: dict[tuple[str, ...], Counter[str]] = {}  # capitalised forms, for caps lines
        for span in spans:
            words = [t for t in span if not t.is_space]
            forms = [tuple(t.text for t in words)]
            if span.label_ == "PERSON" and len(words) > 1 and words[-1].is_title:
                forms.append((words[-1].text,))
            for form in forms:
                if len(form) == 1 and (
                    len(form[0]) < 3
                    or form[0].lower() in NO_PROPAGATE
                    or doc.vocab[form[0].lower()].is_stop
                ):
                    continue
                labels.setdefault(form, Counter())[span.label_] += 1
                shouted.setdefault(tuple(w.upper() for w in form), Counter())[span.label_] += 1
        if not labels:
            return []
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for form in [*labels, *shouted]:
            by_first.setdefault(form[0], []).append(form)
        for forms in by_first.values():
            forms.sort(key=len, reverse=True)
        texts = [t.text for t in doc]
        found = []
        for i, text in enumerate(texts):
            for form in by_first.get(text, ()):
                if tuple(texts[i : i + len(form)]) != form:
                    continue
                counts = labels.get(form)
                caps_only = counts is None
                counts = counts or shouted[form]
                ranked = counts.most_common(2) + [("", 0)]
                if ranked[0][1] > ranked[1][1]:
                    span = Span(doc, i, i + len(form), label=ranked[0][0])
                    if not caps_only or _caps_context(span) or _starts_line(span):
                        found.append(span)
                break
        return found


def _law_names(doc: Doc, spans: list[Span]) -> set[str]:
    """Names the article uses elsewhere as the name of a law or treaty ("New START treaty"),
    even where the model did not tag that occurrence."""
    names = {s.text for s in spans if s.label_ != "PERSON" and not gazetteer().place(s.text)}
    if not names:
        return set()
    found = set()
    for tok in doc:
        if tok.lower_ in LAW_WORDS and tok.i > 0:
            before = doc.text[max(0, tok.idx - 100) : tok.idx].rstrip()
            found |= {n for n in names if before.endswith(n)
                      and not before[: len(before) - len(n)][-1:].isalnum()}
    return found


def _join_particles(doc: Doc, spans: list[Span]) -> list[Span]:
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


def _with_particles(spans: list[Span]) -> list[Span]:
    """A family name keeps the particles before it: "Von der Leyen", "van Gaal"."""
    out = []
    for span in spans:
        doc, start = span.doc, span.start
        if span.label_ == "PERSON":
            while start > 0 and doc[start - 1].lower_ in PARTICLES and start > span.start - 2:
                start -= 1
        out.append(span if start == span.start else Span(doc, start, span.end, label="PERSON"))
    return out


def _is_big_place(text: str) -> bool:
    """A country, region, state or city of BIG_CITY people or more."""
    place = gazetteer().place(text)
    return place is not None and (place.kind != "city" or place.population >= BIG_CITY)


def _outside(spans: list[Span], taken: list[Span]) -> list[Span]:
    """The spans that share no token with any of `taken`."""
    used = {i for s in taken for i in range(s.start, s.end)}
    return [s for s in spans if not any(i in used for i in range(s.start, s.end))]


def _add(kept: list[Span], extra: list[Span]) -> list[Span]:
    """`kept`, plus the longest of `extra` that do not overlap it."""
    return kept + filter_spans(_outside(extra, kept))


def acronym(text: str) -> str | None:
    """The letters of an acronym ("NATO", "U.S.S.R."), or None."""
    letters = text.replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters
    return None


def short_name(span: Span) -> str:
    """An organisation's name without its company form: "Magna International Inc" -> "Magna"."""
    words = [t for t in span if not t.is_space]
    end = len(words)
    while end > 1 and (words[end - 1].lower_.rstrip(".") in CORP_SUFFIXES or words[end - 1].is_punct):
        end -= 1
    return span.doc[words[0].i : words[end - 1].i + 1].text


MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
DATELINE = re.compile(
    r"^(?P<places>[A-Z][A-Z.'-]+(?:[ /][A-Z][A-Z.'-]+){0,3})"
    r"(?:(?P<date>(?:\s*,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*,?\s*(?:\d{4}-\d\d-\d\d|"
    + MONTH + r"))|\s*[,(])",
    re.M,
)


def _starts_line(span: Span) -> bool:
    """True for a dateline's place ("GENEVA, June 18 -"): first on its line."""
    return span.start_char == 0 or span.doc.text[span.start_char - 1] == "\n"


def _caps_context(span: Span) -> bool:
    """True when the span's line is written in capitals (a headline or dateline)."""
    doc = span.doc
    text = doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


@Language.factory(
    "newsx_entity_repair_v1",
    default_config={"add_from_gazetteer": True, "propagate": False, "rules": True},
)
def make_entity_repair(
    nlp: Language, name: str, add_from_gazetteer: bool, propagate: bool, rules: bool
) -> EntityRepair:
    return EntityRepair(nlp, name, add_from_gazetteer, propagate, rules)
