"""`newsx extract`: options in, one call of `newsx.api.extract_into`, exit code out."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from newsx.cli.common import (
    BatchSize,
    Command,
    Format,
    InputFormat,
    Mentions,
    OutputFormat,
    Paths,
    StdoutConsole,
    Topics,
    Types,
    app,
    handle_errors,
    resolve,
    stdin_paths,
    warn,
)
from newsx.errors import EXIT_FAILED_INPUTS, UsageError
from newsx.settings import BATCH_SIZE, MAX_JOBS, MIN_SCORE

InputOpt = Annotated[InputFormat, typer.Option(
    "--input-format", "-i", help="How to read inputs; auto goes by extension (.txt .md, "
    ".html .htm, .jsonl .json, .rss .atom .xml, .warc; each may end in .gz .bz2 .xz .zst), "
    "else looks.")]
TextKey = Annotated[str, typer.Option(
    "--text-key", help="JSON Lines field that holds the article text.", metavar="FIELD")]
Model = Annotated[str | None, typer.Option(
    "--model", "-m", envvar="NEWSX_MODEL", help="spaCy pipeline: installed package name or "
    "folder. Default: newsx's own news model.", metavar="NAME|PATH")]
MinScore = Annotated[float, typer.Option(
    "--min-score", min=0.0, max=1.0, help="Leave out topics below this (a text under 80 words "
    "also keeps, from 0.1, the best topic of each other category).", metavar="SCORE")]
Jobs = Annotated[int, typer.Option(
    "--jobs", "-j", min=0, help=f"Worker processes; 0: one per CPU (at most {MAX_JOBS}), used "
    "when the input is more than one batch.", metavar="N")]
Cache = Annotated[Path | None, typer.Option(
    "--cache", help="SQLite file of results: unchanged articles are not processed again.",
    show_default=False, metavar="FILE")]
MinSalience = Annotated[float, typer.Option(
    "--min-salience", min=0.0, max=1.0, help="Leave out entities less salient.",
    metavar="SCORE")]
Db = Annotated[Path | None, typer.Option(
    "--db", help="Also write the records into this SQLite database; stdout then gets records "
    "only if --format is given.", show_default=False, metavar="FILE")]
Scheduler = Annotated[str | None, typer.Option(
    "--scheduler", help="Run on Dask: local:N (N local worker processes) or tcp://host:8786. "
    "Inputs may then be globs or fsspec URLs.", show_default=False, metavar="ADDRESS")]
OutputDir = Annotated[str | None, typer.Option(
    "--output-dir", help="With --scheduler: workers write part-NNNNN.jsonl and a manifest.json "
    "here instead of stdout.", show_default=False, metavar="DIR")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
Encoding = Annotated[str | None, typer.Option(
    "--encoding", help="Encoding of inputs that are not UTF-8 (cp1252, latin-1, ...); by "
    "default it is detected, and the warning says which was used.", show_default=False,
    metavar="NAME")]
Quotes = Annotated[bool, typer.Option(
    "--quotes/--no-quotes", help="Keep who said what (quotations and their speakers).")]
Languages = Annotated[str | None, typer.Option(
    "--languages", help="Keep results only for texts in these languages (ISO 639-1 codes, "
    "comma-separated, such as en); the others get a record with their language and `skipped`, "
    "and no entities or topics (they are still read, so this saves no time). Default: all, "
    "with a warning for those not in English.",
    show_default=False, metavar="CODES")]
WithText = Annotated[bool, typer.Option(
    "--with-text", help="Put the text newsx read into each record (offsets index it).")]


@app.command(cls=Command)
@handle_errors
def extract(
    paths: Paths = None, output_format: Format = OutputFormat.auto,
    input_format: InputOpt = InputFormat.auto, text_key: TextKey = "text", model: Model = None,
    topics: Topics = None, min_score: MinScore = MIN_SCORE, batch_size: BatchSize = BATCH_SIZE,
    jobs: Jobs = 0, cache: Cache = None, types: Types = None, min_salience: MinSalience = 0.0,
    mentions: Mentions = True, db: Db = None, scheduler: Scheduler = None,
    output_dir: OutputDir = None, quiet: Quiet = False, encoding: Encoding = None,
    with_text: WithText = False, quotes: Quotes = True, languages: Languages = None,
) -> None:
    """Extract people, places, organisations and topics from news articles.

    Examples:

      newsx extract article.txt                      # a table at a terminal

      newsx extract --format json story.html | jq '.[0].entities[].name'

      newsx extract news/ > records.jsonl            # a folder, JSON Lines

      cat feed.jsonl | newsx extract --text-key body -f csv > rows.csv

      newsx extract -t person --min-salience 0.5 --no-mentions news/ > people.jsonl

      newsx extract news/ --db news.db --languages en && newsx report news.db

      newsx extract --scheduler local:4 'archive/**/*.html' --output-dir parts/

    Exit status: 0 every input processed; 1 some inputs failed (each has an error record);
    2 usage error (bad option, model, taxonomy or cache; no input); 130 interrupted.
    """
    from newsx import api
    from newsx.records import ENTITY_TYPES
    from newsx.writers.stream import make_writer

    options = api.ExtractOptions(
        model=model, topics=tuple(map(str, topics or ())), min_score=min_score,
        input_format=input_format.value, text_key=text_key, encoding=encoding,
        with_text=with_text, batch_size=batch_size, jobs=jobs, cache=str(cache) if cache else None,
        types=tuple(t.strip() for t in (types or ",".join(ENTITY_TYPES)).split(",")),
        min_salience=min_salience, mentions=mentions, quotes=quotes, db=str(db) if db else None,
        scheduler=scheduler, output_dir=output_dir, languages=tuple((languages or "").split(",")))
    if output_dir and output_format is not OutputFormat.auto:
        raise UsageError("--output-dir writes JSON Lines parts; leave out --format")
    fmt = resolve(output_format, "table", "jsonl")
    quiet_stdout = (db or output_dir) and output_format is OutputFormat.auto
    writers = [] if quiet_stdout else [make_writer(fmt, sys.stdout, StdoutConsole())]
    show = not quiet and sys.stderr.isatty() and not (fmt == "table" and sys.stdout.isatty())
    with progress_bar(show) as bar:
        summary = api.extract_into(stdin_paths(paths, "files or folders of articles"),
                                   options, writers, warn, bar)
    if summary.failed:
        warn(f"{summary.failed:,} of {summary.records:,} inputs failed")
        raise typer.Exit(EXIT_FAILED_INPUTS)


@contextmanager
def progress_bar(show: bool, console: Console | None = None) -> Iterator[Callable[[Any], None]]:
    """A progress bar on stderr (records, records per second), or nothing."""
    if not show:
        yield lambda record: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    count, start = [0], time.perf_counter()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console or Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting")

        def update(record: Any) -> None:
            count[0] += 1
            rate = count[0] / max(time.perf_counter() - start, 1e-9)
            bar.update(task, description=f"{count[0]:,} article{'s' * (count[0] != 1)}, "
                       f"{rate:,.1f} articles/s")

        yield update
