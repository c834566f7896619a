"""Which toponyms of a geoparsing corpus one version of newsx resolves right and another not.

    python benchmarks/eval_geo.py ../shared/data/geo/geovirus.jsonl --out /tmp/before.jsonl
    (change something)
    python benchmarks/eval_geo.py ../shared/data/geo/geovirus.jsonl --out /tmp/after.jsonl
    python benchmarks/geo_changes.py ../shared/data/geo/geovirus.jsonl /tmp/before.jsonl /tmp/after.jsonl

Prints one line per gold toponym (with a point) whose verdict changed, GAIN or LOSS: right
means what ../shared/tools/eval_geo.py counts for acc161 (a place mention overlaps it and its
entity's point lies within 161 km of the gold point), with the entity's name and GeoNames id
before and after and the words around the toponym; then the counts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from newsx.nlp.places_rank import km

Record = dict[str, Any]


def verdicts(record: Record, gold: Record) -> dict[int, tuple[bool, str]]:
    """Each gold toponym's index -> (resolved right, "name id" of the entity found)."""
    places = [(m["start"], m["end"], e) for e in record.get("entities") or []
              if e["type"] == "place" for m in e["mentions"]]
    out = {}
    for k, t in enumerate(gold["toponyms"]):
        if t.get("lat") is None:
            continue
        hit = next((e for s, end, e in places if s < t["end"] and t["start"] < end), None)
        right = hit is not None and hit.get("lat") is not None \
            and km(hit["lat"], hit["lon"], t["lat"], t["lon"]) <= 161
        out[k] = (right, f"{hit['name']} {hit.get('geonames_id')}" if hit else "-")
    return out


def main(corpus: str, before: str, after: str) -> None:
    """Prints the changed verdicts (see the module docstring)."""
    def records(path: str) -> dict[str, Record]:
        lines = Path(path).read_text("utf-8").splitlines()
        return {r["id"]: r for r in map(json.loads, lines) if r}

    old, new = records(before), records(after)
    gains = losses = 0
    for line in Path(corpus).read_text("utf-8").splitlines():
        gold = json.loads(line)
        a, b = verdicts(old[gold["id"]], gold), verdicts(new[gold["id"]], gold)
        for k in a:
            if a[k][0] == b[k][0]:
                continue
            t = gold["toponyms"][k]
            gains += b[k][0]
            losses += a[k][0]
            around = gold["text"][max(0, t["start"] - 50) : t["end"] + 30].replace("\n", " ")
            print(f"{'GAIN' if b[k][0] else 'LOSS'} {gold['id']} {t['text']!r}: {a[k][1]} -> "
                  f"{b[k][1]} | {around}")
    print(f"{gains} gained, {losses} lost")


if __name__ == "__main__":
    main(*sys.argv[1:4])
