"""Writers for records: table (Rich), json, jsonl, csv. Each has write(record) and close()."""

from __future__ import annotations

import csv
from typing import IO, Protocol

import msgspec
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsx.schema import Record

FORMATS = ("auto", "table", "json", "jsonl", "csv")
CSV_FIELDS = ["id", "kind", "type", "name", "country", "count", "salience", "score", "iptc", "detail"]
_encoder = msgspec.json.Encoder()


class Writer(Protocol):
    def write(self, record: Record) -> None: ...
    def close(self) -> None: ...


class JsonlWriter:
    """One JSON object per line, flushed as soon as it is written."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def write(self, record: Record) -> None:
        self.out.write(_encoder.encode(record) + b"\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """One JSON array, streamed: records are written as they come."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.count = 0

    def write(self, record: Record) -> None:
        body = msgspec.json.format(_encoder.encode(record), indent=2).replace(b"\n", b"\n  ")
        self.out.write((b"[\n  " if self.count == 0 else b",\n  ") + body)
        self.count += 1

    def close(self) -> None:
        self.out.write(b"\n]\n" if self.count else b"[]\n")
        self.out.flush()


class CsvWriter:
    """One row per entity, topic or error, each with the article id."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.csv = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        self.csv.writeheader()

    def write(self, record: Record) -> None:
        for row in csv_rows(record):
            self.csv.writerow(row)
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def csv_rows(record: Record) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    if record.error is not None:
        rows.append({"id": record.id, "kind": "error", "type": record.error.type,
                     "detail": record.error.message})
    for e in record.entities:
        rows.append({"id": record.id, "kind": "entity", "type": e.type, "name": e.name,
                     "country": e.country or "", "count": e.count, "salience": e.salience,
                     "detail": "; ".join(e.aliases)})
    for t in record.topics:
        rows.append({"id": record.id, "kind": "topic", "type": t.id, "name": t.name,
                     "score": t.score, "iptc": " ".join(t.iptc),
                     "detail": "; ".join(f"{ev.term} ({ev.count})" for ev in t.evidence)})
    for c in record.categories:
        rows.append({"id": record.id, "kind": "category", "type": "iptc", "name": c.name,
                     "score": c.score, "iptc": c.iptc})
    return rows


class TableWriter:
    """Human-readable tables per article; Rich decides colour (NO_COLOR, not a terminal)."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def write(self, record: Record) -> None:
        c = self.console
        heading = record.title or record.id
        c.rule(Text(heading, style="bold"), align="left")
        if record.title and record.id != record.title:
            c.print(Text(record.id, style="dim"))
        if record.error is not None:
            c.print(Text(f"error: {record.error.type}: {record.error.message}", style="red"))
            return
        for kind, title in (("person", "People"), ("place", "Places"),
                            ("organisation", "Organisations")):
            ents = [e for e in record.entities if e.type == kind]
            if not ents:
                continue
            table = Table(title=title, title_justify="left", expand=False)
            table.add_column("Name", style="bold", overflow="fold")
            if kind == "place":
                table.add_column("Country")
            table.add_column("Mentions", justify="right")
            table.add_column("Salience", justify="right")
            table.add_column("Also written", overflow="fold")
            for e in ents:
                aliases = ", ".join(a for a in e.aliases if a != e.name)
                cells = [e.name, *([e.country or "-"] if kind == "place" else []),
                         str(e.count), f"{e.salience:.2f}", aliases]
                table.add_row(*cells)
            c.print(table)
        if record.topics:
            table = Table(title="Topics", title_justify="left")
            table.add_column("Topic", style="bold")
            table.add_column("Score", justify="right")
            table.add_column("IPTC")
            table.add_column("Evidence", overflow="fold")
            for t in record.topics:
                evidence = ", ".join(f"{ev.term} ×{ev.count}" for ev in t.evidence[:6])
                table.add_row(t.name, f"{t.score:.2f}", "\n".join(t.iptc), evidence)
            c.print(table)
        if not record.entities and not record.topics:
            c.print(Text("no entities or topics found", style="dim"))

    def close(self) -> None:
        pass


def make_writer(fmt: str, stdout_bytes: IO[bytes], stdout_text: IO[str], console: Console) -> Writer:
    if fmt == "json":
        return JsonWriter(stdout_bytes)
    if fmt == "jsonl":
        return JsonlWriter(stdout_bytes)
    if fmt == "csv":
        return CsvWriter(stdout_text)
    return TableWriter(console)
