"""newsx's errors, one base class, each with the exit code the command line ends with."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED_INPUTS = 1  # some inputs failed: each has an error record
EXIT_USAGE = 2  # bad option, unusable model, taxonomy or cache, no input
EXIT_INTERRUPTED = 130  # Ctrl-C


class NewsxError(Exception):
    """Something the user can fix; the message says what and how."""

    exit_code = EXIT_USAGE


class UsageError(NewsxError):
    """A bad option or argument."""


class ModelError(NewsxError):
    """The spaCy pipeline cannot be used."""


class TaxonomyError(NewsxError, ValueError):
    """A taxonomy file that cannot be used; the message names the file, topic and field."""


class CacheError(NewsxError):
    """The --cache file cannot be used."""


class DatabaseError(NewsxError):
    """The --db file cannot be used."""
