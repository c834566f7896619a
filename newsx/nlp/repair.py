"""newsx_entity_repair: correct the model's known mistakes on news before entities are merged.

Runs after `ner`, rewrites `doc.ents` and sets `doc._.newsx_authors` (the by-line's names,
list[str]) and `doc._.newsx_credits` (the character ranges of credits, list[tuple[int, int]]).
Each rule has a name (`RULES`) that `skip` can turn off, for audits and special corpora:
- particles: names cut at their particles are joined ("Ursula von der" + "Leyen");
- cuts: spans are cut at line breaks, spaced dashes and parentheses, and titles, determiners,
  possessives and stray punctuation trimmed off (`boundaries.py`);
- long-names: a place keeps its particles ("Frankfurt am Main") and a name the word that ends
  it ("Premier League", "Westminster Magistrate's Court") (`longnames.py`);
- pairs: hyphenated pairs ("Biden-Putin") are split into the names they join (`pairs.py`);
- retype: types the gazetteer and the article's other names make clear, mention by mention
  (`retype.py`; formerly "types");
- datelines, gazetteer: dateline places and gazetteer names the model missed are added (a
  country's names of several words, a region's name before "province" or "region");
- acronyms: an acronym defined after its name ("Reserve Bank of India (RBI)") takes the
  name's type, there and wherever else it stands alone;
- laws: names of laws and treaties ("the New START treaty") are no entities anywhere;
- events, job-titles: events ("the Geneva Summit") and job titles ("Adviser for National
  Security") tagged as names are dropped (`notnames.py`; the two were the rule "false");
- indexes: a stock-market index ("the FTSE 100", "the S&P 500 index") is no organisation;
- units: a unit of measure after a number ("a 20 TB drive", "a 1.5 GW plant") is no name;
- openers: lone capitalised words that open a sentence are no people without evidence;
- common-words: a one-word name the article also writes in lower case and capitalises only in
  headings and at sentence starts ("Museum" beside "the museum") is no name (`notnames.py`);
- credits: by-lines, datelines' agencies and picture credits are found (`bylines.py`): their
  characters go to `doc._.newsx_credits`, where newsx_entities gives their names no salience,
  and agencies named there are organisations;
- boilerplate: lines such as "Read more", "Share this", "Sign up" and cookie banners give no
  entities;
- one-type: one type per name in the article, from all its mentions (`types.py`), and the
  exchange of a stock ticker an organisation ("NYSE" in "(NYSE: MMC)").
Names found once are found again in the rest of the article ("Hoddle ... Hoddle said") when
`propagate` is on (off by default: with newsx's own model it costs on news).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsx.nlp import bylines, longnames, notnames, pairs, propagate, retype, types
from newsx.nlp.boundaries import (
    add,
    cut_parts,
    is_sport,
    join_particles,
    outside,
    spaces_hyphens,
    trim,
    with_particles,
    with_syllables,
)
from newsx.nlp.context import (
    admin_places,
    currency_countries,
    dateline_places,
    law_names,
    places_after_in,
    ticker_exchanges,
    unit_places,
)
from newsx.nlp.gazetteer import Gazetteer, gazetteer
from newsx.nlp.phrases import PhraseIndex
from newsx.nlp.wordlists import SPORT_NOT_NAMES, TARGET

RULES = ("particles", "cuts", "long-names", "pairs", "retype", "laws", "events", "job-titles",
         "indexes", "openers", "credits", "boilerplate", "one-type", "datelines", "gazetteer",
         "acronyms", "units", "common-words")
# former names of rules, still accepted by `skip`
RULE_ALIASES = {"types": ("retype",), "false": ("events", "job-titles")}


class EntityRepair:
    """The newsx_entity_repair component: see the module's documentation for its rules."""

    def __init__(self, nlp: Language, name: str, add_from_gazetteer: bool, propagate: bool,
                 rules: bool, skip: list[str] | None = None):
        unknown = set(skip or ()) - set(RULES) - set(RULE_ALIASES)
        if unknown:
            raise ValueError(f"[newsx_entity_repair] unknown rules to skip: {sorted(unknown)}; "
                             f"the rules are {', '.join(RULES)}")
        self.name = name
        self.add_from_gazetteer = add_from_gazetteer
        self.propagate = propagate
        self.rules = rules
        self.skip = set(skip or ())
        self.gaz: Gazetteer = gazetteer()
        self.matcher = PhraseIndex(nlp)
        places = {p.name for p in self.gaz.places.values() if p.kind in {"country", "region"}}
        # and the names of several words news gives countries ("Democratic Republic of Congo")
        places |= {f for f in self.gaz.country_forms if " " in f and f[:1].isupper()}
        forms = {f for f in self.gaz.org_forms if f not in self.gaz.ambiguous and len(f) > 2}
        for label, names in (("ORG", sorted(forms)), ("GPE", sorted(places))):
            variants = set(names) | {n.upper() for n in names if len(n) > 3}
            self.matcher.add(label, sorted(variants))

    def on(self, rule: str) -> bool:
        """Whether a rule runs: rules are on and neither it nor a former name is skipped."""
        if not self.rules or rule in self.skip:
            return False
        return not any(rule in RULE_ALIASES.get(old, ()) for old in self.skip)

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        kept = self.repair([e for e in ents if e.label_ in TARGET])
        money = currency_countries(doc)  # "US" of "US dollars": added, and of no salience
        kept = self.additions(doc, kept, ents, money)
        credits = bylines.find_credits(doc.text)
        doc._.newsx_authors = credits.authors
        # nor is the country of a currency what the article is about ("11 billion US dollars")
        zones = credits.zones + [(s.start_char, s.end_char) for s in money]
        doc._.newsx_credits = zones if self.on("credits") else []
        if self.on("credits"):
            kept = bylines.agencies_in_credits(kept, credits.zones)
        kept = self.removals(doc, kept, credits.boilerplate)
        others = [e for e in ents if e.label_ not in TARGET]
        if self.on("one-type"):
            kept = types.one_type_per_name(kept, self.gaz, is_sport(doc))
        doc.ents = sorted(kept + outside(others, kept), key=lambda s: s.start)
        return doc

    def repair(self, spans: list[Span]) -> list[Span]:
        """The model's spans with their boundaries and types repaired."""
        if not spans:
            return spans
        doc = spans[0].doc
        sport = self.rules and is_sport(doc)  # clubs named after cities, scores after names
        if self.on("particles"):
            spans = join_particles(doc, spans)
        if self.on("cuts"):
            dash_cuts = not spaces_hyphens(doc)
            spans = [part for ent in spans for part in self.cut(ent, dash_cuts, sport)]
        if self.on("long-names"):
            spans = longnames.join_name_ends(doc, longnames.join_place_particles(doc, spans))
        if self.on("pairs"):
            spans = pairs.split_pairs(doc, spans, self.gaz)
        if self.on("retype"):
            spans = retype.retype(spans, self.gaz, sport)
        if self.on("particles"):
            spans = with_syllables(with_particles(spans))
        return spans

    def additions(self, doc: Doc, kept: list[Span], model: list[Span],
                  money: list[Span]) -> list[Span]:
        """Names the model missed: dateline places, gazetteer names, the countries of
        currencies (`money`), defined acronyms and, with `propagate`, repeated names."""
        if self.add_from_gazetteer:
            datelines = dateline_places(doc) if "datelines" not in self.skip else []
            added = self.gazetteer_matches(doc, kept) if "gazetteer" not in self.skip else []
            added += ticker_exchanges(doc) if self.on("one-type") else []
            if self.on("gazetteer"):  # "Idlib province", "the town of Pulawy", "US dollars"
                added += admin_places(doc) + unit_places(doc) + money
                added += places_after_in(doc, kept + datelines + added)
            # datelines win, and a country's whole name over the model's part of it
            # ("Trinidad" of "Trinidad and Tobago")
            whole = [s for s in added if s.label_ == "GPE" and any(
                s.start <= k.start and k.end <= s.end and len(k) < len(s) for k in kept)]
            kept = add(outside(kept, datelines + whole), datelines + added)
        if self.on("acronyms") or self.propagate:
            others = [e for e in model if e.label_ not in TARGET]  # "the ITA Award", a work
            kept = add(kept, propagate.acronyms(doc, kept, others))
        if self.propagate:
            kept = add(kept, propagate.repeats(doc, kept, model=model))
        return kept

    def removals(self, doc: Doc, kept: list[Span], boilerplate: list[tuple[int, int]]
                 ) -> list[Span]:
        """`kept` without names of laws, events, job titles, sentence openers and boilerplate."""
        # a name once seen naming a law or an event ("the New START treaty") is not an entity
        # anywhere in the article
        if self.on("laws"):
            laws = law_names(doc, kept)
            kept = [s for s in kept if s.text not in laws]
        if self.on("events"):
            kept = [s for s in kept if not notnames.is_event(s, self.gaz)]
        if self.on("job-titles"):
            kept = [s for s in kept if not notnames.is_job_title(s, self.gaz)]
        if self.on("indexes"):
            kept = [s for s in kept if not notnames.is_market_index(s)]
        if self.on("units"):
            kept = [s for s in kept if not notnames.is_unit(s)]
        if self.on("openers"):
            kept = longnames.drop_sentence_openers(doc, kept)
        if self.on("common-words"):
            kept = notnames.common_words(doc, kept, self.gaz)
        if self.on("boilerplate"):
            kept = [s for s in kept if not bylines.in_zones(s.start_char, s.end_char, boilerplate)]
        return filter_spans(kept)

    def cut(self, ent: Span, dash_cuts: bool = True, sport: bool = False) -> list[Span]:
        """One model span cut where one name ends and another begins, each piece trimmed and
        typed by the gazetteer where the cut leaves its type in doubt."""
        out = []
        parts = cut_parts(ent, dash_cuts, lambda name: self.gaz.place(name) is not None)
        dashed = len(parts) > 1 and any(c == "dash" for _, c in parts)
        for part, kind in parts:
            span = trim(part, sport)
            if span is None or self.gaz.not_entity(span.text) \
                    or self.gaz.not_entity(part.text) \
                    or sport and span.text.lower() in SPORT_NOT_NAMES:
                continue
            if kind in {"line", "of", "caps"}:  # a label only if the gazetteer knows it
                span = retype.typed_by_gazetteer(span, self.gaz, keep_unknown=False)
            elif dashed:
                typed = retype.typed_by_gazetteer(span, self.gaz, keep_unknown=False)
                looks_personal = 1 < len(span) < 4 and all(t.is_title for t in span)
                span = typed or (Span(span.doc, span.start, span.end, "PERSON")
                                 if looks_personal else None)
            else:
                span = retype.typed_by_gazetteer(span, self.gaz, keep_unknown=True)
            if span is not None:
                out.append(span)
        return out

    def gazetteer_matches(self, doc: Doc, kept: list[Span]) -> list[Span]:
        """Gazetteer names the model missed; a place only as a whole name, not the start or
        end of a longer one ("West" in "West German", "Georgia" in "Georgia Pacific"), but
        before a person the model found ("the envoy for South Sudan David Shearer")."""
        people = {s.start for s in kept if s.label_ == "PERSON"}
        found = []
        for label, start, end in self.matcher(doc):
            if label == "GPE" and (_name_word(doc, end) and end not in people
                                   or _name_word(doc, start - 1)):
                continue
            found.append(Span(doc, start, end, label=label))
        return found


def _name_word(doc: Doc, i: int) -> bool:
    """Whether token i is a capitalised word that is not the first of its sentence."""
    if not 0 <= i < len(doc) or not doc[i].is_alpha or not doc[i].is_title:
        return False
    before = doc[i - 1] if i > 0 else None
    return before is not None and not before.is_space and before.text not in {".", "!", "?", '"'}


@Language.factory(
    "newsx_entity_repair_v1",
    assigns=["doc.ents", "doc._.newsx_authors", "doc._.newsx_credits"],
    default_config={"add_from_gazetteer": True, "propagate": False, "rules": True, "skip": []},
)
def make_entity_repair(nlp: Language, name: str, add_from_gazetteer: bool, propagate: bool,
                       rules: bool, skip: list[str]) -> EntityRepair:
    """`skip` turns off single rules by name (see RULES; the former names "types" and
    "false" are accepted), for audits and special corpora."""
    return EntityRepair(nlp, name, add_from_gazetteer, propagate, rules, skip)
