"""Score newsx's quotations on PolNeAR with the project's scorer (../shared/tools/eval_quotes.py).

    python benchmarks/eval_quotes.py ../shared/data/quotes/polnear-dev.jsonl
    python benchmarks/eval_quotes.py ../shared/data/quotes/polnear-train.jsonl --out /tmp/q.jsonl
    python benchmarks/eval_quotes.py GOLD.jsonl --config min_words=8 --config reported=false

Runs newsx's pipeline (`load_pipeline()`, then the `newsx_quotes_v1` component added at its end,
until it is part of the default pipeline) over every article's text, writes one JSON Lines record
per article, {"id", "quotes", "entities"}, and prints the scorer's line. Offsets are into the
article's text as given: newsx's reflow keeps every offset.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
from spacy.language import Language

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "tools" / "eval_quotes.py"


def pipeline(config: dict[str, Any]) -> Language:
    """newsx's default pipeline with the quotation finder at its end."""
    import newsx.nlp.quotes  # noqa: F401  (registers newsx_quotes_v1)

    # newsx.run.core re-exports it (its home moves while the package is reorganised)
    load_pipeline: Callable[[], Language] = importlib.import_module(
        "newsx.run.core").load_pipeline

    nlp = load_pipeline()
    nlp.remove_pipe("newsx_quotes")
    nlp.add_pipe("newsx_quotes_v1", name="newsx_quotes", config=config, after="newsx_places")
    return nlp


def _value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def read(gold: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The first `limit` articles (all by default) of a PolNeAR file."""
    rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    return rows[:limit] if limit else rows


def write(nlp: Language, rows: list[dict[str, Any]], out: Path) -> float:
    """Records for `rows` into `out`; returns the seconds it took."""
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        docs = nlp.pipe((r["text"] for r in rows), batch_size=16)
        for row, doc in zip(rows, docs, strict=True):
            record = {"id": row["id"],
                      "quotes": msgspec.to_builtins(doc._.newsx_quotes or []),
                      "entities": msgspec.to_builtins(doc._.newsx_entities or [])}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return time.perf_counter() - start


def main() -> None:
    """Write the records of a PolNeAR file and print the scorer's figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path, help="PolNeAR JSON Lines (id, text, attributions)")
    ap.add_argument("--out", type=Path, help="where to keep the records (default: a temp file)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--config", action="append", default=[], metavar="KEY=VALUE",
                    help="a setting of newsx_quotes_v1 (min_words, reported)")
    args = ap.parse_args()
    config = {k: _value(v) for k, v in (c.split("=", 1) for c in args.config)}
    nlp = pipeline(config)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "quotes.jsonl"
        rows = read(args.gold, args.limit)
        gold = args.gold
        if args.limit:  # the scorer counts every article of its gold file
            gold = Path(tmp) / "gold.jsonl"
            gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        seconds = write(nlp, rows, out)
        print(f"{len(rows)} articles in {seconds:.1f} s", file=sys.stderr)
        subprocess.run([sys.executable, str(SCORER), str(gold), str(out)], check=True)


if __name__ == "__main__":
    main()
