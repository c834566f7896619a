# mypy: disable-error-code="union-attr"
"""The SQLite database (--db, `newsx load`) and `newsx report`."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from fakes import fake_records
from typer.testing import CliRunner

from newsx.cli import app
from newsx.records import Entity, Record
from newsx.writers.database import entity_id, load_records


def write_jsonl(records: list[Record], path: Path) -> Path:
    path.write_bytes(b"".join(msgspec.json.encode(r) + b"\n" for r in records))
    return path


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0]
                for t in ("articles", "entities", "article_entities", "mentions", "topics",
                          "article_topics", "categories", "article_categories")}


def test_tables_match_the_records_and_a_second_load_adds_nothing(runner, tmp_path: Path):
    records = fake_records(120)
    source = write_jsonl(records, tmp_path / "records.jsonl")
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["load", str(source), "--db", str(db), "--batch-size", "25"])
    assert result.exit_code == 0, result.output
    first = counts(db)
    assert first["articles"] == 120
    assert first["entities"] == len({entity_id(e) for r in records for e in r.entities})
    assert first["article_entities"] == sum(len(r.entities) for r in records)
    assert first["mentions"] == sum(len(e.mentions) for r in records for e in r.entities)
    assert first["article_topics"] == sum(len(r.topics) for r in records)
    # Georgia, US and Georgia, GE are two places
    with sqlite3.connect(db) as conn:
        georgias = conn.execute("select country from entities where name = 'Georgia'").fetchall()
        assert sorted(georgias) == [("GE",), ("US",)]
        fts = conn.execute("select count(*) from articles_fts where articles_fts match 'Turing'")
        assert fts.fetchone()[0] == sum("Turing" in (r.title or "") for r in records)
        assert conn.execute("pragma foreign_key_check").fetchall() == []
    runner.invoke(app, ["load", str(source), "--db", str(db)])
    assert counts(db) == first
    # an article written again with fewer entities loses the old links
    changed = msgspec.structs.replace(records[0], entities=[])
    load_records(db, [changed])
    assert counts(db)["article_entities"] == first["article_entities"] - len(records[0].entities)


def test_a_run_stopped_mid_way_leaves_whole_batches(tmp_path: Path):
    db = tmp_path / "news.db"

    def stream() -> Iterator[Record]:
        for i, record in enumerate(fake_records(50)):
            if i == 33:
                raise KeyboardInterrupt  # as Ctrl-C would
            yield record

    with pytest.raises(KeyboardInterrupt):
        load_records(db, stream(), batch_size=10)
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        ids = {r[0] for r in conn.execute("select id from articles")}
    assert ids == {f"a{i}" for i in range(30)}


def test_extract_db_matches_its_jsonl(runner, nlp, data: Path, summit: Path, tmp_path: Path):
    db = tmp_path / "news.db"
    args = [str(data / "business.txt"), str(data / "sport.txt"), str(summit)]
    out = runner.invoke(app, ["extract", "-f", "jsonl", "--db", str(db), *args])
    assert out.exit_code == 0, out.output
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert counts(db)["articles"] == len(records) == 3
    assert counts(db)["article_entities"] == sum(len(r["entities"]) for r in records)
    # no --format: nothing on stdout; with the cache, again no duplicates
    cache = str(tmp_path / "cache.sqlite")
    for _ in range(2):
        quiet = runner.invoke(app, ["extract", "--db", str(db), "--cache", cache, *args])
        assert quiet.exit_code == 0 and quiet.stdout == "" and counts(db)["articles"] == 3
    with sqlite3.connect(db) as conn:
        paris = conn.execute("select geonames_id, lat, lon from entities "
                             "where id = 'place/FR/Paris'").fetchone()
    assert paris is None or (paris[0] == 2988507 and abs(paris[1] - 48.85) < 0.1)


def expected_report(records: list[Record], top: int) -> dict:
    ok = [r for r in records if r.error is None]
    arts: Counter = Counter()
    mentions: Counter = Counter()
    for r in ok:
        for e in r.entities:
            arts[(e.type, e.name, e.country)] += 1
            mentions[(e.type, e.name, e.country)] += e.count
    topics = Counter(t.id for r in ok for t in r.topics)
    return {"articles": len(ok), "entities": arts, "mentions": mentions, "topics": topics}


def test_report_counts_agree_with_the_records(runner, tmp_path: Path):
    records = fake_records(300, seed=1)
    source = write_jsonl(records, tmp_path / "records.jsonl")
    db = tmp_path / "news.db"
    load_records(db, records)
    want = expected_report(records, 50)
    for args in ([str(db)], [str(source)], ["-"]):
        kw = {"input": source.read_bytes()} if args == ["-"] else {}
        out = runner.invoke(app, ["report", *args, "-f", "json", "--top", "50"], **kw)
        assert out.exit_code == 0, out.output
        got = json.loads(out.stdout)
        assert got["articles"] == want["articles"]
        for e in got["entities"]:
            k = (e["type"], e["name"], e["country"])
            assert (e["articles"], e["mentions"]) == (want["entities"][k], want["mentions"][k])
        assert {t["id"]: t["articles"] for t in got["topics"]} == dict(want["topics"])
        pair = got["pairs"][0]
        together = sum(1 for r in records if r.error is None
                       and {pair["a"], pair["b"]} <= {e.name for e in r.entities})
        assert pair["articles"] == together
        assert sum(d["articles"] for d in got["dates"]) == sum(
            1 for r in records if r.error is None and r.date)


def test_report_leaves_out_names_only_in_bylines(runner, tmp_path: Path):
    records = fake_records(30, seed=3)
    reporter = Entity("person", "Rita Reporter", ["Rita Reporter"], 1, 0.0, None, [])
    records = [msgspec.structs.replace(r, entities=[*r.entities, reporter]) for r in records]
    db = tmp_path / "news.db"
    load_records(db, records)
    out = json.loads(runner.invoke(app, ["report", str(db), "-f", "json", "-n", "50"]).stdout)
    assert "Rita Reporter" not in {e["name"] for e in out["entities"]}
    assert "Rita Reporter" not in {p[k] for p in out["pairs"] for k in ("a", "b")}
    assert out["entities"]  # the others are there


def test_report_filters(runner, tmp_path: Path):
    records = fake_records(200, seed=2)
    db = tmp_path / "news.db"
    load_records(db, records)

    def report(*args: str) -> dict:
        out = runner.invoke(app, ["report", str(db), "-f", "json", *args])
        assert out.exit_code == 0, out.output
        return json.loads(out.stdout)

    people = report("-t", "person", "-n", "3")
    assert {e["type"] for e in people["entities"]} == {"person"} and len(people["entities"]) == 3
    sport = report("--topic", "sport")
    assert sport["articles"] == sum(1 for r in records if r.error is None
                                    and any(t.id == "sport" for t in r.topics))
    feb = report("--since", "2024-02-01", "--until", "2024-02-28")
    assert feb["articles"] == sum(1 for r in records if r.error is None and r.date
                                  and r.date.startswith("2024-02"))
    bad = runner.invoke(app, ["report", str(db), "--since", "last week"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    table = runner.invoke(app, ["report", str(db), "-f", "table"])
    assert "People" in table.stdout and "Together in articles" in table.stdout
    rows = runner.invoke(app, ["report", str(db), "-f", "csv"]).stdout.splitlines()
    assert rows[0].startswith("section,type,name,country,articles")
    assert any(r.startswith("pairs,") for r in rows)


def test_load_refuses_what_is_not_a_record(runner, tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "source": "s"}\n{"nope": 1}\n')
    out = runner.invoke(app, ["load", str(bad), "--db", str(tmp_path / "n.db")])
    assert out.exit_code == 2 and "bad.jsonl, line 2: not a newsx record" in out.output


def test_a_killed_load_leaves_a_database_that_opens(tmp_path: Path):
    """SIGKILL while newsx waits for more records: the batches written are whole."""
    import os
    import signal
    import subprocess
    import sys
    import time

    db = tmp_path / "news.db"
    proc = subprocess.Popen([sys.executable, "-m", "newsx", "load", "--db", str(db),
                             "--batch-size", "10"], stdin=subprocess.PIPE)
    assert proc.stdin is not None
    proc.stdin.write(b"".join(msgspec.json.encode(r) + b"\n" for r in fake_records(25)))
    proc.stdin.flush()  # two batches can be written; five records wait for more
    seen, deadline = 0, time.time() + 30
    while seen < 20 and time.time() < deadline:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db) as conn:
                seen = conn.execute("select count(*) from articles").fetchone()[0]
        except sqlite3.Error:
            pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        assert conn.execute("select count(*) from articles").fetchone()[0] == 20
        assert conn.execute("select count(distinct article_id) from article_entities "
                            "where article_id not in (select id from articles)").fetchone() == (0,)


@pytest.mark.parametrize("version", ["1", "2"])
def test_an_older_database_is_upgraded_and_keeps_its_rows(tmp_path: Path, version: str):
    db = tmp_path / "old.db"
    first, second = fake_records(2)
    load_records(db, [first])
    with sqlite3.connect(db) as conn:  # make it the older schema newsx once wrote
        conn.execute("ALTER TABLE articles DROP COLUMN skipped")
        if version == "1":
            conn.execute("ALTER TABLE articles DROP COLUMN authors")
            conn.execute("DROP TABLE quotes")
        conn.execute("UPDATE newsx SET value = ? WHERE key = 'schema'", [version])
    load_records(db, [msgspec.structs.replace(second, skipped="its language (de) ...",
                                              authors=["A. Writer"])])
    with sqlite3.connect(db) as conn:
        assert conn.execute("select value from newsx where key = 'schema'").fetchone() == ("3",)
        rows = conn.execute("select id, skipped, authors from articles order by id").fetchall()
        assert conn.execute("select count(*) from quotes").fetchone()[0] >= 0
    assert [r[0] for r in rows] == sorted([first.id, second.id])
    assert ("its language (de) ...", '["A. Writer"]') in [r[1:] for r in rows]
    report = json.loads(CliRunner().invoke(app, ["report", str(db), "-f", "json"]).stdout)
    assert report["articles"] == 1  # the skipped article is not counted



def test_places_carry_geonames_points(nlp):
    doc = nlp("President Macron spoke in Paris on Monday about the future of Europe.")
    places = {e.name: e for e in doc._.newsx_entities if e.type == "place"}
    paris = places["Paris"]
    assert paris.geonames_id == 2988507 and paris.admin1 == "FR.11"
    assert abs(paris.lat - 48.85) < 0.05 and abs(paris.lon - 2.35) < 0.05
    assert places["Europe"].geonames_id == 6255148  # a continent: GeoNames' own id and point


def test_the_page_keeps_every_chart_without_dates_or_pairs(tmp_path: Path):
    from newsx.writers.page import render
    from newsx.writers.report import Filters, build_report

    records = [msgspec.structs.replace(r, date=None) for r in fake_records(30)]
    db = tmp_path / "news.db"
    load_records(db, records)
    with sqlite3.connect(db) as conn:
        page = render(build_report(conn, Filters()))
    assert page.count('<svg class="chart"') == 8
    assert "not enough dated articles" in page
    assert "http://" not in page and "https://" not in page  # nothing to fetch
