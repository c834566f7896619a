"""Scoring GeoNames candidates for newsx_places: the population prior, the article's evidence
(its focus countries, regions and points), and the weights that combine them."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from newsx.nlp.gazetteer import Admin1, Candidate
from newsx.nlp.places_context import Container

NEAR_KM = 150.0
Tally = defaultdict[str, float]


def _tally() -> Tally:
    return defaultdict(float)


def _tallies() -> tuple[Tally, Tally, Tally]:
    return _tally(), _tally(), _tally()

FEATURE_BONUS = {"PCLI": 3.0, "CONT": 3.0, "PPLC": 1.5, "ADM1": -0.5, "ADM2": -1.5}


@dataclass
class Weights:
    """How much each piece of evidence adds to a candidate's score (log10 population units)."""

    share: float = 2.5  # x the share of the article's places in the candidate's country
    sub: float = 2.5  # x the same share among sub-national places only
    region: float = 3.0  # another place lies in the candidate's first-level region
    near: float = 1.5  # another place lies within NEAR_KM
    pattern: float = 10.0  # "X, Y": the candidate lies in Y (and minus this when not)
    alternate: float = 3.0  # minus this when the name is only an alternate name
    state_town: float = 4.0  # minus this for a town named like a region ten times its size
    smooth: float = 1.0  # added to the weight of the other places when taking shares
    focus_unknown: float = 0.2  # a name without candidates: the focus country from this share
    namesake: float = 2.0  # a big city over the region named like it, unless the words name
    # the region ("New York" the city; "New York state", "Governor of New York" the state)
    listed: float = 4.0  # a region of the country of the regions it is listed with
    # ("Georgia and Florida": the US state; "Crimea and Georgia": the country)


@dataclass
class Evidence:
    """What the article's places say about its focus, with each item's own share."""

    countries: Tally = field(default_factory=_tally)
    sub: Tally = field(default_factory=_tally)  # sub-national places' countries
    regions: Tally = field(default_factory=_tally)
    points: list[tuple[int, float, float]] = field(default_factory=list)  # (item, lat, lon)
    own: dict[int, tuple[Tally, Tally, Tally]] = field(default_factory=dict)

    def add(self, i: int, cand: Candidate, weight: float) -> None:
        """Count item `i`'s pick `cand` with `weight` towards the article's focus."""
        mine = self.own.setdefault(i, _tallies())
        if cand.country:
            self.countries[cand.country] += weight
            mine[0][cand.country] += weight
            if cand.feature_code not in {"PCLI", "CONT"}:
                self.sub[cand.country] += weight
                mine[1][cand.country] += weight
        if cand.admin1 and cand.feature_code != "PCLI":
            self.regions[cand.admin1] += weight
            mine[2][cand.admin1] += weight
        if cand.lat is not None and cand.lon is not None and cand.feature_class != "L" \
                and cand.feature_code != "PCLI":
            self.points.append((i, cand.lat, cand.lon))

    def share(self, i: int, country: str | None, sub: bool = False, smooth: float = 0.0) -> float:
        """The share of the other places' weight that lies in `country` (`smooth` added to
        the total, so that one other place is weaker evidence than many)."""
        table, k = (self.sub, 1) if sub else (self.countries, 0)
        own = (self.own.get(i) or _tallies())[k]
        total = sum(table.values()) - sum(own.values()) + smooth
        if not country or total <= 0:
            return 0.0
        return (table.get(country, 0.0) - own.get(country, 0.0)) / total

    def in_region(self, i: int, admin1: str | None) -> bool:
        """Whether another place of the article lies in first-level region `admin1`."""
        own = (self.own.get(i) or _tallies())[2]
        if not admin1:
            return False
        return self.regions.get(admin1, 0.0) - own.get(admin1, 0.0) > 0

    def near(self, i: int, cand: Candidate) -> bool:
        """Whether another place of the article lies within NEAR_KM of the candidate."""
        if cand.lat is None or cand.lon is None or cand.feature_code in {"PCLI", "CONT"}:
            return False
        return any(j != i and km(cand.lat, cand.lon, lat, lon) <= NEAR_KM
                   for j, lat, lon in self.points)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def prior(cand: Candidate, alternate: float = 3.0) -> float:
    """The population prior of a candidate, before any context."""
    score = math.log10(cand.population + 10) + FEATURE_BONUS.get(cand.feature_code, 0.0)
    return score - alternate if cand.alternate else score


def as_candidate(region: Admin1) -> Candidate:
    """A first-level region as a candidate."""
    return Candidate(region.geonames_id, region.country, region.code, "ADM1", region.population,
                     region.lat, region.lon, False)


NAMESAKE_CITY = 1_000_000  # a city this big is what its region's name means by default


def namesake(cand: Candidate, options: list[Candidate], region_words: bool) -> int:
    """+1 for the reading the words favour, -1 for a town against it, 0 for the rest (and
    for countries): where the words name a region ("New York state", "Ohio, Washington and
    Utah") the first-level region of that name, over the towns of its country ("Melbourne
    and Victoria" keeps its town); else the big city inside a region of its name ("New
    York", "Sao Paulo")."""
    if region_words:  # when the name can be a region of the candidate's country at all
        if not any(c.feature_code == "ADM1" and c.country == cand.country for c in options):
            return 0
        return 1 if cand.feature_code == "ADM1" else -1 if cand.feature_class == "P" else 0
    if cand.feature_code == "ADM1":
        return -1 if any(c.feature_class == "P" and c.population >= NAMESAKE_CITY
                         and c.admin1 == cand.admin1 for c in options) else 0
    if cand.feature_class == "P" and cand.population >= NAMESAKE_CITY:
        return 1 if any(c.feature_code == "ADM1" and c.admin1 == cand.admin1
                        for c in options) else 0
    return 0


def box_country(box: Container) -> str | None:
    """The one country that the Y of "X, Y" names or lies in, else None ("Punjab": India or
    Pakistan; "Georgia": the country or the US state)."""
    countries = {r.code.split(".")[0] for r in box.regions} | ({box.country} - {None})
    return countries.pop() if len(countries) == 1 else None


def apart(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates are different places to a reader: other countries, or more
    than 161 km apart (other regions when a point is missing)."""
    if a.country != b.country:
        return True
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return a.admin1 != b.admin1
    return km(a.lat, a.lon, b.lat, b.lon) > 161


def region_country(options: list[Candidate]) -> str | None:
    """The country of the first-level region a name means ("Ohio": US), or None for a city
    or a country ("Washington", "New York" have cities news means by default)."""
    if not options:
        return None
    best = max(options, key=prior)
    if best.feature_code == "ADM1" and namesake(best, options, False) == 0:
        return best.country
    return None
