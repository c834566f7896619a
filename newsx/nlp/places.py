"""newsx_places: resolve each place of an article to one GeoNames place, in context.

Runs after newsx_entities and re-sets the `country`, `geonames_id`, `lat`, `lon` and `admin1`
of the place entities in `doc._.newsx_entities`. After Mordecai 3 (Halterman 2023), with
hand-set weights instead of a trained ranker: each GeoNames candidate
(`Gazetteer.candidates`) is scored by
- its prior: population (log10), feature (a country or continent above a city, a capital
  above a town, a region below its towns), an alternate name (exonym) below the place's own;
- "X, Y" in the text: Y a region ("Allentown, PA", "Palm Beach, Florida") or a country that X
  must lie in, and Y itself resolved to that region ("NSW" alone beside Sydney too);
- the words around a name: a big city over the region of its name ("New York") unless they
  name the region ("New York state", "Governor of New York", "Ohio, Washington and Utah");
- the article's focus: the countries of its other places (their population-prior picks, as
  Mordecai's anchors, weighted by how sure each is), sub-national places counting apart from
  countries; regions that its other places lie in; other places within 150 km.
A place stays without a point (and without a country unless the article's focus gives it)
when nothing supports a choice: an exonym alone, a lone town under `min_population`, two
candidates in different countries too close to call, a name read as a person ("his wife
Kali", "Kan reported"). A place word inside a team's or organisation's name ("Chicago Bulls"),
a crude oil ("Brent crude") or a celestial body ("Jupiter's moon") is not geocoded. See
docs/places.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from newsx.nlp.gazetteer import Admin1, Candidate, Gazetteer, gazetteer
from newsx.nlp.places_context import (
    Container,
    abbreviated_region,
    coded_regions,
    container_after,
    head_in_region,
    listed_beside,
    meanings,
    not_a_place,
    person_like,
    region_words,
    speaker_like,
)
from newsx.nlp.places_merge import merge_same_places, set_place
from newsx.nlp.places_rank import (
    Evidence,
    Weights,
    apart,
    as_candidate,
    box_country,
    namesake,
    prior,
    region_country,
)
from newsx.nlp.salience import LEAD_BONUS, LEAD_CHARS
from newsx.records import Entity

MIN_POPULATION = 15_000
MARGIN = 0.5
FAMOUS, FAMOUS_RATIO = 100_000, 5  # a namesake this big and this much bigger than the rest
BIG_CITY = 1_000_000  # an alternate name of a city this big needs no support
ADMIN_SUFFIX = re.compile(r"\s+(?:State|Province|Region|District|Governorate|Prefecture|Oblast)$")


@dataclass
class Item:
    """One place entity of the article while it is being resolved."""

    entity: Entity
    options: list[Candidate]
    skip: bool = False  # no place here: not geocoded
    named: bool = False  # ... because it is part of a team's or organisation's name
    person: bool = False  # reads as a person: no point
    inside: list[Container] = field(default_factory=list)  # "X, Y": the Ys after this X
    region: Admin1 | None = None  # this entity is the Y of "X, Y": that region
    region_words: bool = False  # words name a region here ("New York state")
    region_of: set[str] = field(default_factory=set)  # listed with regions of these countries


class PlaceResolver:
    """The newsx_places component: see the module docstring."""

    def __init__(self, name: str, min_population: int = MIN_POPULATION,
                 margin: float = MARGIN, weights: Weights | None = None,
                 lead_chars: int = LEAD_CHARS, lead_bonus: float = LEAD_BONUS) -> None:
        self.name = name
        self.lead_chars, self.lead_bonus = lead_chars, lead_bonus  # newsx_entities' salience
        self.min_population = min_population
        self.margin = margin
        self.w = weights or Weights()
        self.gaz: Gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        entities: list[Entity] = doc._.newsx_entities or []
        items = [self._item(doc, e) for e in entities if e.type == "place"]
        if not items:
            return doc
        named = [it.options[0].country for it in items if it.options and not it.skip
                 for _ in it.entity.mentions]  # "NSW" beside Sydney: New South Wales
        regions = coded_regions(doc.text, [it.entity for it in items], named, self.gaz)
        for it, region in zip(items, regions, strict=True):
            it.region = it.region or region
        self._patterns(doc, items)
        evidence = self._evidence(items)
        for i, item in enumerate(items):
            self._resolve(i, item, evidence)
        doc._.newsx_entities = merge_same_places(entities, doc._.get("newsx_credits") or [],
                                                 self.lead_chars, self.lead_bonus)
        return doc

    def _item(self, doc: Doc, entity: Entity) -> Item:
        options: dict[int, Candidate] = {}
        forms = list(dict.fromkeys([entity.name, *entity.aliases]))
        for form in forms:  # "Washington DC" is Washington, D.C. by its own name
            for cand in [*meanings(form, self.gaz.candidates(form), self.gaz, entity.aliases),
                         *head_in_region(form, self.gaz)]:
                old = options.get(cand.geonames_id)
                if old is None or (old.alternate and not cand.alternate):
                    options[cand.geonames_id] = cand
        if not options:  # "Oaxaca State", "Nyanza Province": the region
            for form in forms:
                bare = ADMIN_SUFFIX.sub("", form)
                if bare != form:
                    options.update((c.geonames_id, c) for c in self.gaz.candidates(bare)
                                   if c.feature_class == "A")
        mentions = entity.mentions
        uses = {not_a_place(doc, m) for m in mentions}
        return Item(entity, list(options.values()),
                    skip=None not in uses and bool(mentions),
                    named=uses == {"name"},
                    person=bool(mentions) and all(person_like(doc, m) or speaker_like(doc, m)
                                                  for m in mentions),
                    region=abbreviated_region(entity.name, self.gaz),
                    region_words=any(region_words(doc, m) for m in mentions))

    def _patterns(self, doc: Doc, items: list[Item]) -> None:
        """"X, Y": X lies in Y; Y, when it is a place entity too, is that region. A name
        listed with regions ("Ohio, Washington and Utah") is one too."""
        at = {(m.start, m.end): it for it in items for m in it.entity.mentions}
        boxes = {k: container_after(doc, k[1], self.gaz) for k in at}
        regions = {id(it): region_country(it.options) for it in items}

        def covering(c: int) -> tuple[tuple[int, int], Item] | None:
            """The mention (its span) and the item whose mention holds character c."""
            return next(((k, v) for k, v in at.items() if k[0] <= c < k[1]), None)

        # the Y of a town's "X, Y" is no list's member ("Wilmington, Delaware, and Washington")
        ys = {y[0] for k, box in boxes.items() if box is not None and regions[id(at[k])] is None
              and {r.code for r in box.regions} & {c.admin1 for c in at[k].options}
              and (y := covering(box.start)) is not None}
        for it in items:
            for m in it.entity.mentions:
                beside = [hit[1] for c in listed_beside(doc, m) if (hit := covering(c))
                          and hit[1] is not it and hit[0] not in ys]
                it.region_of |= {c for v in beside if (c := regions[id(v)])}
                box = boxes[(m.start, m.end)]
                if box is None:
                    continue
                it.inside.append(box)
                codes = {c.admin1 for c in it.options}
                # a place the gazetteer does not know lies in the region named after it, when
                # that name means one region and no country ("CAMP MURRAY, Wash.", not
                # "Dmanisi, Georgia")
                fits = [r for r in box.regions if r.code in codes or (
                    not it.options and len(box.regions) == 1 and box.country is None)]
                if (hit := covering(box.start)) and hit[1] is not it and fits:
                    hit[1].region, hit[1].person = fits[0], False

    def _evidence(self, items: list[Item]) -> Evidence:
        ev = Evidence()
        for i, it in enumerate(items):
            if it.skip or it.person:
                continue
            if it.region is not None:
                ev.add(i, as_candidate(it.region), 2.0)
                continue
            own = [c for c in it.options if not c.alternate]
            if not own:
                continue
            ranked = sorted(own, key=prior, reverse=True)
            sure = len({c.country for c in own}) == 1
            dominant = len(ranked) == 1 or prior(ranked[0]) - prior(ranked[1]) >= 2.0
            weight = 1.0 if sure else 0.5 if dominant else 0.0
            if weight:
                ev.add(i, ranked[0], weight * min(it.entity.count, 3))
        return ev

    def score(self, i: int, item: Item, cand: Candidate, ev: Evidence) -> tuple[float, bool]:
        """A candidate's score in this article, and whether the context supports it."""
        w = self.w
        s = prior(cand, w.alternate)
        share = ev.share(i, cand.country, smooth=w.smooth)
        s += w.share * share + w.sub * ev.share(i, cand.country, sub=True, smooth=w.smooth)
        region = ev.in_region(i, cand.admin1)
        near = ev.near(i, cand)
        s += w.region * region + w.near * near
        listed = cand.country in item.region_of  # "Georgia and Florida"
        s += (w.listed if listed else w.namesake) * namesake(
            cand, item.options, item.region_words or listed)
        fits = False
        for box in item.inside:
            ok = cand.admin1 in {r.code for r in box.regions} or cand.country == box.country
            fits = fits or ok
            s += w.pattern if ok else -w.pattern
        if cand.feature_code == "PPL" and not fits and any(
                c.feature_code == "ADM1" and not c.alternate
                and cand.population < 0.1 * c.population for c in item.options):
            s -= w.state_town  # "Oregon" among states is the state, not Oregon, Ohio
        return s, fits or region or near or share >= 0.34

    def _resolve(self, i: int, item: Item, ev: Evidence) -> None:
        e = item.entity
        if item.skip:  # "Chicago Bulls" keeps its country, "Brent crude" has none
            set_place(e, None, e.country if item.named else None)
            return
        if item.region is not None:  # "PA" of "Allentown, PA" is Pennsylvania
            set_place(e, as_candidate(item.region), item.region.country)
            e.name = item.region.name
            return
        if not item.options:  # "Washington, D.C." is GeoNames' "Washington D.C.", a name
            # in full, not an exonym (read after the article's evidence, which it does not join)
            item.options = [c._replace(alternate=False) for f in sorted({e.name, *e.aliases})
                            if "," in f for c in self.gaz.candidates(f.replace(",", ""))]
        if not item.options:  # no GeoNames place of that name: its country at most
            country = e.country or next(filter(None, map(box_country, item.inside)), None)
            known = self.gaz.place(e.name)  # "Middle East", "Atlantic": no one country
            if country is None and self.w.focus_unknown and not item.person \
                    and (known is None or known.kind != "region"):
                top = max(ev.countries, key=lambda c: (ev.countries[c], c), default=None)
                if top and ev.share(i, top) >= self.w.focus_unknown:
                    country = top
            set_place(e, None, None if item.person else country)
            return
        ranked = sorted(((self.score(i, item, c, ev), c) for c in item.options),
                        key=lambda x: (-x[0][0], x[1].geonames_id))
        (best_score, support), best = ranked[0]
        focus = best.country if ev.share(i, best.country) >= 0.5 else None
        if item.person and not support and best.feature_code not in {"PCLI", "ADM1"}:
            set_place(e, None, None)
            return
        exonym = best.alternate and best.population < BIG_CITY  # "Peking" is Beijing
        if not support and (exonym or (best.feature_class == "P"
                                       and best.population < self.min_population)):
            set_place(e, None, focus)
            return
        if len(ranked) > 1:
            (second_score, _), second = ranked[1]
            close = best_score - second_score < self.margin
            if close and self._famous(i, item, ev, ranked) == best:
                set_place(e, best, best.country)  # Geneva in a US story is still Geneva
                return
            if close and apart(best, second):
                same = best.country == second.country
                set_place(e, None, best.country if same else focus)
                return
        set_place(e, best, best.country)

    def _famous(self, i: int, item: Item, ev: Evidence,
                ranked: list[tuple[tuple[float, bool], Candidate]]) -> Candidate | None:
        """The namesake that dwarfs the others (over FAMOUS people, FAMOUS_RATIO times any other
        town), when only the article's country share speaks for a smaller one: Geneva."""
        towns = sorted((c for c in item.options if c.feature_class == "P"),
                       key=lambda c: -c.population)
        if not towns or towns[0].population < FAMOUS:
            return None
        big = towns[0]
        if any(c.population * FAMOUS_RATIO > big.population for c in towns[1:]):
            return None
        rival = next((c for _, c in ranked if c.geonames_id != big.geonames_id
                      and c.country != big.country), None)
        if rival is None or rival.feature_class != "P" or self._strong(i, item, rival, ev):
            return None
        return big

    def _strong(self, i: int, item: Item, cand: Candidate, ev: Evidence) -> bool:
        """Whether the text places `cand`: "City, State", a place of its region or nearby."""
        fits = any(cand.admin1 in {r.code for r in box.regions} or cand.country == box.country
                   for box in item.inside)
        return fits or ev.in_region(i, cand.admin1) or ev.near(i, cand)


@Language.factory(
    "newsx_places_v1",
    requires=["doc._.newsx_entities"],
    assigns=["doc._.newsx_entities"],
    default_config={"min_population": MIN_POPULATION, "margin": MARGIN},
)
def make_places(nlp: Language, name: str, min_population: int, margin: float) -> PlaceResolver:
    """The newsx_places component (see newsx.nlp.places). min_population: a town smaller than
    this gets a point only when the article supports it; margin: the score by which the best
    candidate must beat one in another country or over 161 km away, else no point."""
    merger = nlp.get_pipe("newsx_entities") if "newsx_entities" in nlp.pipe_names else None
    lead = (getattr(merger, "lead_chars", LEAD_CHARS), getattr(merger, "lead_bonus", LEAD_BONUS))
    return PlaceResolver(name, min_population, margin, lead_chars=lead[0], lead_bonus=lead[1])
