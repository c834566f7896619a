"""The commands over a corpus and the taxonomy: `topics`, `load`, `report`, `schema`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsx.cli.common import (
    Command,
    Format,
    Mentions,
    OutputFormat,
    StdoutConsole,
    Topics,
    Types,
    app,
    handle_errors,
    resolve,
    stdin_paths,
    warn,
)


@app.command("topics", cls=Command)
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
    print_taxonomy(taxonomy, resolve(output_format, "table", "jsonl"), sys.stdout, StdoutConsole())


@app.command(cls=Command)
@handle_errors
def load(
    paths: Annotated[list[str] | None, typer.Argument(
        help="JSON Lines record files or folders of them (from `newsx extract -f jsonl` or "
        "--output-dir); '-' or nothing reads stdin.", show_default=False,
        metavar="PATH")] = None,
    db: Annotated[Path, typer.Option("--db", help="The SQLite database to write (created if "
                                     "new).", metavar="FILE")] = Path("news.db"),
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Records per transaction.", metavar="N")] = 2000,
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


@app.command(cls=Command)
@handle_errors
def report(
    source: Annotated[str | None, typer.Argument(
        help="A database from --db / `newsx load`, or JSON Lines records (a file, a folder "
        "of them, '-' for stdin).", show_default=False, metavar="SOURCE")] = None,
    output_format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="auto: tables at a terminal, JSON otherwise. csv: one row per "
        "item with its section.")] = ReportFormat.auto,
    types: Types = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only articles with this topic "
                                              "id.", show_default=False, metavar="ID")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only articles dated on or after (YYYY-MM-DD).", show_default=False,
        metavar="DATE")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Only articles dated on or before (YYYY-MM-DD).", show_default=False,
        metavar="DATE")] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Rows per list.", metavar="N")] = 10,
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
    print_report(result, fmt, sys.stdout, StdoutConsole())


@app.command(cls=Command)
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
