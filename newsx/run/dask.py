"""newsx on Dask: the same records as `--jobs 1`, from workers on any Dask cluster.

    newsx extract --scheduler local:2 news/            # a LocalCluster of 2 worker processes
    newsx extract --scheduler tcp://host:8786 's3://bucket/news/*.html' --output-dir out/

The client only plans parts (`newsx.io.parts`: names and sizes, never text). Workers read the
parts themselves and run the run core's `process` with the pipeline of their process, loaded
once (`PipelinePlugin` preloads it when a worker starts). `DaskExecutor` is an executor like
the local ones, so the outcomes (records and their warnings) come back in input order; with
--output-dir the workers write `part-NNNNN.jsonl` whole (a temporary name, then renamed, so
that a part recomputed after a lost worker replaces itself) and return counts only.
`records_bag()` gives the same to users who build their own Dask pipelines.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newsx.errors import UsageError
from newsx.io.article import Article, ReadOptions
from newsx.io.parts import Part, count_lines, numbered, plan
from newsx.records import Record, RecordFilter
from newsx.run.core import Outcome, Work, pipeline_for, process
from newsx.run.executors import Handle
from newsx.settings import BATCH_SIZE, Settings

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client

INSTALL = "pip install 'newsx[dask]'"


def require_dask() -> None:
    """A usage error that says how to install Dask, where it is missing."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        raise UsageError(f"--scheduler needs Dask: {INSTALL}") from None


def write_part(settings: Settings, work: Work, folder: str, index: int,
               batch_size: int = BATCH_SIZE, keep: RecordFilter | None = None) -> dict[str, Any]:
    """Writes the unit's records, filtered by `keep`, to `folder`/part-NNNNN.jsonl whole; its
    counts for the manifest, and its articles' warnings."""
    import fsspec
    import msgspec

    outcomes = process(settings, work, batch_size)
    name = f"part-{index:05d}.jsonl"
    fs, root = fsspec.core.url_to_fs(folder)
    final = f"{root.rstrip('/')}/{name}"
    temporary = f"{final}.{os.getpid()}.tmp"
    with fs.open(temporary, "wb") as f:
        for record, _ in outcomes:
            f.write(msgspec.json.encode(keep(record) if keep else record) + b"\n")
    fs.mv(temporary, final)
    return {"part": name, "records": len(outcomes),
            "errors": sum(r.error is not None for r, _ in outcomes),
            "warnings": [w for _, warnings in outcomes for w in warnings]}


class DaskExecutor:
    """Runs units of work on a Dask cluster (`submit`), or has workers write them as parts
    under `output_dir` (`submit_write`)."""

    def __init__(self, client: Client, settings: Settings, batch_size: int = BATCH_SIZE,
                 output_dir: str = "", keep: RecordFilter | None = None) -> None:
        self.client, self.settings, self.batch_size = client, settings, batch_size
        self.output_dir, self.keep = output_dir, keep
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))
        self.window = 4 * self.workers
        self.index = 0
        from newsx.run.dask_plugin import PipelinePlugin

        client.register_plugin(PipelinePlugin(settings))

    def submit(self, work: Work) -> Handle[list[Outcome]]:
        """Sends the unit to the cluster; its records come back."""
        handle: Handle[list[Outcome]] = self.client.submit(
            process, self.settings, work, self.batch_size, pure=False)
        return handle

    def submit_write(self, work: Work) -> Handle[dict[str, Any]]:
        """Sends the unit to the cluster; a worker writes its part under `output_dir`."""
        handle: Handle[dict[str, Any]] = self.client.submit(
            write_part, self.settings, work, self.output_dir, self.index, self.batch_size,
            self.keep, pure=False)
        self.index += 1
        return handle

    def close(self) -> None:
        """The client is closed by whoever opened it."""


def units(client: Client, paths: Iterable[str], options: ReadOptions,
          workers: int) -> Iterator[Part | Article]:
    """The parts of the inputs, line numbers of large JSON Lines files counted by workers."""
    for item in plan(paths, options, workers):
        if isinstance(item, list):
            yield from numbered(item, client.gather(client.map(count_lines, item, pure=False)))
        else:
            yield item


def local_workers(address: str) -> int | None:
    """N for `local:N`, None for a scheduler's address; a usage error for anything else."""
    if address.startswith(("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")):
        return None
    kind, _, count = address.partition(":")
    if kind == "local" and count.isdigit() and int(count) >= 1:
        return int(count)
    raise UsageError(f"--scheduler {address!r}: give local:N to start N local worker "
                     "processes (e.g. local:2), or the address of a running scheduler "
                     "(tcp://host:8786)")


@contextmanager
def cluster_client(address: str, settings: Settings | None = None) -> Iterator[Client]:
    """A client as `connect` gives it, closed (with the LocalCluster it started) at the end."""
    client, cluster = connect(address, settings)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def interrupts_ignored() -> Iterator[None]:
    """Processes started within ignore Ctrl-C, which a terminal sends to the whole process
    group: the local workers then leave it to this process, which closes them, rather than
    each printing a traceback. Outside the main thread (where signals cannot be set): as is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:  # a handler set outside Python reads as None: put the default back then
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)


def connect(address: str, settings: Settings | None = None) -> tuple[Client, Any]:
    """A client for `tcp://host:port`, or for a new LocalCluster with `local:N`, whose worker
    processes fork from this one after it has loaded the pipeline of `settings` (as --jobs
    does), so that no worker loads it again."""
    n = local_workers(address)
    require_dask()
    from distributed import Client, LocalCluster

    if n is not None:
        import dask

        if settings is not None:
            pipeline_for(settings)
        # the workers' statistical profiler samples the running thread every 10 ms: not
        # worth its CPU for newsx's long, uniform tasks
        with dask.config.set({"distributed.worker.profile.enabled": False,
                              "distributed.worker.multiprocessing-method": "fork"}), \
                interrupts_ignored():
            # the scheduler's HTTP server on a free local port: another newsx or Dask on
            # port 8787 would make it warn on stderr
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address="127.0.0.1:0", silence_logs=50)
        return Client(cluster), cluster
    try:
        return Client(address, timeout="20s"), None
    except OSError as e:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {e}. Start one "
                         "(`dask scheduler`) or use --scheduler local:N") from None


def write_manifest(output_dir: str, parts: list[dict[str, Any]], inputs: list[str]) -> None:
    """manifest.json beside the parts: each part's counts, the totals and the inputs."""
    import fsspec

    manifest = {"parts": parts, "records": sum(p["records"] for p in parts),
                "errors": sum(p["errors"] for p in parts), "inputs": inputs}
    with fsspec.open(f"{output_dir.rstrip('/')}/manifest.json", "w") as f:
        f.write(json.dumps(manifest, indent=1) + "\n")


def records_bag(
    source: Iterable[str] | dask.bag.Bag, settings: Settings | None = None,
    input_format: str = "auto", text_key: str = "text", batch_size: int = BATCH_SIZE,
) -> dask.bag.Bag:
    """A dask.bag of newsx Records: from paths, folders, globs or URLs (read by the workers),
    or from a bag of articles (dicts with "id" and "text", and optionally "title", "url",
    "date", "source"). Compute it on any scheduler; each worker process loads the pipeline
    once."""
    require_dask()
    import dask.bag as db
    from dask.delayed import delayed

    from newsx.nlp.pipeline import resolve_model

    settings = settings or Settings(resolve_model(None))
    if isinstance(source, db.Bag):
        bag: dask.bag.Bag = source.map_partitions(_records_of_dicts, settings, batch_size)
        return bag
    tasks = []
    for item in plan(source, ReadOptions(input_format, text_key)):
        if isinstance(item, list):  # line numbers counted by the workers, in the graph
            ranges = delayed(numbered)(item, [delayed(count_lines)(p) for p in item])
            tasks += [delayed(_records)(settings, ranges[i], batch_size) for i in range(len(item))]
        else:
            tasks.append(delayed(_records)(settings, item, batch_size))
    records: dask.bag.Bag = db.from_delayed(tasks)
    return records


def _records(settings: Settings, work: Work, batch_size: int) -> list[Record]:
    return [record for record, _ in process(settings, work, batch_size)]


def _records_of_dicts(rows: Iterable[dict[str, Any]], settings: Settings,
                      batch_size: int) -> list[Record]:
    items = [Article(str(r["id"]), str(r.get("source", "bag")), str(r.get("text") or ""),
                     r.get("title"), r.get("url"), r.get("date")) for r in rows]
    return _records(settings, items, batch_size)
