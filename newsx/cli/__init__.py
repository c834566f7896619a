"""The `newsx` command line: each command parses its options and calls one function of
`newsx.api` (`newsx.cli.extract`, `newsx.cli.corpus`); what they share is in
`newsx.cli.common`."""

from __future__ import annotations

import sys

from newsx.cli import corpus, extract  # noqa: F401  (the commands register on the app)
from newsx.cli.common import app, warn
from newsx.errors import EXIT_INTERRUPTED

__all__ = ["app", "main"]


def main() -> None:
    """The `newsx` program."""
    try:
        app()
    except KeyboardInterrupt:
        warn("interrupted")
        sys.exit(EXIT_INTERRUPTED)
