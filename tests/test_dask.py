# mypy: disable-error-code="union-attr"
"""newsx on Dask: a LocalCluster of 2 worker processes, the same records as one process."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from newsx import api
from newsx.cli import app
from newsx.io.parts import MIN_BLOCK, Part
from newsx.nlp.pipeline import resolve_model
from newsx.settings import Settings

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from newsx.run import dask as cluster  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address="127.0.0.1:0", silence_logs=40) as local, \
            distributed.Client(local) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Text, HTML, a broken JSON Lines file and one large enough to be cut in byte ranges,
    with lines that have no id (their id is file:line, which the ranges must get right)."""
    folder = tmp_path_factory.mktemp("corpus")
    data = Path(__file__).parent / "data"
    for name in ("business.txt", "sport.txt", "page.html", "broken.jsonl"):
        (folder / name).write_bytes((data / name).read_bytes())
    lines = []
    for i in range(400):
        text = (f"Report {i}: Chancellor Olaf Scholz met President Emmanuel Macron in Paris, and "
                "the two leaders agreed on arms control and trade. " * 3)
        row = {"text": text} if i % 3 else {"id": f"story-{i}", "text": text}
        lines.append(json.dumps(row))
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n")
    assert (folder / "wire.jsonl").stat().st_size > 2 * MIN_BLOCK
    return folder


def encoded(records: list) -> list[bytes]:
    return [msgspec.json.encode(r) for r in records]


def test_same_records_as_one_process(client, nlp, corpus: Path):
    options = api.ExtractOptions(scheduler=client.scheduler.address)
    got = list(api.extract([str(corpus)], options, warn=lambda m: None))
    want = list(api.extract([str(corpus)], api.ExtractOptions(jobs=1), warn=lambda m: None))
    assert len(got) == len(want) > 400
    assert encoded(got) == encoded(want)
    assert any(r.id == f"{corpus}/wire.jsonl:399" for r in got)  # a late line, counted right
    assert any(r.error is not None for r in got)  # the broken file's lines


def test_output_dir_holds_every_record_once(client, corpus: Path, tmp_path: Path, runner):
    out = tmp_path / "parts"
    address = client.scheduler.address
    keep = ["-t", "person,place", "--no-mentions"]  # the workers filter as stdout does
    result = runner.invoke(app, ["extract", "--scheduler", address, str(corpus),
                                 "--output-dir", str(out), *keep])
    assert result.exit_code == 1  # the broken file's lines are error records
    manifest = json.loads((out / "manifest.json").read_text())
    lines = [line for p in manifest["parts"] for line in (out / p["part"]).read_bytes()
             .splitlines()]
    ids = [json.loads(line)["id"] for line in lines]
    assert len(ids) == len(set(ids)) == manifest["records"]
    local = runner.invoke(app, ["extract", "-f", "jsonl", "-j", "1", str(corpus), *keep])
    assert sorted(lines) == sorted(local.stdout.encode().splitlines())
    entities = [e for line in lines for e in json.loads(line)["entities"]]
    assert entities and all(e["type"] != "organisation" and not e["mentions"] for e in entities)
    # a part computed again (a lost worker's task) replaces itself: no duplicates
    settings = Settings(resolve_model(None))
    part = Part(files=(str(corpus / "business.txt"),))
    for _ in range(2):
        client.submit(cluster.write_part, settings, part, str(out), 0, pure=False).result()
    assert len((out / "part-00000.jsonl").read_bytes().splitlines()) == 1
    assert not list(out.glob("*.tmp"))


def test_stdout_in_input_order(client, corpus: Path, runner):
    address = client.scheduler.address
    dask = runner.invoke(app, ["extract", "-f", "jsonl", "--scheduler", address, str(corpus)])
    local = runner.invoke(app, ["extract", "-f", "jsonl", "-j", "1", str(corpus)])
    assert dask.stdout == local.stdout and dask.exit_code == local.exit_code == 1


def test_records_bag_from_paths_and_from_a_bag(client, corpus: Path):
    import dask.bag as db

    records = cluster.records_bag([str(corpus / "wire.jsonl")]).compute()
    assert [r.id for r in records[:3]] == ["story-0", f"{corpus}/wire.jsonl:2",
                                           f"{corpus}/wire.jsonl:3"]
    rows = [{"id": "a", "text": "Joe Biden met Vladimir Putin in Geneva."},
            {"id": "b", "text": "Hackers used ransomware against the hospital network."}]
    out = cluster.records_bag(db.from_sequence(rows, npartitions=2)).compute()
    assert [r.id for r in out] == ["a", "b"]
    assert "Vladimir Putin" in {e.name for e in out[0].entities}
    assert out[1].topics[0].id == "cybersecurity"


@pytest.mark.parametrize("args, message", [
    (["--scheduler", "local:2", "--cache", "c.sqlite"], "--cache is a SQLite file"),
    (["--output-dir", "parts"], "--output-dir goes with --scheduler"),
    (["--scheduler", "local:two"], "give local:N"),
    (["--scheduler", "local"], "give local:N"),
    (["--scheduler", "4"], "give local:N"),
    (["--scheduler", "local:1", "--output-dir", "p", "--db", "n.db"], "newsx load"),
])
def test_what_dask_cannot_do_is_a_usage_error(runner, corpus: Path, args, message):
    result = runner.invoke(app, ["extract", str(corpus), *args])
    assert result.exit_code == 2 and message in result.output


def test_local_cluster_from_the_command_line(runner, data: Path):
    """local:2 starts workers forked from a process that has loaded the pipeline. Run as its
    own process, as a user runs it: forking this test process, whose module cluster's client
    threads are running, can deadlock."""
    args = [str(data / "business.txt"), str(data / "sport.txt")]
    dask = subprocess.run([sys.executable, "-m", "newsx", "extract", "-f", "jsonl", "-q",
                           "--scheduler", "local:2", *args], capture_output=True, text=True,
                          timeout=300)
    local = runner.invoke(app, ["extract", "-f", "jsonl", "-j", "1", *args])
    assert dask.returncode == 0, dask.stderr
    assert dask.stdout == local.stdout


def test_a_local_cluster_says_nothing_when_port_8787_is_taken() -> None:
    """Another Dask or newsx run holds the dashboard's usual port: newsx's own local
    cluster takes a free port and prints no warning (stderr carries only newsx's words)."""
    import socket
    import warnings

    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", 8787))
        holder.listen()
    except OSError:
        pass  # already taken by something else: the case itself
    try:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            with cluster.cluster_client("local:1") as c:
                assert c.submit(sum, [1, 2]).result(timeout=60) == 3
        assert not [w for w in seen if "8787" in str(w.message)], [str(w.message) for w in seen]
    finally:
        holder.close()
