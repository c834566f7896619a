"""What a reader gives the pipeline: an `Article`, or an article that could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReadProblem:
    """Why an input gave no article: `type` names the kind (FileNotFound, InvalidJSON, ...),
    `message` says what and where, for the user."""

    type: str
    message: str


@dataclass
class Article:
    """One article as read: its id (the JSON Lines `id`, else the path, `path:LINE` for a
    line), where it came from, its text and metadata, or the problem that stopped reading it,
    and warnings about it for the user."""

    id: str
    source: str
    text: str = ""
    title: str | None = None
    url: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)  # from the page's metadata
    error: ReadProblem | None = None
    warnings: list[str] = field(default_factory=list)
