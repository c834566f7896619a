"""Offline name lists: places with their ISO country, and well-known organisations."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from newsx.nlp.assets import asset, load_toml

_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.I)


def key(text: str) -> str:
    """Lookup key of a name: case-folded, single spaces, no leading "the"."""
    return _LEADING_THE.sub("", _SPACE.sub(" ", text.strip())).casefold()


class Place(NamedTuple):
    name: str
    country: str | None
    kind: str  # country, state, city, region
    population: int = 0
    geonames_id: int | None = None
    lat: float | None = None  # a city's point; a country's or state's population centre
    lon: float | None = None
    admin1: str | None = None  # GeoNames first-level region code, "US.CA"


class Gazetteer:
    """Places (name -> Place) and organisations (alias -> canonical name)."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.rows: dict[str, str] = {}  # places.tsv lines by case-folded name, parsed on demand
        self.country_names: dict[str, str] = {}
        self.orgs: dict[str, str] = {}
        self.org_forms: dict[str, str] = {}  # exact surface form -> canonical, for matching
        self.ambiguous: set[str] = set()
        self.not_entities: set[str] = set()
        self.demonyms: set[str] = set()
        self._load_places()
        self._load_orgs()

    def _load_places(self) -> None:
        # rows stay text until looked up: parsing 50,000 of them would slow every start
        lines = asset("gazetteer/places.tsv").read_text(encoding="utf-8").splitlines()
        self.rows = {line[: line.index("\t")].casefold(): line for line in lines[1:]}
        for line in lines[1:]:
            if "\tcountry\t" in line:
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
        for name, aliases in data["orgs"].items():
            for form in [name, *aliases]:
                self.orgs[key(form)] = name
                self.org_forms[form] = name

    def place(self, text: str) -> Place | None:
        k = key(text)
        place = self.places.get(k)
        if place is None and k in self.rows:
            place = self.places[k] = _parse_row(self.rows[k])
        return place

    def org(self, text: str) -> str | None:
        return self.orgs.get(key(text))


def _parse_row(line: str) -> Place:
    name, code, kind, population, geonames_id, lat, lon, admin1 = line.split("\t")
    return Place(name, code, kind, int(population or 0), int(geonames_id) if geonames_id else None,
                 float(lat) if lat else None, float(lon) if lon else None, admin1 or None)


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
