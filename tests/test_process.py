# mypy: disable-error-code="union-attr,list-item"
"""Unix manners, checked on a real process: a closed pipe and Ctrl-C end quietly."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

NEWSX = [sys.executable, "-m", "newsx"]


def _interactive() -> None:
    """A child as a terminal starts it: Ctrl-C not ignored (a background job's shell, such as
    `nohup ... &`, starts children with SIGINT ignored, which newsx keeps, as it should)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_reader_closing_the_pipe_ends_quietly(tmp_path: Path, summit: Path):
    inputs = [str(summit)] * 200
    proc = subprocess.Popen([*NEWSX, "extract", "-f", "jsonl", "--batch-size", "1", *inputs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -n 1`
    _, err = proc.communicate(timeout=120)
    assert json.loads(first)["id"] == str(summit)
    assert proc.returncode == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err


def test_ctrl_c_exits_130_without_traceback():
    proc = subprocess.Popen([*NEWSX, "extract", "-f", "jsonl", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_interactive)
    proc.stdin.write(b'{"text": "Paris"}\n')
    proc.stdin.flush()
    time.sleep(4)  # loading the model and waiting on stdin
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err and b"interrupted" in err


def readline(stream, seconds: float) -> bytes:
    """One line, or an assertion error after `seconds` (never a hang)."""
    ready, _, _ = select.select([stream], [], [], seconds)
    assert ready, f"no line within {seconds} s"
    return stream.readline()


def test_a_stream_gets_each_record_before_the_next_article_arrives():
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen([*NEWSX, "extract", "-f", "jsonl", "-j", "1", "--batch-size", "1",
                             "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    try:
        for i, city in enumerate(["Paris", "Berlin"]):
            proc.stdin.write(json.dumps({"id": f"s{i}", "text": f"Talks in {city}."}).encode() + b"\n")
            proc.stdin.flush()
            record = json.loads(readline(proc.stdout, 60))  # stdin is still open
            assert record["id"] == f"s{i}" and record["entities"][0]["name"] == city
    finally:
        proc.stdin.close()
        proc.kill() if proc.poll() is None and proc.stdout.closed else None
        proc.wait(timeout=60)
    assert proc.returncode == 0


def test_table_reader_closing_the_pipe_ends_quietly(summit: Path):
    proc = subprocess.Popen([*NEWSX, "extract", "-f", "table", "--batch-size", "1",
                             *[str(summit)] * 50], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    readline(proc.stdout, 120)
    proc.stdout.close()  # like `| head -n 1`
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err


def test_report_table_into_a_closed_pipe_exits_0(tmp_path: Path):
    # Rich's own handler of a closed pipe exits 1; newsx's results console hands it on.
    records = tmp_path / "records.jsonl"
    names = [f"Person Number{i}" for i in range(400)]
    records.write_text("".join(json.dumps({"id": str(i), "source": "s", "entities": [
        {"type": "person", "name": n, "aliases": [n], "count": 1, "salience": 0.5,
         "country": None, "mentions": []}
        for n in names[i:i + 40]]}) + "\n" for i in range(0, 360, 4)), encoding="utf-8")
    proc = subprocess.Popen([*NEWSX, "report", str(records), "-f", "table", "--top", "400"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "COLUMNS": "100"})
    readline(proc.stdout, 120)
    proc.stdout.close()  # like `| head -n 1`
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err, err


def test_ctrl_c_under_local_dask_workers_prints_no_worker_tracebacks(tmp_path: Path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    articles = tmp_path / "many.jsonl"
    articles.write_text("".join(json.dumps({"id": str(i), "text": (
        f"Officials in Oslo met envoys from Lagos on day {i}. " * 40)}) + "\n"
        for i in range(400)), encoding="utf-8")
    proc = subprocess.Popen([*NEWSX, "extract", "-f", "jsonl", "--batch-size", "1",
                             "--scheduler", "local:2", str(articles)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=_interactive)
    readline(proc.stdout, 120)  # the workers are running
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.decode().strip().splitlines() == ["newsx: interrupted"], err
