"""How long loading records into SQLite and reporting over them take.

    python benchmarks/db_report.py                       # BBC records, repeated to 10,000
    python benchmarks/db_report.py --records out.jsonl --articles 100000

Runs newsx over the BBC articles once (or takes --records, output of `newsx extract -f jsonl`),
repeats those records under new ids up to --articles, then times: `newsx load` (with and without
mentions), `newsx report` on the database, `newsx report` on the JSON Lines (loaded into a
temporary database first) and the HTML page. Each figure is the best of --rounds.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgspec
from common import SHARED, write_records

from newsx.records import Record
from newsx.run.core import load_pipeline
from newsx.writers.database import load_records
from newsx.writers.page import render
from newsx.writers.report import Filters, build_report, open_source


def records(path: Path, n: int) -> list[Record]:
    decode = msgspec.json.Decoder(Record).decode
    base = [decode(line) for line in path.read_bytes().splitlines() if line.strip()]
    return [msgspec.structs.replace(base[i % len(base)], id=f"{i}-{base[i % len(base)].id}")
            for i in range(n)]


def best(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--records", type=Path, help="newsx JSON Lines (default: run newsx on BBC)")
    ap.add_argument("--corpus", type=Path, default=SHARED / "data" / "bbc" / "articles.jsonl")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = args.records
        if source is None:
            source = Path(tmp) / "records.jsonl"
            secs = write_records(load_pipeline(), args.corpus, source)
            print(f"# newsx over {args.corpus.name}: {secs:.1f}s")
        rows = records(source, args.articles)
        jsonl = Path(tmp) / "many.jsonl"
        jsonl.write_bytes(b"".join(msgspec.json.encode(r) + b"\n" for r in rows))
        mentions = sum(len(e.mentions) for r in rows for e in r.entities)
        print(f"{len(rows):,} records, {sum(len(r.entities) for r in rows):,} entity links, "
              f"{mentions:,} mentions, {jsonl.stat().st_size / 1e6:.0f} MB of JSON Lines")
        for label, with_mentions in (("load, with mentions", True),
                                     ("load, no mentions", False)):
            def load(with_mentions: bool = with_mentions) -> None:
                db = Path(tmp) / "load.db"
                for p in Path(tmp).glob("load.db*"):
                    p.unlink()
                load_records(db, rows, mentions=with_mentions)
            print(f"{label:<28} {best(args.rounds, load):6.2f}s")
        db = Path(tmp) / "load.db"
        with sqlite3.connect(db) as conn:
            report = build_report(conn, Filters(top=10))
            print(f"{'report, database':<28} "
                  f"{best(args.rounds, lambda: build_report(conn, Filters(top=10))):6.2f}s")
            print(f"{'report, one topic filter':<28} "
                  f"{best(args.rounds, lambda: build_report(conn, Filters(topic='sport'))):6.2f}s")
        print(f"{'html page':<28} {best(args.rounds, lambda: render(report)):6.2f}s")

        def from_jsonl() -> None:
            with open_source(str(jsonl)) as conn:
                build_report(conn, Filters(top=10))
        print(f"{'report, JSON Lines':<28} {best(args.rounds, from_jsonl):6.2f}s")


if __name__ == "__main__":
    main()
