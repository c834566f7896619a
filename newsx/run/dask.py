"""newsx on Dask: the same records as `--jobs 1`, from workers on any Dask cluster.

    newsx extract --scheduler local:2 news/            # a LocalCluster of 2 worker processes
    newsx extract --scheduler tcp://host:8786 's3://bucket/news/*.html' --output-dir out/

The client only lists inputs (names and sizes, never their text) and plans parts: a group of
files, or a line-aligned byte range of a JSON Lines file, whose first line number is counted
by a small task first (so that ids such as `file.jsonl:1234` match a local run). Workers read
the inputs themselves (local paths or any fsspec URL), run newsx's pipeline, loaded once per
worker process (`newsx.run.dask_plugin.PipelinePlugin` preloads it when a worker starts), and
either return records, which the client writes in input order, or write `part-NNNNN.jsonl`
under --output-dir themselves (whole: written to a temporary name, then renamed, so that a
part recomputed after a lost worker replaces itself) and return only counts for the manifest.

`records_bag()` gives the same to users who build their own Dask pipelines.
"""

from __future__ import annotations

import glob
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsx.errors import UsageError
from newsx.io.read import EXTENSIONS, Article
from newsx.records import Error, Record
from newsx.settings import BATCH_SIZE, Settings

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client
    from spacy.language import Language

FILES_PER_PART = 32
MIN_BLOCK, MAX_BLOCK = 64 * 1024, 8 * 1024 * 1024
INSTALL = "pip install 'newsx[dask]'"


@dataclass(frozen=True)
class Part:
    """A unit of work: whole files, or bytes [start, end) of one JSON Lines file whose first
    line is number `first_line` (None until counted)."""

    files: tuple[str, ...] = ()
    jsonl: str | None = None
    start: int = 0
    end: int = 0
    first_line: int | None = None


@dataclass(frozen=True)
class Options:
    settings: Settings
    input_format: str = "auto"
    text_key: str = "text"
    batch_size: int = BATCH_SIZE


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        raise UsageError(f"--scheduler needs Dask: {INSTALL}") from None


# -- planning (client side: names and sizes only) -------------------------------------------

def plan(paths: Iterable[str], input_format: str = "auto",
         workers: int = 2) -> Iterator[Part | list[Part] | Article]:
    """In input order: parts of whole files, the byte ranges of one large JSON Lines file (a
    list: their line numbers are counted before they run), and error records for inputs
    that cannot be listed."""
    import fsspec

    for path in paths:
        if path == "-":
            raise UsageError("--scheduler reads files, folders, globs or URLs, not stdin: "
                             "workers cannot read this process's stdin")
        local = "://" not in path
        fs, root = fsspec.core.url_to_fs(path)
        files: list[str] = []
        if glob.has_magic(path):
            files = (sorted(f for f in glob.glob(path, recursive=True) if os.path.isfile(f))
                     if local else sorted(_url(path, p) for p in fs.glob(root)))
            if not files:
                yield Article(path, path, error=Error("FileNotFound", f"nothing matches {path}"))
        elif local and os.path.isdir(path):
            from newsx.io.read import list_folder

            files, problems = list_folder(path)
            yield from problems
        elif not local and fs.isdir(root):
            files = sorted(_url(path, p) for p in fs.find(root)
                           if Path(p).suffix.lower() in EXTENSIONS)
            if not files:
                yield Article(path, path, error=Error("NoArticles", f"no article files in {path}"))
        else:
            files = [path]
        yield from _parts(files, input_format, workers)


def _url(original: str, found: str) -> str:
    return f"{original.split('://', 1)[0]}://{found}"


def _parts(files: list[str], input_format: str, workers: int) -> Iterator[Part | list[Part]]:
    """Groups of whole files; a large JSON Lines file becomes byte ranges of its own."""
    import fsspec

    group: list[str] = []
    for name in files:
        size = 0
        if input_format == "jsonl" or (
                input_format == "auto" and Path(name).suffix.lower() == ".jsonl"):
            try:
                fs, root = fsspec.core.url_to_fs(name)
                size = int(fs.size(root) or 0)
            except OSError:
                size = 0  # a whole-file part: the worker reports the error
        if size > MIN_BLOCK:
            if group:
                yield Part(files=tuple(group))
                group = []
            block = min(MAX_BLOCK, max(MIN_BLOCK, size // (8 * max(1, workers))))
            yield [Part(jsonl=name, start=start, end=min(size, start + block))
                   for start in range(0, size, block)]
            continue
        group.append(name)
        if len(group) >= FILES_PER_PART:
            yield Part(files=tuple(group))
            group = []
    if group:
        yield Part(files=tuple(group))


def numbered(ranges: list[Part], counts: list[int]) -> list[Part]:
    """The ranges of one JSON Lines file with the number of their first line."""
    out, first = [], 1
    for part, n in zip(ranges, counts, strict=True):
        out.append(Part(jsonl=part.jsonl, start=part.start, end=part.end, first_line=first))
        first += n
    return out


# -- work (worker side) ---------------------------------------------------------------------

_PIPELINES: dict[Settings, Language] = {}


def pipeline_for(settings: Settings) -> Language:
    """The pipeline of this worker process, loaded on first use."""
    if settings not in _PIPELINES:
        from newsx.run.core import load_pipeline

        _PIPELINES[settings] = load_pipeline(settings)
    return _PIPELINES[settings]


def _block(part: Part) -> bytes:
    """The lines that start in [start, end) of the file (each line belongs to one part)."""
    import fsspec

    assert part.jsonl is not None
    with fsspec.open(part.jsonl, "rb") as f:
        if part.start:
            f.seek(part.start - 1)
            if f.read(1) != b"\n":
                f.readline()  # the rest of a line that started in the previous part
        data = bytearray()
        while f.tell() < part.end:
            line = f.readline()
            if not line:
                break
            data += line
        return bytes(data)


def count_lines(part: Part) -> int:
    return _block(part).count(b"\n")


def articles(part: Part, options: Options) -> Iterator[Article]:
    import io

    import fsspec

    from newsx.io.read import jsonl_articles, read_path

    if part.jsonl is not None:
        data = _block(part)
        yield from jsonl_articles(io.BytesIO(data), part.jsonl, options.text_key,
                                  part.first_line or 1)
        return
    for name in part.files:  # the same reading, and errors, as a local run
        yield from read_path(name, options.input_format, options.text_key,
                             lambda p: fsspec.open(p, "rb"))


def run_part(part: Part | Article, options: Options) -> list[Record]:
    """The records of one part, in order."""
    from newsx.run.core import annotate, batched, to_record

    if isinstance(part, Article):
        return [to_record(part, None)]
    nlp = pipeline_for(options.settings)
    out: list[Record] = []
    for batch in batched(articles(part, options), options.batch_size):
        out += annotate(nlp, batch)
    return out


def write_part(part: Part | Article, options: Options, folder: str, index: int) -> dict[str, Any]:
    """Write the part's records to `folder`/part-NNNNN.jsonl whole; counts for the manifest."""
    import fsspec
    import msgspec

    records = run_part(part, options)
    name = f"part-{index:05d}.jsonl"
    fs, root = fsspec.core.url_to_fs(folder)
    final = f"{root.rstrip('/')}/{name}"
    temporary = f"{final}.{os.getpid()}.tmp"
    with fs.open(temporary, "wb") as f:
        for record in records:
            f.write(msgspec.json.encode(record) + b"\n")
    fs.mv(temporary, final)
    return {"part": name, "records": len(records),
            "errors": sum(r.error is not None for r in records)}


# -- the client -----------------------------------------------------------------------------

def local_workers(address: str) -> int | None:
    """N for `local:N`, None for a scheduler's address; a usage error for a bad `local:`."""
    if not address.startswith("local:"):
        return None
    try:
        n = int(address.split(":", 1)[1])
    except ValueError:
        n = 0
    if n < 1:
        raise UsageError(f"--scheduler {address!r}: write local:N with N worker processes, "
                         "e.g. local:2")
    return n


def connect(address: str, settings: Settings | None = None) -> tuple[Client, Any]:
    """A client for `tcp://host:port`, or for a new LocalCluster with `local:N`, whose worker
    processes fork from this one after it has loaded the pipeline of `settings` (as --jobs
    does), so that no worker loads it again."""
    n = local_workers(address)
    _require_dask()
    from distributed import Client, LocalCluster

    if n is not None:
        import dask

        if settings is not None:
            pipeline_for(settings)
        # the workers' statistical profiler samples the running thread every 10 ms: not
        # worth its CPU for newsx's long, uniform tasks
        with dask.config.set({"distributed.worker.profile.enabled": False,
                              "distributed.worker.multiprocessing-method": "fork"}):
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
        return Client(cluster), cluster
    try:
        return Client(address, timeout="20s"), None
    except OSError as e:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {e}. Start one "
                         "(`dask scheduler`) or use --scheduler local:N") from None


def run(
    client: Client, paths: Iterable[str], options: Options, output_dir: str | None = None,
    window: int | None = None,
) -> Iterator[tuple[Record | None, dict[str, Any] | None]]:
    """Submit the parts, at most `window` at a time, and yield in input order: each record
    (no output_dir), or each part's counts (output_dir)."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    from newsx.run.dask_plugin import PipelinePlugin

    client.register_plugin(PipelinePlugin(options.settings))
    window = window or 4 * workers
    if output_dir is not None:
        import fsspec

        fs, root = fsspec.core.url_to_fs(output_dir)
        fs.makedirs(root, exist_ok=True)
    futures: deque[Any] = deque()
    for index, part in enumerate(_counted(client, plan(paths, options.input_format, workers))):
        if output_dir is None:
            futures.append(client.submit(run_part, part, options, pure=False))
        else:
            futures.append(client.submit(write_part, part, options, output_dir, index,
                                         pure=False))
        while len(futures) >= window:
            yield from _done(futures.popleft(), output_dir)
    while futures:
        yield from _done(futures.popleft(), output_dir)


def _counted(client: Client, items: Iterable[Part | list[Part] | Article]
             ) -> Iterator[Part | Article]:
    for item in items:
        if isinstance(item, list):  # the workers count the lines of each range
            yield from numbered(item, client.gather(client.map(count_lines, item, pure=False)))
        else:
            yield item


def _done(future: Any, output_dir: str | None) -> Iterator[tuple[Record | None,
                                                                 dict[str, Any] | None]]:
    result = future.result()
    if output_dir is None:
        for record in result:
            yield record, None
    else:
        yield None, result


def write_manifest(output_dir: str, parts: list[dict[str, Any]], inputs: list[str]) -> None:
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
    _require_dask()
    import dask.bag as db

    from newsx.nlp.choice import resolve_model

    options = Options(settings or Settings(resolve_model(None)), input_format, text_key,
                      batch_size)
    if isinstance(source, db.Bag):
        return source.map_partitions(_annotate_dicts, options)
    from dask import delayed

    tasks = []
    for item in plan(source, input_format):
        if isinstance(item, list):  # line numbers counted by the workers, in the graph
            counts = [delayed(count_lines)(p) for p in item]
            ranges = delayed(numbered)(item, counts)
            tasks += [delayed(run_part)(ranges[i], options) for i in range(len(item))]
        else:
            tasks.append(delayed(run_part)(item, options))
    return db.from_delayed(tasks)


def _annotate_dicts(rows: Iterable[dict[str, Any]], options: Options) -> list[Record]:
    from newsx.run.core import annotate, batched

    items = [Article(str(r["id"]), str(r.get("source", "bag")), str(r.get("text") or ""),
                     r.get("title"), r.get("url"), r.get("date")) for r in rows]
    nlp = pipeline_for(options.settings)
    out: list[Record] = []
    for batch in batched(items, options.batch_size):
        out += annotate(nlp, batch)
    return out
