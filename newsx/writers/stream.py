"""Writers for pipelines: JSON Lines, one JSON array, CSV rows; `make_writer` picks one (or a
table, `newsx.writers.table`) by format. Each has write(record) and close()."""

from __future__ import annotations

import csv
from typing import IO, TYPE_CHECKING, Protocol, TextIO

import msgspec

from newsx.records import Record

if TYPE_CHECKING:
    from rich.console import Console

CSV_FIELDS = ["id", "kind", "type", "name", "country", "count", "salience", "score", "iptc", "detail"]
_encoder = msgspec.json.Encoder()


class Writer(Protocol):
    """Where records go: write each, then close."""

    def write(self, record: Record) -> None:
        """Writes one record."""

    def close(self) -> None:
        """Finishes the output."""


class JsonlWriter:
    """One JSON object per line, flushed as soon as it is written."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def write(self, record: Record) -> None:
        """Writes the record as one line."""
        self.out.write(_encoder.encode(record) + b"\n")
        self.out.flush()

    def close(self) -> None:
        """Flushes the output."""
        self.out.flush()


class JsonWriter:
    """One JSON array, streamed: records are written as they come."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.count = 0

    def write(self, record: Record) -> None:
        """Writes the record as an item of the array."""
        body = msgspec.json.format(_encoder.encode(record), indent=2).replace(b"\n", b"\n  ")
        self.out.write((b"[\n  " if self.count == 0 else b",\n  ") + body)
        self.count += 1

    def close(self) -> None:
        """Closes the array."""
        self.out.write(b"\n]\n" if self.count else b"[]\n")
        self.out.flush()


class CsvWriter:
    """One row per entity, topic or error, each with the article id."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.csv = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        self.csv.writeheader()

    def write(self, record: Record) -> None:
        """Writes the record's rows."""
        for row in csv_rows(record):
            self.csv.writerow(row)
        self.out.flush()

    def close(self) -> None:
        """Flushes the output."""
        self.out.flush()


def csv_rows(record: Record) -> list[dict[str, object]]:
    """One CSV row per entity, topic and category of a record (an error record, or one
    skipped by --languages: one row saying so)."""
    rows: list[dict[str, object]] = []
    if record.error is not None:
        rows.append({"id": record.id, "kind": "error", "type": record.error.type,
                     "detail": record.error.message})
    if record.skipped is not None:
        rows.append({"id": record.id, "kind": "skipped", "type": record.language or "",
                     "detail": record.skipped})
    for e in record.entities:
        rows.append({"id": record.id, "kind": "entity", "type": e.type, "name": e.name,
                     "country": e.country or "", "count": e.count, "salience": e.salience,
                     "detail": "; ".join(e.aliases)})
    for t in record.topics:
        rows.append({"id": record.id, "kind": "topic", "type": t.id, "name": t.name,
                     "score": t.score, "iptc": " ".join(t.iptc),
                     "detail": "; ".join(f"{ev.term} ({ev.count})" for ev in t.evidence)})
    for c in record.categories:
        rows.append({"id": record.id, "kind": "category", "type": "", "name": c.name,
                     "score": c.score, "iptc": c.iptc})
    for q in record.quotes:  # who said what: the speaker (or the source's words) and the quote
        who = q.speaker.name if q.speaker else (q.source.text if q.source else "")
        rows.append({"id": record.id, "kind": "quote",
                     "type": q.speaker.type if q.speaker else "",
                     "name": who, "detail": q.text})
    return rows

def make_writer(fmt: str, out: TextIO, console: Console) -> Writer:
    """The writer of a format; json and jsonl write bytes to `out.buffer`."""
    if fmt == "json":
        return JsonWriter(out.buffer)
    if fmt == "jsonl":
        return JsonlWriter(out.buffer)
    if fmt == "csv":
        return CsvWriter(out)
    from newsx.writers.table import TableWriter

    return TableWriter(console)

def plural(n: int, word: str) -> str:
    """"1 article", "2 articles"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"
