"""Why toponyms of a geoparsing corpus are not found as places: what newsx made of each one.

    python benchmarks/eval_geo.py ../shared/data/geo/geowebnews.jsonl --out /tmp/gwn.jsonl
    python benchmarks/geo_misses.py ../shared/data/geo/geowebnews.jsonl /tmp/gwn.jsonl

Prints one JSON line counting the gold toponyms (with a point) that no place mention overlaps:
`person` and `organisation` (a mention of that type overlaps it; `inside_name` of those: the
mention is longer than the toponym, as "Illinois" in "Illinois Department of Public Health"),
`demonym` (no mention; the gazetteer lists the word as a demonym: "Irish", "Syrian") and
`nothing` (no mention at all). A mention of any other type counts as `other`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from newsx.nlp.gazetteer import gazetteer, key


def misses(corpus: str, pred: str) -> Counter[str]:
    """The counts described in the module docstring."""
    records = {r["id"]: r for r in map(json.loads, Path(pred).read_text("utf-8").splitlines())}
    demonyms = gazetteer().demonyms
    out: Counter[str] = Counter()
    for gold in map(json.loads, Path(corpus).read_text("utf-8").splitlines()):
        spans = [(m["start"], m["end"], e["type"]) for e in records[gold["id"]]["entities"]
                 for m in e["mentions"]]
        for t in gold["toponyms"]:
            if t.get("lat") is None:
                continue
            hits = [h for h in spans if h[0] < t["end"] and t["start"] < h[1]]
            if any(kind == "place" for _, _, kind in hits):
                continue
            if not hits:
                out["demonym" if key(t["text"]) in demonyms else "nothing"] += 1
                continue
            start, end, kind = hits[0]
            out[kind if kind in {"person", "organisation"} else "other"] += 1
            if end - start > t["end"] - t["start"] + 4:
                out["inside_name"] += 1
    return out


if __name__ == "__main__":
    print(json.dumps(dict(sorted(misses(sys.argv[1], sys.argv[2]).items()))))
