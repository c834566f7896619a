"""Topic scoring variants on real text with hand labels: the web pages and GeoWebNews.

    python benchmarks/ablate_pages.py [--variants "newsx (terms + model),scale=4,side_share=0.6"]

Runs the whole pipeline once over the 138 web pages (`../shared/data/webpages/pages`, read as
`newsx extract` reads them) and GeoWebNews' 200 articles, then scores the topics again for each
variant (a `Scoring` setting of newsx_topics, as in benchmarks/ablate_topics.py) and prints
../shared/tools/eval_pages.py's figures against `benchmarks/gold/pages-labels.jsonl` and
`benchmarks/gold/geowebnews-topics.jsonl`. Neither set was ever training data; both are
development sets (docs/topics.md says which rules were checked on them).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, cast

import msgspec
from ablate_topics import settings_of
from spacy.tokens import Doc

from newsx.io.read import iter_articles
from newsx.nlp.topics import TopicScorer
from newsx.run.core import load_pipeline  # type: ignore[attr-defined, unused-ignore]

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = Path(__file__).resolve().parent / "gold"
SETS = {"pages": (SHARED / "data/webpages/pages", GOLD / "pages-labels.jsonl"),
        "geowebnews": (SHARED / "data/geo/geowebnews.jsonl", GOLD / "geowebnews-topics.jsonl")}


def texts(path: Path) -> list[tuple[str, str]]:
    """(id, text) of every article newsx reads from `path`: a page's id is its file name."""
    out = []
    for article in iter_articles([str(path)]):
        ident = article.id or ""
        if ident.endswith(".html"):
            ident = Path(ident).stem
        out.append((ident, article.text))
    return out


def record(ident: str, doc: Doc) -> dict[str, Any]:
    """The fields of a newsx record that eval_pages.py reads."""
    return {"id": ident,
            "topics": [msgspec.to_builtins(t) for t in doc._.newsx_topics],
            "categories": [msgspec.to_builtins(c) for c in doc._.newsx_categories]}


def scored(gold: Path, rows: list[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    try:
        done = subprocess.run([sys.executable, str(SHARED / "tools/eval_pages.py"), str(gold),
                               f.name], capture_output=True, text=True, check=True)
    finally:
        Path(f.name).unlink()
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def by_category(gold: Path, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Per main category of the labels: how many pages have their best category among the
    page's categories ("right/all")."""
    best = {r["id"]: max(r["categories"], key=lambda c: c["score"])["iptc"]
            for r in rows if r["categories"]}
    tally: dict[str, list[int]] = {}
    for label in map(json.loads, gold.read_text("utf-8").splitlines()):
        right = best.get(label["id"]) in label["categories"]
        count = tally.setdefault(label["main"][7:9], [0, 0])
        count[0] += right
        count[1] += 1
    return {code: f"{n}/{m}" for code, (n, m) in sorted(tally.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="newsx (terms + model)")
    ap.add_argument("--per-category", action="store_true",
                    help="also print top-1 per main category (IPTC top-level number)")
    args = ap.parse_args()
    nlp = load_pipeline()
    topics = cast(TopicScorer, nlp.get_pipe("newsx_topics"))
    shipped = topics.scoring
    docs = {name: [(i, nlp(t)) for i, t in texts(path)] for name, (path, _) in SETS.items()}
    print(f"{'variant':32} {'set':11} top1   main   prec   answ   cyber_fp")
    for variant in args.variants.split(","):
        topics.scoring = dataclasses.replace(shipped, **settings_of(variant))
        for name, (_, gold) in SETS.items():
            rows = [record(i, topics.set_topics(d)) for i, d in docs[name]]
            r = scored(gold, rows)
            print(f"{variant:32} {name:11} {r['top1']:.3f}  {r['main']:.3f}  "
                  f"{r['precision']:.3f}  {r['answered']:.3f}  {r['cyber_fp']:.3f}", flush=True)
            if args.per_category:
                print("  top-1 by main category:", json.dumps(by_category(gold, rows)))
    topics.scoring = shipped


if __name__ == "__main__":
    main()
