"""What a reader gives the pipeline: an `Article`, or an article that could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: the format (auto: by extension, else sniffed), the JSON Lines
    field that holds the text, and the encoding of text that is not UTF-8 (None: detect)."""

    input_format: str = "auto"
    text_key: str = "text"
    encoding: str | None = None
    with_text: bool = False  # the records keep the text newsx read


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
    date: str | None = None  # ISO 8601
    date_raw: str | None = None  # the date as given, when it could not be read
    authors: list[str] = field(default_factory=list)  # from the page's or feed's metadata
    error: ReadProblem | None = None
    warnings: list[str] = field(default_factory=list)
    keep_text: bool = False  # its record carries `text` (--with-text)
