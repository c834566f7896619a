"""The `newsx` command line: each command parses its options and calls one function of
`newsx.api`; errors become exit codes in one place (`handle_errors`)."""

from __future__ import annotations

import errno
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
from newsx.errors import EXIT_FAILED_INPUTS, EXIT_INTERRUPTED, EXIT_OK, NewsxError, UsageError
from newsx.settings import BATCH_SIZE, MAX_JOBS, MIN_SCORE

app = typer.Typer(
    help="People, places, organisations and IPTC-coded topics from news articles, offline.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: flags as flags, brackets as written
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(StrEnum):
    """How records are written."""

    auto = "auto"
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class InputFormat(StrEnum):
    """How inputs are read."""

    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"


# the options commands share (sqlite-utils style: one definition each)
Format = Annotated[OutputFormat, typer.Option(
    "--format", "-f", help="auto: a table (tree) at a terminal, JSON Lines (JSON) otherwise; "
    "json: one array; jsonl: one object per line; csv: one row per item.")]
Paths = Annotated[list[str] | None, typer.Argument(
    help="Files or folders (searched recursively); '-' or nothing reads stdin.",
    show_default=False, metavar="[PATH]...")]
Topics = Annotated[list[Path] | None, typer.Option(
    "--topics", help="A TOML taxonomy whose topics are added to (or replace same-id) "
    "built-in ones. Repeatable.", show_default=False, metavar="FILE")]
Types = Annotated[str | None, typer.Option(
    "--type", "-t", help="Entity types, comma-separated: person, place, organisation.",
    show_default=False, metavar="TYPES")]
Mentions = Annotated[bool, typer.Option(
    "--mentions/--no-mentions", help="Keep each entity's mentions (most of the size).")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Articles per batch.")]


def warn(message: str) -> None:
    """A line for the user on stderr."""
    typer.echo(f"newsx: {message}", err=True)


def handle_errors(command: F) -> F:
    """The one place where errors become exit codes: NewsxError -> its code (2); a reader
    that went away -> 0, quietly; a full disk or closed output -> 1; Ctrl-C -> 130."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NewsxError as e:
            warn(f"error: {e}")
            raise typer.Exit(e.exit_code) from None
        except BrokenPipeError:  # `newsx ... | head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            warn("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OSError as e:
            if e.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.EFBIG):
                raise
            where = e.filename or "standard output"
            warn(f"error: cannot write to {where}: {e.strerror}; what was written before "
                 "is whole")
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_FAILED_INPUTS) from None

    return wrapper  # type: ignore[return-value]


def stdin_is_terminal() -> bool:
    """Whether stdin is a terminal (nothing piped in)."""
    return sys.stdin is None or sys.stdin.isatty()


def stdin_paths(paths: list[str] | None, what: str) -> list[str]:
    """The paths, or stdin when there are none and something is piped in."""
    if paths:
        return paths
    if stdin_is_terminal():
        raise UsageError(f"no input: give {what}, or pipe them on stdin")
    return ["-"]


def resolve(fmt: OutputFormat, terminal: str, piped: str) -> str:
    """auto: `terminal` at a terminal, `piped` otherwise."""
    if fmt is OutputFormat.auto:
        return terminal if sys.stdout.isatty() else piped
    return fmt.value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsx {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version.")] = False,
) -> None:
    """People, places, organisations and IPTC-coded topics from news articles, offline."""


@app.command()
@handle_errors
def extract(
    paths: Paths = None,
    output_format: Format = OutputFormat.auto,
    input_format: Annotated[InputFormat, typer.Option(
        "--input-format", "-i", help="How to read inputs; auto goes by extension.")
    ] = InputFormat.auto,
    text_key: Annotated[str, typer.Option(
        "--text-key", help="JSON Lines field that holds the article text.")] = "text",
    model: Annotated[str | None, typer.Option(
        "--model", "-m", envvar="NEWSX_MODEL", help="spaCy pipeline: installed package name "
        "or folder. Default: newsx's own news model.", metavar="NAME|PATH")] = None,
    topics: Topics = None,
    min_score: Annotated[float, typer.Option(
        "--min-score", min=0.0, max=1.0, help="Leave out topics below this (a text under 80 "
        "words also keeps, from 0.1, the best topic of each other category).")] = MIN_SCORE,
    batch_size: BatchSize = BATCH_SIZE,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, help=f"Worker processes; 0: one per CPU (at most {MAX_JOBS}), "
        "used when the input is more than one batch.")] = 0,
    cache: Annotated[Path | None, typer.Option(
        "--cache", help="SQLite file of results: unchanged articles are not processed "
        "again.", show_default=False, metavar="FILE")] = None,
    types: Types = None,
    min_salience: Annotated[float, typer.Option(
        "--min-salience", min=0.0, max=1.0, help="Leave out entities less salient.")] = 0.0,
    mentions: Mentions = True,
    db: Annotated[Path | None, typer.Option(
        "--db", help="Also write the records into this SQLite database; stdout then gets "
        "records only if --format is given.", show_default=False, metavar="FILE")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run on Dask: local:N (N local worker processes) or "
        "tcp://host:8786. Inputs may then be globs or fsspec URLs.", show_default=False,
        metavar="ADDRESS")] = None,
    output_dir: Annotated[str | None, typer.Option(
        "--output-dir", help="With --scheduler: workers write part-NNNNN.jsonl and a "
        "manifest.json here instead of stdout.", show_default=False, metavar="DIR")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Extract people, places, organisations and topics from news articles.

    Examples:

      newsx extract article.txt                      # a table at a terminal

      newsx extract --format json story.html | jq '.[0].entities[].name'

      newsx extract news/ > records.jsonl            # a folder, JSON Lines

      cat feed.jsonl | newsx extract --text-key body -f csv > rows.csv

      newsx extract -t person --min-salience 0.5 --no-mentions news/ > people.jsonl

      newsx extract news/ --db news.db && newsx report news.db

      newsx extract --scheduler local:4 'archive/**/*.html' --output-dir parts/

    Exit status: 0 every input processed; 1 some inputs failed (each has an error record);
    2 usage error (bad option, model, taxonomy or cache; no input); 130 interrupted.
    """
    from newsx import api
    from newsx.records import ENTITY_TYPES
    from newsx.writers.stream import make_writer

    options = api.ExtractOptions(
        model, tuple(map(str, topics or ())), min_score, input_format.value, text_key,
        batch_size, jobs, str(cache) if cache else None,
        tuple(t.strip() for t in (types or ",".join(ENTITY_TYPES)).split(",")), min_salience,
        mentions, str(db) if db else None, scheduler, output_dir)
    if output_dir and output_format is not OutputFormat.auto:
        raise UsageError("--output-dir writes JSON Lines parts; leave out --format")
    fmt = resolve(output_format, "table", "jsonl")
    quiet_stdout = (db or output_dir) and output_format is OutputFormat.auto
    writers = [] if quiet_stdout else [make_writer(fmt, sys.stdout, Console())]
    show = not quiet and sys.stderr.isatty() and not (fmt == "table" and sys.stdout.isatty())
    with _progress(show) as bar:
        summary = api.extract_into(stdin_paths(paths, "files or folders of articles"),
                                   options, writers, warn, bar)
    if summary.failed:
        warn(f"{summary.failed:,} of {summary.records:,} inputs failed")
        raise typer.Exit(EXIT_FAILED_INPUTS)


@contextmanager
def _progress(show: bool, console: Console | None = None) -> Iterator[Callable[[Any], None]]:
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


@app.command("topics")
@handle_errors
def list_topics(output_format: Format = OutputFormat.auto, topics: Topics = None) -> None:
    """List the topic taxonomy under its IPTC top-level categories.

    Examples:

      newsx topics

      newsx topics -f json | jq -r '.[] | select(.iptc[] | startswith("medtop:16")) | .id'

    Taxonomy files are TOML: one [[topic]] table per topic with id, name, iptc (a list of
    IPTC Media Topics qcodes) and a [topic.terms] table of "phrase" = weight.
    """
    from newsx import api
    from newsx.writers.table import print_taxonomy

    taxonomy = api.topics(map(str, topics or ()))
    print_taxonomy(taxonomy, resolve(output_format, "table", "jsonl"), sys.stdout, Console())


@app.command()
@handle_errors
def load(
    paths: Annotated[list[str] | None, typer.Argument(
        help="JSON Lines record files or folders of them (from `newsx extract -f jsonl` or "
        "--output-dir); '-' or nothing reads stdin.", show_default=False,
        metavar="[PATH]...")] = None,
    db: Annotated[Path, typer.Option("--db", help="The SQLite database to write (created if "
                                     "new).", metavar="FILE")] = Path("news.db"),
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Records per transaction.")] = 2000,
    mentions: Mentions = True,
) -> None:
    """Load records written earlier into a SQLite database; an article loaded again is
    replaced, not added twice.

    Examples:

      newsx extract -f jsonl news/ > records.jsonl && newsx load records.jsonl --db news.db

      newsx load parts/ --db news.db && datasette news.db
    """
    from newsx import api

    sources = [sys.stdin.buffer if p == "-" else p
               for p in stdin_paths(paths, "record files or folders")]
    total = api.load(sources, db, mentions, batch_size, warn)
    warn(f"loaded {total:,} record{'s' * (total != 1)} into {db}")


class ReportFormat(StrEnum):
    """How a report is written."""

    auto = "auto"
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
@handle_errors
def report(
    source: Annotated[str | None, typer.Argument(
        help="A database from --db / `newsx load`, or JSON Lines records (a file, a folder "
        "of them, '-' for stdin).", show_default=False)] = None,
    output_format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="auto: tables at a terminal, JSON otherwise. csv: one row per "
        "item with its section.")] = ReportFormat.auto,
    types: Types = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only articles with this topic "
                                              "id.", show_default=False)] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only articles dated on or after "
                                              "(YYYY-MM-DD).", show_default=False)] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only articles dated on or before "
                                              "(YYYY-MM-DD).", show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Rows per list.")] = 10,
    html: Annotated[Path | None, typer.Option(
        "--html", help="Also write a self-contained HTML page with charts, a network and a "
        "map (opens offline).", show_default=False, metavar="FILE")] = None,
) -> None:
    """Who and what dominates a corpus: top people, places, organisations, topics, pairs that
    appear together, and articles by date.

    Examples:

      newsx report news.db

      newsx report news.db -t person --since 2024-01-01 -f json | jq '.entities[0]'

      newsx extract -f jsonl news/ | newsx report - --topic elections -f csv > report.csv

      newsx report news.db --top 25 --html report.html
    """
    from newsx import api
    from newsx.writers.report import parse_filters
    from newsx.writers.table import print_report

    (where,) = stdin_paths([source] if source else None, "a database or JSON Lines records")
    result = api.report(sys.stdin.buffer if where == "-" else where,
                        parse_filters(types, topic, since, until, top))
    if html is not None:
        from newsx.writers.page import write_html

        write_html(result, html)
        warn(f"wrote {html}")
    fmt = output_format.value if output_format is not ReportFormat.auto else (
        "table" if sys.stdout.isatty() else "json")
    print_report(result, fmt, sys.stdout, Console())


@app.command()
def schema(
    of_report: Annotated[bool, typer.Option("--report", help="The schema of `newsx report "
                                            "-f json` instead.")] = False,
) -> None:
    """Print the JSON Schema of one output record (or of a report).

    Example: newsx schema > newsx-record.schema.json
    """
    import json

    from newsx import api

    typer.echo(json.dumps(api.schema("report" if of_report else "record"), indent=2))


def main() -> None:
    """The `newsx` program."""
    try:
        app()
    except KeyboardInterrupt:
        warn("interrupted")
        sys.exit(EXIT_INTERRUPTED)
