"""The options of a run, as plain data: what `newsx extract` can be told (the same names as
its options), checked together, and what a run reports back."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsx.errors import UsageError
from newsx.io.article import ReadOptions
from newsx.records import ENTITY_TYPES, RecordFilter
from newsx.settings import BATCH_SIZE, MIN_SCORE


@dataclass(frozen=True)
class ExtractOptions:
    """What `newsx extract` can be told, as plain data (the command's options, same names)."""

    model: str | None = None  # a spaCy pipeline: package name or folder; None: newsx's own
    topics: tuple[str, ...] = ()  # TOML taxonomies added to the built-in one
    min_score: float = MIN_SCORE
    input_format: str = "auto"  # auto, text, html, jsonl
    text_key: str = "text"
    encoding: str | None = None  # of text that is not UTF-8; None: detected
    with_text: bool = False  # records carry the text newsx read
    batch_size: int = BATCH_SIZE
    jobs: int = 1  # worker processes; 0: one per CPU (at most MAX_JOBS)
    cache: str | None = None  # SQLite file of results
    types: tuple[str, ...] = ENTITY_TYPES  # entity types kept
    min_salience: float = 0.0
    mentions: bool = True
    quotes: bool = True  # who said what (--no-quotes: left out)
    languages: tuple[str, ...] = ()  # ISO 639-1 codes analysed; others skipped; (): all
    db: str | None = None  # write the records into this database too (extract_into)
    scheduler: str | None = None  # Dask: tcp://host:port or local:N
    output_dir: str | None = None  # with scheduler: workers write parts here

    def check(self) -> None:
        """A usage error for options that do not go together."""
        self.record_filter()
        if self.encoding:
            import codecs

            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise UsageError(f"--encoding {self.encoding!r}: not an encoding Python "
                                 "knows; try cp1252, latin-1 or utf-16") from None
        if self.scheduler and self.cache:
            raise UsageError("--cache is a SQLite file on this machine, which Dask workers on "
                             "other machines cannot share; drop --cache when you use --scheduler")
        if self.output_dir and not self.scheduler:
            raise UsageError("--output-dir goes with --scheduler (workers write the parts); "
                             "without it, redirect stdout: newsx extract ... > records.jsonl")
        if self.output_dir and self.db:
            raise UsageError("with --output-dir the records stay in the parts and never reach "
                             "this machine; load them afterwards: newsx load DIR/ --db FILE")

    def record_filter(self) -> RecordFilter:
        """What the options leave of each record."""
        return RecordFilter.parse(",".join(self.types), self.min_salience, self.mentions,
                                  self.quotes, self.languages)


@dataclass
class Summary:
    """What a run did: records written, error records among them, parts written (Dask)."""

    records: int = 0
    failed: int = 0
    parts: int = 0
    notes: list[str] = field(default_factory=list)


def read_options(options: ExtractOptions) -> ReadOptions:
    """How the run reads its inputs."""
    return ReadOptions(options.input_format, options.text_key, options.encoding,
                       options.with_text)
