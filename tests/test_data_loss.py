"""Bugs that lost data: each test failed before its fix."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from newsx.cli import app
from newsx.records import UniqueIds

MARKER = "Zanzibar-marker-that-breaks-the-pipeline"


def run(runner: CliRunner, args: list[str]) -> Any:
    return runner.invoke(app, args, catch_exceptions=False)


@pytest.fixture()
def breaking(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """The session's pipeline fails on any text that holds MARKER (as a bug would)."""
    kind: Any = type(nlp.get_pipe("newsx_topics"))
    call = kind.__call__

    def one(self: Any, doc: Doc) -> Doc:
        if MARKER in doc.text:
            raise RuntimeError("a bug")
        result: Doc = call(self, doc)
        return result

    def stream(self: Any, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield one(self, doc)

    monkeypatch.setattr(kind, "__call__", one)
    monkeypatch.setattr(kind, "pipe", stream)


def test_a_failed_article_is_never_cached(runner: CliRunner, breaking: None, tmp_path: Path):
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "bad", "text": f"Ministers met. {MARKER}."}) + "\n"
                        + json.dumps({"id": "good", "text": "Ministers met in Paris."}) + "\n",
                        encoding="utf-8")
    cache = tmp_path / "cache.db"
    args = ["extract", "-f", "jsonl", "--jobs", "1", "--cache", str(cache), str(articles)]
    for _ in range(2):  # the second run must fail on it again, not read an empty success
        result = run(runner, args)
        records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
        assert result.exit_code == 1
        assert records["bad"]["error"]["type"] == "ProcessingError"
        assert records["good"]["error"] is None and records["good"]["entities"]
    rows = sqlite3.connect(cache).execute("SELECT count(*) FROM results").fetchone()[0]
    assert rows == 1


def test_a_renamed_id_never_takes_an_id_the_input_already_has():
    unique = UniqueIds()
    assert [unique(i)[0] for i in ["a", "a#2", "a", "a#3", "a"]] == ["a", "a#2", "a#3", "a#3#2",
                                                                     "a#4"]


def test_articles_with_the_same_id_are_kept_apart(runner: CliRunner, tmp_path: Path):
    feed = tmp_path / "feeds.jsonl"  # two feeds that number their items 1..N
    lines = [{"id": str(i), "text": f"Story {i} of feed {f} about Paris."}
             for f in ("A", "B") for i in (1, 2, 3)]
    feed.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    db = tmp_path / "news.db"
    result = run(runner, ["extract", "-f", "jsonl", "--db", str(db), str(feed)])
    assert result.exit_code == 0
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert len(ids) == len(set(ids)) == 6 and ids[:3] == ["1", "2", "3"]
    assert "repeats" in result.stderr
    rows = sqlite3.connect(db).execute("SELECT id, title FROM articles").fetchall()
    assert len(rows) == 6
    # a file of records that repeat an id (written by hand or by an older newsx) loads whole
    records = tmp_path / "records.jsonl"
    records.write_text(result.stdout.replace('"id":"1#2"', '"id":"1"'), encoding="utf-8")
    other = tmp_path / "other.db"
    loaded = run(runner, ["load", "--db", str(other), str(records)])
    assert loaded.exit_code == 0
    assert sqlite3.connect(other).execute("SELECT count(*) FROM articles").fetchone()[0] == 6
    # loading the same records again replaces them: nothing is added twice
    run(runner, ["load", "--db", str(other), str(records)])
    assert sqlite3.connect(other).execute("SELECT count(*) FROM articles").fetchone()[0] == 6


def test_cache_with_a_missing_taxonomy_is_a_usage_error(runner: CliRunner, tmp_path: Path):
    result = runner.invoke(app, ["extract", "--cache", str(tmp_path / "c.db"), "--topics",
                                 str(tmp_path / "missing.toml"), "-"], input="Some text.\n")
    assert result.exit_code == 2, result.output
    assert "missing.toml" in result.stderr and "Traceback" not in result.output


def test_a_foreign_database_is_named_by_its_file(runner: CliRunner, tmp_path: Path):
    foreign = tmp_path / "shop.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE articles (sku TEXT)")
    conn.commit()
    conn.close()
    result = runner.invoke(app, ["extract", "--db", str(foreign), "-"], input="Some text.\n")
    assert result.exit_code == 2
    assert str(foreign) in result.stderr and "Connection object" not in result.stderr
