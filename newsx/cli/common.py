"""What the commands share: the Typer app, the options several commands take (one
definition each), error handling (errors become exit codes in one place), stdin and format
choices."""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperCommand

from newsx import __version__
from newsx.errors import EXIT_FAILED_INPUTS, EXIT_INTERRUPTED, EXIT_OK, NewsxError, UsageError


class NamedArgument(TyperArgument):
    """An argument whose help shows its metavar ("PATH..."), not a Python type ("<list[str]>")."""

    def display_type_rich(self, ctx: Any) -> str | None:  # (Typer vendors its own click)
        """Nothing but "..." for an argument that takes many."""
        return "..." if self.nargs == -1 else None


class Command(TyperCommand):
    """A newsx command: its arguments are `NamedArgument`s."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = NamedArgument


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
    feed = "feed"
    warc = "warc"


# the options commands share (sqlite-utils style: one definition each)
Format = Annotated[OutputFormat, typer.Option(
    "--format", "-f", help="auto: a table (tree) at a terminal, JSON Lines (JSON) otherwise; "
    "json: one array; jsonl: one object per line; csv: one row per item.")]
Paths = Annotated[list[str] | None, typer.Argument(
    help="Files or folders (searched recursively); '-' or nothing reads stdin.",
    show_default=False, metavar="PATH")]
Topics = Annotated[list[Path] | None, typer.Option(
    "--topics", help="A TOML taxonomy whose topics are added to (or replace same-id) "
    "built-in ones. Repeatable.", show_default=False, metavar="FILE")]
Types = Annotated[str | None, typer.Option(
    "--type", "-t", help="Entity types, comma-separated: person, place, organisation.",
    show_default=False, metavar="TYPES")]
Mentions = Annotated[bool, typer.Option(
    "--mentions/--no-mentions", help="Keep each entity's mentions (most of the size).")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Articles per batch.", metavar="N")]


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


class StdoutConsole(Console):
    """Rich's Console for results: a reader that goes away (`| head`) ends newsx quietly with
    exit 0, as every other output does, where Rich's own handler exits 1."""

    def on_broken_pipe(self) -> None:
        """Hand the closed pipe to `handle_errors`."""
        raise BrokenPipeError


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
