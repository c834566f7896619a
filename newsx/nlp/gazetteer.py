"""Offline name lists: places with their ISO country, and well-known organisations.

Two views of places:
- `Gazetteer.place(name)`: the one best `Place` of a name (places.tsv), for typing names and
  giving a place its country;
- `Gazetteer.candidates(name)`: every GeoNames place the name can mean (`Candidate`, from
  candidates.tsv), for resolving a place in context (newsx/nlp/places.py); and
  `Gazetteer.admin1(code)` / `Gazetteer.admin1_named(name)` for first-level regions.
candidates.tsv is read on first use and searched by bisection on its sorted lines, so that
loading the gazetteer costs nothing more for a pipeline that never resolves a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from newsx.nlp.assets import asset, load_toml

_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.I)


def key(text: str) -> str:
    """Lookup key of a name: case-folded, single spaces, no leading "the"."""
    return _LEADING_THE.sub("", _SPACE.sub(" ", text.strip())).casefold()


class Place(NamedTuple):
    """The best entry of a name: a country, state, city, region or district."""

    name: str
    country: str | None
    kind: str  # country, state, city, region
    population: int = 0
    geonames_id: int | None = None
    lat: float | None = None  # a city's GeoNames point; a country's or state's reference point
    lon: float | None = None
    admin1: str | None = None  # GeoNames first-level region code, "US.CA"


ADMIN_CODES = frozenset({"PCLI", "ADM1", "ADM2"})


class Candidate(NamedTuple):
    """One GeoNames place a name can mean."""

    geonames_id: int
    country: str | None  # ISO 3166-1 alpha-2; None for a continent
    admin1: str | None  # GeoNames first-level region code, "US.CA"
    feature_code: str  # GeoNames feature code: PCLI, ADM1, ADM2, CONT, PPLC, PPL
    population: int  # 0 when unknown; a region's is the sum of its towns'
    lat: float | None  # None for a region without a point here
    lon: float | None
    alternate: bool  # the name is only an alternate name of it (exonym, old name, code)

    @property
    def feature_class(self) -> str:
        """GeoNames feature class: A (country, region), P (populated place), L (continent)."""
        return "A" if self.feature_code in ADMIN_CODES else "L" if self.feature_code == "CONT" \
            else "P"


class Admin1(NamedTuple):
    """A first-level region (state, province): GeoNames code "US.PA", name, ISO suffix "PA"."""

    code: str
    name: str
    abbrev: str
    geonames_id: int
    lat: float | None
    lon: float | None
    population: int

    @property
    def country(self) -> str:
        """The region's country (ISO 3166-1 alpha-2)."""
        return self.code.split(".")[0]


MISSING_KEPT = 100_000  # names remembered as not in places.tsv


class Gazetteer:
    """Places (name -> Place), their GeoNames candidates, and organisations (alias -> canonical
    name)."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.rows = b""  # places.tsv, its lines found by bisection and parsed on demand
        self.missing: set[str] = set()  # names looked up and not there
        self.country_names: dict[str, str] = {}
        self.orgs: dict[str, str] = {}
        self.org_forms: dict[str, str] = {}  # exact surface form -> canonical, for matching
        self.ambiguous: set[str] = set()
        self.not_entities: set[str] = set()  # keys of words never a name alone, any case
        self.exact_not_entities: set[str] = set()  # the same, only as written ("AI", not "Ai")
        self.demonyms: set[str] = set()
        self.country_forms: set[str] = set()  # the curated names of countries, as written
        self._candidates: bytes | None = None
        self._admin1: dict[str, Admin1] | None = None
        self._admin1_names: dict[str, list[Admin1]] = {}
        self._country_codes: set[str] | None = None
        self._load_places()
        self._load_orgs()

    def _load_places(self) -> None:
        # rows stay bytes until looked up (their lines are sorted by case-folded name):
        # splitting and indexing 50,000 of them would slow every start
        self.rows = asset("gazetteer/places.tsv").read_bytes()
        for line in _lines_with(self.rows, b"\tcountry\t", after=self.rows.find(b"\n")):
            place = _parse_row(line)
            old = self.country_names.get(place.country or "")
            if old is None or len(place.name) < len(old):
                self.country_names[place.country or ""] = place.name
            self.places[place.name.casefold()] = place
        extra = load_toml(asset("gazetteer/places.toml"))
        points = {p.country: p for p in self.places.values() if p.kind == "country"}
        for code, entry in extra["countries"].items():
            self.country_names[code] = entry["name"]
            for name in [entry["name"], *entry["aliases"]]:
                self.places[key(name)] = Place(entry["name"], code, "country")
                self.country_forms.add(name)
        # every country row now points at the canonical country name, with its point
        for k, place in list(self.places.items()):
            if place.kind == "country" and place.country:
                point = points.get(place.country)
                self.places[k] = Place(self.country_names[place.country], place.country,
                                       "country", *(point[3:] if point else ()))
        for kind in ("region", "state"):
            for name, code in extra[kind + "s"].items():
                self.places[key(name)] = Place(name, code or None, kind)

    def _load_orgs(self) -> None:
        data = load_toml(asset("gazetteer/orgs.toml"))
        self.ambiguous = set(data.get("ambiguous", []))
        stop = load_toml(asset("gazetteer/not_entities.toml"))
        demonyms = stop["demonyms"]
        self.demonyms = {key(w) for w in demonyms}
        plurals = [w + "s" for w in demonyms if not w.endswith(("sh", "ch", "ese", "s", "i"))]
        self.not_entities = {key(w) for w in [*stop["words"], *demonyms, *plurals]}
        self.exact_not_entities = set(stop["exact"])
        for name, aliases in data["orgs"].items():
            for form in [name, *aliases]:
                self.orgs[key(form)] = name
                self.org_forms[form] = name

    def place(self, text: str) -> Place | None:
        """The best entry of a name, or None."""
        k = key(text)
        place = self.places.get(k)
        if place is None and k not in self.missing:
            row = _find_line(self.rows, k.encode("utf-8"), casefold=True)
            if row is None:
                if len(self.missing) > MISSING_KEPT:
                    self.missing.clear()  # a long run's names never fill the memory
                self.missing.add(k)
            else:
                place = self.places[k] = _parse_row(row)
        if place is not None and place.kind == "city" and len(text) == 2 and text.isupper() \
                and place.name.casefold() == k:
            return None  # "WA" and "PA" are codes, not the towns Wa (Ghana) and Pa (China)
        return place

    def org(self, text: str) -> str | None:
        """The canonical name of an organisation alias, or None."""
        return self.orgs.get(key(text))

    def candidates(self, text: str) -> list[Candidate]:
        """Every GeoNames place `text` can mean: own names first, then countries, continents
        and regions, then by population."""
        if self._candidates is None:
            self._candidates = asset("gazetteer/candidates.tsv").read_bytes()
        line = _find_line(self._candidates, key(text).encode("utf-8"))
        return [_parse_candidate(c) for c in line.split(";")] if line else []

    def admin1(self, code: str) -> Admin1 | None:
        """The first-level region with this GeoNames code ("US.PA"), or None."""
        return self._load_admin1().get(code)

    def admin1_named(self, text: str) -> list[Admin1]:
        """Regions that `text` names: "Pennsylvania", or its ISO suffix "PA" / "NSW"."""
        self._load_admin1()
        return self._admin1_names.get(key(text), [])

    def not_entity(self, name: str) -> bool:
        """Whether a name is a word that is never a person, place or organisation on its own
        (not_entities.toml: its `words` and demonyms in any case, its `exact` as written)."""
        return key(name) in self.not_entities or name.strip() in self.exact_not_entities

    def country_codes(self) -> set[str]:
        """The ISO codes of the countries with first-level regions ("AU", "SA", "NL")."""
        if self._country_codes is None:
            self._country_codes = {code[:2] for code in self._load_admin1()}
        return self._country_codes

    def _load_admin1(self) -> dict[str, Admin1]:
        if self._admin1 is None:
            self._admin1 = {}
            lines = asset("gazetteer/admin1.tsv").read_text(encoding="utf-8").splitlines()
            for line in lines[1:]:
                code, name, abbrev, gid, lat, lon, pop = line.split("\t")
                a = Admin1(code, name, abbrev, int(gid), float(lat) if lat else None,
                           float(lon) if lon else None, int(pop or 0))
                self._admin1[code] = a
                for k in {key(name), abbrev.casefold()} - {""}:
                    self._admin1_names.setdefault(k, []).append(a)
        return self._admin1


def _parse_row(line: str) -> Place:
    name, code, kind, population, geonames_id, lat, lon, admin1 = line.split("\t")
    return Place(name, code, kind, int(population or 0), int(geonames_id) if geonames_id else None,
                 float(lat) if lat else None, float(lon) if lon else None, admin1 or None)


def _lines_with(data: bytes, part: bytes, after: int = 0) -> Iterator[str]:
    """The lines of `data` after offset `after` that hold `part`."""
    at = data.find(part, after)
    while at >= 0:
        start, end = data.rfind(b"\n", 0, at) + 1, data.find(b"\n", at)
        end = len(data) if end < 0 else end
        yield data[start:end].decode("utf-8")
        at = data.find(part, end)


def _find_line(data: bytes, k: bytes, casefold: bool = False) -> str | None:
    """By bisection: the value of key `k` in sorted "key TAB value" lines; with `casefold`,
    the whole line whose case-folded first field is `k`, in lines sorted by that (after a
    header line)."""
    lo, hi = (data.find(b"\n") + 1 if casefold else 0), len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        start = max(data.rfind(b"\n", 0, mid) + 1, lo)
        tab = data.find(b"\t", start)
        here = data[start:tab]
        if casefold:
            here = here.decode("utf-8").casefold().encode("utf-8")
        if here == k:
            end = data.find(b"\n", tab)
            return data[start if casefold else tab + 1 : end if end >= 0 else len(data)].decode(
                "utf-8")
        if here < k:
            nxt = data.find(b"\n", tab)
            lo = nxt + 1 if nxt >= 0 else len(data)
        else:
            hi = start
    return None


def _parse_candidate(text: str) -> Candidate:
    gid, cc, a1, fcode, pop, lat, lon, how = text.split(",")
    return Candidate(int(gid), cc or None, f"{cc}.{a1}" if a1 else None, fcode, int(pop or 0),
                     float(lat) if lat else None, float(lon) if lon else None, how == "a")


@cache
def gazetteer() -> Gazetteer:
    """The process's one gazetteer."""
    return Gazetteer()
