"""newsx_entity_repair: correct the model's known mistakes on news before entities are merged.

Runs after `ner` and rewrites `doc.ents`:
- spans are cut at line breaks (a headline name does not run into the dateline);
- titles, honorifics, determiners, possessives and stray punctuation are trimmed off;
- hyphenated pairs ("Biden-Putin") are split into the names they join;
- job-title fragments ("Adviser for National Security") and events ("the Geneva Summit")
  tagged ORG are dropped;
- names in the gazetteer are typed by it (countries are places, news agencies organisations),
  and added where the model missed them;
- a name found once is found again in the rest of the article ("Hoddle ... Hoddle said"),
  when `propagate` is on (off by default: with newsx's own model it costs on news).
Boundaries are in `boundaries.py`, clues from the surrounding text in `context.py`, word lists
and name helpers in `newsx.nlp.wordlists`.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsx.nlp.boundaries import (
    _add,
    _join_particles,
    _outside,
    _parts,
    _trim,
    _with_particles,
    _with_syllables,
    is_sport,
    spaces_hyphens,
)
from newsx.nlp.context import DATELINE, _caps_context, _law_names, _starts_line
from newsx.nlp.gazetteer import Gazetteer, gazetteer, key
from newsx.nlp.wordlists import (
    EVENT_NAMES,
    EVENT_WORDS,
    JOB_WORDS,
    NO_PROPAGATE,
    ORG_LAST_WORDS,
    PORTFOLIO,
    TARGET,
    TITLES,
    acronym,
    is_big_place,
    short_name,
)

# the rules that `skip` can turn off one by one (for the rule audit, benchmarks/eval_entities.py)
RULES = ("particles", "cuts", "pairs", "types", "laws", "false", "datelines", "gazetteer")


class EntityRepair:
    def __init__(
        self,
        nlp: Language,
        name: str,
        add_from_gazetteer: bool,
        propagate: bool,
        rules: bool,
        skip: list[str] | None = None,
    ):
        unknown = set(skip or ()) - set(RULES)
        if unknown:
            raise ValueError(f"[newsx_entity_repair] unknown rules to skip: {sorted(unknown)}; "
                             f"the rules are {', '.join(RULES)}")
        self.name = name
        self.add_from_gazetteer = add_from_gazetteer
        self.propagate = propagate
        self.rules = rules
        self.skip = set(skip or ())
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
        on = self._on
        sport = self.rules and is_sport(doc)  # clubs named after cities, scores after names
        if on("particles"):
            kept = _join_particles(doc, kept)
        if on("cuts"):
            dash_cuts = not spaces_hyphens(doc)
            kept = [part for ent in kept for part in self._repair(ent, dash_cuts, sport)]
        if on("pairs"):
            kept = self._split_pairs(doc, kept)
        if on("types"):
            kept = self._consistent_types(kept, sport)
        if on("particles"):
            kept = _with_syllables(_with_particles(kept))
        if self.add_from_gazetteer:
            datelines = self._datelines(doc) if "datelines" not in self.skip else []
            added = self._gazetteer_matches(doc) if "gazetteer" not in self.skip else []
            kept = _add(_outside(kept, datelines), datelines + added)  # datelines win
        if self.propagate:
            kept = _add(kept, self._acronyms(doc, kept))
            kept = _add(kept, self._repeats(doc, kept, model=list(ents)))
        # a name once seen naming a law or an event ("the New START treaty") is not an entity
        # anywhere in the article
        if on("laws"):
            laws = _law_names(doc, kept)
            kept = [s for s in kept if s.text not in laws]
        if on("false"):
            kept = [s for s in kept if not self._is_false_entity(s)]
        others = _outside([e for e in ents if e.label_ not in TARGET], kept)
        doc.ents = sorted(filter_spans(kept) + others, key=lambda s: s.start)
        return doc

    def _on(self, rule: str) -> bool:
        return self.rules and rule not in self.skip

    def _consistent_types(self, spans: list[Span], sport: bool) -> list[Span]:
        """Types that the rest of the article, the gazetteer or the name itself make clear."""
        person_words = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
        # family names come last ("Olaf Scholz") or first ("Wang Donghai")
        surnames = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in (s[0], s[-1])}
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
                    and not self.gaz.org(text) and text not in org_starts:
                label = "GPE"  # a known place is a place ("Copenhagen"), but clubs in sport
            elif self.gaz.org(text) or (big_place and label != "PERSON"):
                pass  # the gazetteer already typed it
            elif label == "PERSON" and big_place and (len(span) > 1 or text not in person_words):
                label = "GPE"  # "Rotterdam" tagged as a person
            elif label != "ORG" and len(span) > 1 and span[-1].lower_ in ORG_LAST_WORDS:
                label = "ORG"  # "Port of Rotterdam Authority"
            elif len(span) == 1 and label != "PERSON" and text in surnames:
                label = "PERSON"  # "Scholz said" after "Olaf Scholz"
            elif label != "ORG" and text not in person_words and text in org_short - surnames \
                    and (label != "GPE" or self.gaz.place(text) is None):
                label = "ORG"  # "Magna was up" after "Magna International Inc"
            out.append(span if label == span.label_ else Span(span.doc, span.start, span.end, label))
        return out

    def _repair(self, ent: Span, dash_cuts: bool = True, sport: bool = False) -> list[Span]:
        out = []
        parts = _parts(ent, dash_cuts)
        for part, cut in parts:
            span = _trim(part, sport)
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
        # names the article also uses on their own: a word glued to a hyphen ("Henin" in
        # "Justine Henin-Hardenne") is part of a double-barrelled name, not a known name
        known = {t.lower_ for s in spans if s.label_ == "PERSON" for t in s
                 if t.is_alpha and not _glued(t)}
        out = []
        for span in spans:
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
        return out + self._untagged_pairs(doc, out, known)

    def _untagged_pairs(self, doc: Doc, spans: list[Span], known: set[str]) -> list[Span]:
        """'Biden-Putin' left (partly) untagged by the model: each side, when both are names of
        people the article uses on their own."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        found = []
        for t in doc[1:-1]:
            left, right = doc[t.i - 1], doc[t.i + 1]
            if (t.text in {"-", "–"} and not left.whitespace_ and not t.whitespace_
                    and left.is_title and right.is_title
                    and left.lower_ in known and right.lower_ in known and t.i not in taken):
                found += [Span(doc, side.i, side.i + 1, "PERSON") for side in (left, right)
                          if side.i not in taken]
        return found

    def _label_alone(self, piece: Span, people: set[str]) -> str | None:
        if all(t.lower_ in people for t in piece if t.is_alpha) and piece.text[:1].isupper():
            return "PERSON"
        if is_big_place(piece.text):  # "Russia-Ukraine", not "Jed-Forest" (a rugby club)
            return "GPE"
        if self.gaz.org(piece.text):
            return "ORG"
        return None

    def _gazetteer_matches(self, doc: Doc) -> list[Span]:
        """Gazetteer names the model missed; a place only as a whole name, not the start or
        end of a longer one ("West" in "West German", "Georgia" in "Georgia Pacific")."""
        found = []
        for match, start, end in self.matcher(doc):
            label = doc.vocab.strings[match]
            if label == "GPE" and (_name_word(doc, end) or _name_word(doc, start - 1)):
                continue
            found.append(Span(doc, start, end, label=label))
        return found

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

    def _repeats(self, doc: Doc, spans: list[Span], model: list[Span]) -> list[Span]:
        """Other occurrences of names already found, with their majority label, unless the
        model itself gave that name another label more often ("Heathrow": a facility five
        times, a person once, is not spread as a person)."""
        given: dict[tuple[str, ...], Counter[str]] = {}
        for span in model:
            form = tuple(t.text for t in span if not t.is_space)
            given.setdefault(form, Counter())[span.label_] += 1
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
                label = ranked[0][0]
                by_model = given.get(form, Counter())
                if ranked[0][1] > ranked[1][1] and by_model[label] >= max(by_model.values(), default=0):
                    span = Span(doc, i, i + len(form), label=label)
                    if not caps_only or _caps_context(span) or _starts_line(span):
                        found.append(span)
                break
        return found


def _name_word(doc: Doc, i: int) -> bool:
    """Whether token i is a capitalised word that is not the first of its sentence."""
    if not 0 <= i < len(doc) or not doc[i].is_alpha or not doc[i].is_title:
        return False
    before = doc[i - 1] if i > 0 else None
    return before is not None and not before.is_space and before.text not in {".", "!", "?", '"'}


def _glued(token: Token) -> bool:
    """Whether a word is joined by a hyphen to the next or previous word."""
    doc, i = token.doc, token.i
    after = i + 1 < len(doc) and doc[i + 1].text in {"-", "–"} and not token.whitespace_
    before = i > 0 and doc[i - 1].text in {"-", "–"} and not doc[i - 1].whitespace_
    return after or before


@Language.factory(
    "newsx_entity_repair_v1",
    default_config={"add_from_gazetteer": True, "propagate": False, "rules": True, "skip": []},
)
def make_entity_repair(
    nlp: Language,
    name: str,
    add_from_gazetteer: bool,
    propagate: bool,
    rules: bool,
    skip: list[str],
) -> EntityRepair:
    """`skip` turns off single rules by name (see RULES), for audits and special corpora."""
    return EntityRepair(nlp, name, add_from_gazetteer, propagate, rules, skip)
