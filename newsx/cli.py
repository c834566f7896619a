"""The `newsx` command line: thin Typer wrappers around sources -> runner -> writers."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from newsx import __version__
from newsx.errors import (
    EXIT_FAILED_INPUTS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    NewsxError,
    UsageError,
)
from newsx.settings import BATCH_SIZE, MAX_JOBS, MIN_SCORE
from newsx.writers.stream import plural

app = typer.Typer(
    help="People, places, organisations and IPTC-coded topics from news articles, offline.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: flags as flags, brackets as written
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])
LANGUAGES = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
             "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "zh": "Chinese",
             "ja": "Japanese", "ko": "Korean", "ar": "Arabic", "tr": "Turkish", "sv": "Swedish"}


class OutputFormat(StrEnum):
    auto = "auto"
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"


def stdin_is_terminal() -> bool:
    return sys.stdin is None or sys.stdin.isatty()


def resolve_format(output_format: OutputFormat) -> str:
    """auto: a table on a terminal, JSON Lines otherwise."""
    if output_format is OutputFormat.auto:
        return "table" if sys.stdout.isatty() else "jsonl"
    return output_format.value


def warn(message: str) -> None:
    typer.echo(f"newsx: {message}", err=True)


def handle_errors(command: F) -> F:
    """The one place where errors become exit codes: NewsxError -> its code (2), a reader that
    went away -> 0, quietly; Ctrl-C -> 130."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NewsxError as e:
            warn(f"error: {e}")
            raise typer.Exit(e.exit_code) from None
        except BrokenPipeError:  # `newsx ... | head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            warn("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsx {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """People, places, organisations and IPTC-coded topics from news articles, offline."""


@app.command()
@handle_errors
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders (searched recursively); '-' or nothing reads stdin.",
                       show_default=False),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="auto: a table on a terminal, JSON Lines otherwise. "
                     "json: one array; jsonl: one object per article; csv: one row per entity, "
                     "topic or category."),
    ] = OutputFormat.auto,
    input_format: Annotated[
        InputFormat,
        typer.Option("--input-format", "-i", help="How to read inputs; auto goes by extension."),
    ] = InputFormat.auto,
    text_key: Annotated[
        str, typer.Option("--text-key", help="JSON Lines field that holds the article text.")
    ] = "text",
    model: Annotated[
        str | None,
        typer.Option("--model", "-m", envvar="NEWSX_MODEL",
                     help="spaCy pipeline: installed package name or folder path. Default: "
                     "newsx's own news model, else en_core_web_sm."),
    ] = None,
    topics: Annotated[
        list[Path] | None,
        typer.Option("--topics", help="A TOML taxonomy whose topics are added to (or replace "
                     "same-id) built-in ones. Repeatable.", show_default=False),
    ] = None,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0,
                            help="Leave out topics below (a text under 80 words also keeps, "
                                 "from 0.1, the best topic of each other category).")
    ] = MIN_SCORE,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per batch.")
    ] = BATCH_SIZE,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help=f"Worker processes; 0: one per CPU (at "
                          f"most {MAX_JOBS}), used only when the input is more than one batch.")
    ] = 0,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="SQLite file of results: unchanged articles are not "
                     "processed again.", show_default=False),
    ] = None,
    types: Annotated[
        str | None,
        typer.Option("--type", "-t", help="Keep only these entity types, comma-separated: "
                     "person, place, organisation.", show_default=False),
    ] = None,
    min_salience: Annotated[
        float, typer.Option("--min-salience", min=0.0, max=1.0,
                            help="Leave out entities less salient than this.")
    ] = 0.0,
    mentions: Annotated[
        bool, typer.Option("--mentions/--no-mentions",
                           help="Include each entity's mention list (most of the output's size).")
    ] = True,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Write the records into this SQLite database (see `newsx "
                     "report`, Datasette); stdout then gets records only if --format is given.",
                     show_default=False),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Run on Dask: tcp://host:8786 (a running scheduler) "
                     "or local:N (N local worker processes). Inputs may be fsspec URLs "
                     "(s3://..., gs://...).", show_default=False),
    ] = None,
    output_dir: Annotated[
        str | None,
        typer.Option("--output-dir", help="With --scheduler: workers write part-NNNNN.jsonl "
                     "and a manifest.json here (a folder or fsspec URL) instead of stdout.",
                     show_default=False),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar.")
    ] = False,
) -> None:
    """Extract people, places, organisations and topics from news articles.

    Examples:

      newsx extract article.txt                      # a table at a terminal

      newsx extract --format json story.html | jq '.[0].entities[].name'

      newsx extract news/ > records.jsonl            # a folder, JSON Lines

      cat feed.jsonl | newsx extract --text-key body -f csv > rows.csv

      newsx extract -f jsonl a.txt | jq -r '.entities[] | select(.type=="place") | .country'

      newsx extract -t person --min-salience 0.5 --no-mentions news/ > people.jsonl

      newsx extract news/ --db news.db && newsx report news.db

      newsx extract --scheduler local:4 'archive/**/*.html' --output-dir parts/

    Exit status: 0 every input processed; 1 some inputs failed (each has an error record);
    2 usage error (bad option, model, taxonomy or cache; no input); 130 interrupted.
    """
    from newsx.io.read import iter_articles
    from newsx.nlp.choice import resolve_model
    from newsx.records import UniqueIds
    from newsx.run.local import Runner
    from newsx.settings import Settings
    from newsx.writers.stream import RecordFilter, make_writer

    if not paths:
        if stdin_is_terminal():
            raise UsageError("no input: give files or folders, or pipe articles on stdin "
                             "(for example `cat story.txt | newsx extract`).")
        paths = ["-"]
    keep = RecordFilter.parse(types, min_salience, mentions)
    if scheduler and cache:
        raise UsageError("--cache is a SQLite file on this machine, which Dask workers on other "
                         "machines cannot share; drop --cache when you use --scheduler")
    if output_dir and not scheduler:
        raise UsageError("--output-dir goes with --scheduler (workers write the parts); "
                         "without it, redirect stdout: newsx extract ... > records.jsonl")
    if output_dir and db:
        raise UsageError("with --output-dir the records stay in the parts and never reach this "
                         "machine; load them afterwards: newsx load DIR/part-*.jsonl --db FILE")
    if output_dir and output_format is not OutputFormat.auto:
        raise UsageError("--output-dir writes JSON Lines parts; leave out --format")
    settings = Settings(resolve_model(model), tuple(str(p) for p in topics or ()), min_score)
    jobs = jobs or min(os.cpu_count() or 1, MAX_JOBS)
    writers = [] if (db or output_dir) and output_format is OutputFormat.auto else [
        make_writer(resolve_format(output_format), sys.stdout, Console())]
    if db:
        from newsx.writers.database import DatabaseWriter

        writers.append(DatabaseWriter(db, batch_size=batch_size))
    failed = 0
    unique = UniqueIds()
    if scheduler:
        failed = _extract_on_dask(scheduler, paths, settings, input_format.value, text_key,
                                  batch_size, output_dir, keep, writers, unique)
    else:
        with Runner(settings, jobs=jobs, batch_size=batch_size, cache_path=cache) as runner:
            for note in runner.check():
                warn(f"note: {note}")
            articles = iter_articles(paths, input_format.value, text_key)
            with _progress(not quiet and sys.stderr.isatty()) as bar:
                for article, record in runner.run(articles):
                    for message in article.warnings:
                        warn(f"warning: {message}")
                    failed += _emit(record, keep, writers, unique)
                    bar(article)
    for writer in writers:
        writer.close()
    if failed:
        warn(f"{plural(failed, 'input')} failed")
        raise typer.Exit(EXIT_FAILED_INPUTS)


def _emit(record: Any, keep: Any, writers: list[Any], unique: Any) -> int:
    """Warn about the record on stderr, write it; 1 if it is an error record."""
    record.id, repeated = unique(record.id)
    if repeated:
        warn(f"warning: {record.source}: {repeated}")
    if record.language not in (None, "en"):
        name = LANGUAGES.get(record.language or "", record.language)
        warn(f"warning: {record.id}: the text looks {name} ({record.language}); "
             "newsx's model reads English, so entities and topics may be wrong")
    if record.error is not None:
        warn(f"error: {record.error.message}")
    kept = keep(record)
    for writer in writers:
        writer.write(kept)
    return int(record.error is not None)


def _extract_on_dask(scheduler: str, paths: list[str], settings: Any, input_format: str,
                     text_key: str, batch_size: int, output_dir: str | None, keep: Any,
                     writers: list[Any], unique: Any) -> int:
    from newsx.run.dask import Options, connect, run, write_manifest

    if output_dir and "://" not in output_dir:
        output_dir = os.path.abspath(output_dir)  # workers may run elsewhere
    client, cluster = connect(scheduler, settings)
    failed = 0
    try:
        options = Options(settings, input_format, text_key, batch_size)
        parts = []
        for record, part in run(client, paths, options, output_dir):
            if record is not None:
                failed += _emit(record, keep, writers, unique)
            elif part is not None:
                parts.append(part)
                failed += part["errors"]
        if output_dir:
            write_manifest(output_dir, parts, paths)
            warn(f"wrote {plural(sum(p['records'] for p in parts), 'record')} in "
                 f"{plural(len(parts), 'part')} to {output_dir}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return failed


@contextmanager
def _progress(show: bool, console: Console | None = None) -> Iterator[Callable[[Any], None]]:
    """A progress bar on stderr (articles, words per second), or nothing."""
    if not show:
        yield lambda article: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    counts = {"articles": 0, "words": 0}
    start = time.perf_counter()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console or Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting")

        def update(article: Any) -> None:
            counts["articles"] += 1
            counts["words"] += len(article.text.split())
            rate = counts["words"] / max(time.perf_counter() - start, 1e-9)
            bar.update(task, description=f"{plural(counts['articles'], 'article')}, "
                       f"{plural(counts['words'], 'word')}, {rate:,.0f} words/s")

        yield update


@app.command("topics")
@handle_errors
def list_topics(
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="auto: a tree on a terminal, JSON Lines otherwise. "
                     "json: one array; jsonl: one topic per line; csv: one row per topic."),
    ] = OutputFormat.auto,
    topics: Annotated[
        list[Path] | None,
        typer.Option("--topics", help="Also show the topics of these TOML files."),
    ] = None,
) -> None:
    """List the topic taxonomy under its IPTC top-level categories.

    Examples:

      newsx topics

      newsx topics -f json | jq -r '.[] | select(.iptc[] | startswith("medtop:16")) | .id'

    Taxonomy files are TOML: one [[topic]] table per topic with id, name, iptc (a list of
    IPTC Media Topics qcodes) and a [topic.terms] table of "phrase" = weight.
    """
    from newsx.nlp.taxonomy import load_taxonomy
    from newsx.writers.stream import print_taxonomy

    taxonomy = load_taxonomy([Path(p) for p in topics or ()])
    print_taxonomy(taxonomy, resolve_format(output_format), sys.stdout, Console())


@app.command()
@handle_errors
def load(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="JSON Lines files of records (from `newsx extract -f jsonl`); '-' "
                       "or nothing reads stdin.", show_default=False),
    ] = None,
    db: Annotated[
        Path, typer.Option("--db", help="The SQLite database to write (created if new).")
    ] = Path("news.db"),
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Records per transaction.")
    ] = 2000,
    mentions: Annotated[
        bool, typer.Option("--mentions/--no-mentions",
                           help="Fill the mentions table (most of the database's size).")
    ] = True,
) -> None:
    """Load records written earlier into a SQLite database; an article loaded again is
    replaced, not added twice.

    Examples:

      newsx extract -f jsonl news/ > records.jsonl && newsx load records.jsonl --db news.db

      cat records.jsonl | newsx load --db news.db && datasette news.db
    """
    from newsx.records import read_records
    from newsx.writers.database import load_records

    total = 0
    for source in paths or ["-"]:
        if source == "-":
            total += load_records(db, read_records(sys.stdin.buffer, "stdin"), mentions,
                                  batch_size, lambda m: warn(f"warning: {m}"))
            continue
        try:
            with open(source, "rb") as f:
                total += load_records(db, read_records(f, source), mentions, batch_size,
                                      lambda m: warn(f"warning: {m}"))
        except OSError as e:
            raise UsageError(f"cannot read {source}: {e.strerror}") from None
    warn(f"loaded {plural(total, 'record')} into {db}")


class ReportFormat(StrEnum):
    auto = "auto"
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
@handle_errors
def report(
    source: Annotated[
        str, typer.Argument(help="A database from --db / `newsx load`, or JSON Lines records "
                            "('-' reads stdin).")
    ] = "-",
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="auto: tables on a terminal, JSON otherwise. csv: "
                     "one row per item with its section."),
    ] = ReportFormat.auto,
    types: Annotated[
        str | None,
        typer.Option("--type", "-t", help="Entity types to count, comma-separated: person, "
                     "place, organisation.", show_default=False),
    ] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", help="Only articles with this topic id.",
                                 show_default=False)
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only articles dated on or after (YYYY-MM-DD).",
                                 show_default=False)
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only articles dated on or before (YYYY-MM-DD).",
                                 show_default=False)
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Rows per list.")] = 10,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write a self-contained HTML page with charts, a "
                     "network and a map (opens offline).", show_default=False),
    ] = None,
) -> None:
    """Who and what dominates a corpus: top people, places, organisations, topics, pairs that
    appear together, and articles by date.

    Examples:

      newsx report news.db

      newsx report news.db -t person --since 2024-01-01 -f json | jq '.entities[0]'

      newsx extract -f jsonl news/ | newsx report - --topic elections -f csv > report.csv

      newsx report news.db --top 25 --html report.html
    """
    import datetime

    from newsx.writers.report import TYPES, Filters, build_report, open_source
    from newsx.writers.stream import RecordFilter, print_report

    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise UsageError(f"{name} {value!r}: give a date as YYYY-MM-DD") from None
    if source == "-" and stdin_is_terminal():
        raise UsageError("no input: give a database or a JSON Lines file, or pipe records "
                         "(`newsx extract -f jsonl news/ | newsx report`)")
    kinds = RecordFilter.parse(types, 0.0, True).types
    filters = Filters(tuple(t for t in TYPES if t in kinds), topic, since, until, top)
    with open_source(source) as conn:
        result = build_report(conn, filters)
    if html is not None:
        from newsx.writers.page import write_html

        write_html(result, html)
        warn(f"wrote {html}")
    fmt = output_format.value
    if fmt == "auto":
        fmt = "table" if sys.stdout.isatty() else "json"
    print_report(result, fmt, sys.stdout, Console())


@app.command()
def schema() -> None:
    """Print the JSON Schema of one output record.

    Example: newsx schema > newsx-record.schema.json
    """
    import json

    from newsx.records import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        warn("interrupted")
        sys.exit(EXIT_INTERRUPTED)
