"""Writers for records: table (Rich), json, jsonl, csv. Each has write(record) and close()."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from typing import IO, Any, Protocol, TextIO

import msgspec
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from newsx.errors import UsageError
from newsx.nlp.taxonomy import TopicDef, classifier_labels, top_level
from newsx.records import Record

CSV_FIELDS = ["id", "kind", "type", "name", "country", "count", "salience", "score", "iptc", "detail"]
_encoder = msgspec.json.Encoder()


ENTITY_TYPES = ("person", "place", "organisation")


@dataclass(frozen=True)
class RecordFilter:
    """What `--type`, `--min-salience` and `--no-mentions` leave of a record."""

    types: frozenset[str] = frozenset(ENTITY_TYPES)
    min_salience: float = 0.0
    mentions: bool = True

    @classmethod
    def parse(cls, types: str | None, min_salience: float, mentions: bool) -> RecordFilter:
        chosen = {t.strip() for t in (types or ",".join(ENTITY_TYPES)).split(",") if t.strip()}
        unknown = chosen - set(ENTITY_TYPES)
        if unknown or not chosen:
            raise UsageError(f"--type: unknown entity type {', '.join(sorted(unknown)) or '(none)'};"
                             f" choose from {', '.join(ENTITY_TYPES)}")
        return cls(frozenset(chosen), min_salience, mentions)

    def __call__(self, record: Record) -> Record:
        if self == RecordFilter():
            return record
        entities = [
            msgspec.structs.replace(e, mentions=e.mentions if self.mentions else [])
            for e in record.entities
            if e.type in self.types and e.salience >= self.min_salience
        ]
        return msgspec.structs.replace(record, entities=entities)


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
        rows.append({"id": record.id, "kind": "category", "type": "", "name": c.name,
                     "score": c.score, "iptc": c.iptc})
    return rows


class TableWriter:
    """One table per article: people, places with countries, organisations, topics and
    categories, readable at 80 columns. Rich decides colour (NO_COLOR, not a terminal)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        # Rich exits with 1 when the reader goes away; newsx ends quietly with 0 instead
        console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]

    def write(self, record: Record) -> None:
        c = self.console
        c.rule(Text(record.title or record.id, style="bold"), align="left")
        if record.title and record.id != record.title:
            c.print(Text(record.id, style="dim"))
        if record.error is not None:
            c.print(Text(f"error: {record.error.type}: {record.error.message}", style="red"))
        elif not record.entities and not record.topics:
            c.print(Text("no entities or topics found", style="dim"))
        else:
            c.print(_record_table(record))
        c.file.flush()

    def close(self) -> None:
        pass


def _record_table(record: Record) -> Table:
    """People, places, organisations, topics and categories of one record, in one table."""
    table = Table(expand=False, show_edge=False, pad_edge=False)
    table.add_column("", style="dim", no_wrap=True)
    table.add_column("Name", style="bold", overflow="fold", ratio=3)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Details", overflow="fold", ratio=4)
    sections = [
        ("People", [e for e in record.entities if e.type == "person"]),
        ("Places", [e for e in record.entities if e.type == "place"]),
        ("Organisations", [e for e in record.entities if e.type == "organisation"]),
    ]
    for heading, ents in sections:
        if not ents:
            continue
        for i, e in enumerate(ents):
            aliases = [a for a in e.aliases if a != e.name]
            details = [f"country {e.country}"] if e.country else []
            if aliases:
                details.append("also " + ", ".join(aliases[:3]))
            table.add_row(heading if i == 0 else "", e.name, str(e.count), f"{e.salience:.2f}",
                          "; ".join(details))
        table.add_section()
    for i, t in enumerate(record.topics):
        # one term a line, so that a term never wraps in the middle ("arms / control")
        evidence = "\n".join(f"{ev.term} ×{ev.count}" for ev in t.evidence[:3])
        table.add_row("Topics" if i == 0 else "", t.name, "", f"{t.score:.2f}", evidence)
    if record.topics:
        table.add_section()
    for i, cat in enumerate(record.categories):
        table.add_row("Categories" if i == 0 else "", cat.name, "", f"{cat.score:.2f}", cat.iptc)
    return table


def _raise_broken_pipe() -> None:
    raise BrokenPipeError


def make_writer(fmt: str, out: TextIO, console: Console) -> Writer:
    """The writer of a format; json and jsonl write bytes to `out.buffer`."""
    if fmt == "json":
        return JsonWriter(out.buffer)
    if fmt == "jsonl":
        return JsonlWriter(out.buffer)
    if fmt == "csv":
        return CsvWriter(out)
    return TableWriter(console)


def print_taxonomy(taxonomy: list[TopicDef], fmt: str, out: IO[str], console: Console) -> None:
    """The taxonomy as a tree under its IPTC top-level categories, or as json / jsonl / csv."""
    modelled = classifier_labels()
    rows = [{"id": t.id, "name": t.name, "iptc": list(t.iptc), "terms": t.terms, "source": t.source,
             "model": t.id in modelled} for t in taxonomy]
    if fmt == "json":
        out.write(json.dumps(rows, indent=2) + "\n")
    elif fmt == "jsonl":
        out.writelines(json.dumps(row) + "\n" for row in rows)
    elif fmt == "csv":  # one row per topic, terms as "term=weight" separated by "; "
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "name", "iptc", "terms", "source", "model"])
        for t in taxonomy:
            terms = "; ".join(f"{k}={v:g}" for k, v in t.terms.items())
            writer.writerow([t.id, t.name, " ".join(t.iptc), terms, t.source,
                             str(t.id in modelled).lower()])
    else:
        console.print(taxonomy_tree(taxonomy))
    out.flush()


def taxonomy_tree(taxonomy: list[TopicDef]) -> Tree:
    modelled = classifier_labels()
    tree = Tree(f"newsx taxonomy: {plural(len(taxonomy), 'topic')}, "
                f"{sum(t.id in modelled for t in taxonomy)} also scored by the classifier (+model)")
    groups: dict[str, Tree] = {}
    for t in sorted(taxonomy, key=lambda t: t.id):
        top = top_level(t.iptc[0])
        label = f"{top.name} ({top.qcode})" if top else "other"
        branch = groups.get(label)
        if branch is None:
            branch = groups[label] = Tree(label)
        line = Text.assemble((t.id, "bold"), f"  {t.name}  ",
                             (f"{' '.join(t.iptc)} · {plural(len(t.terms), 'term')}"
                              f"{' +model' if t.id in modelled else ''}", "dim"))
        branch.add(line)
    for label in sorted(groups):
        tree.add(groups[label])
    return tree


def print_report(report: dict[str, Any], fmt: str, out: IO[str], console: Console) -> None:
    """`newsx report`: JSON (the dict), CSV (one row per item, `section` first) or tables."""
    sections = {"entities": ["type", "name", "country", "articles", "mentions", "salience"],
                "topics": ["id", "name", "articles", "score"],
                "categories": ["iptc", "name", "articles"],
                "pairs": ["a", "a_type", "b", "b_type", "articles"],
                "dates": ["date", "articles"]}
    if fmt in ("json", "jsonl"):
        out.write(json.dumps(report, indent=2 if fmt == "json" else None, ensure_ascii=False))
        out.write("\n")
    elif fmt == "csv":
        columns = list(dict.fromkeys(c for cols in sections.values() for c in cols))
        writer = csv.DictWriter(out, ["section", *columns], lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        for section in sections:
            for row in report[section]:
                writer.writerow({"section": section, **row})
    else:
        console.print(f"{plural(report['articles'], 'article')}")
        titles = {"person": "People", "place": "Places", "organisation": "Organisations"}
        for kind, title in titles.items():
            rows = [e for e in report["entities"] if e["type"] == kind]
            if rows:
                columns = ["name", *(["country"] if kind == "place" else []), "articles",
                           "mentions", "salience"]
                console.print(_table(title, columns, rows))
        for section, title in (("topics", "Topics"), ("categories", "Categories"),
                               ("pairs", "Together in articles")):
            if report[section]:
                cols = [c for c in sections[section] if not c.endswith("_type")]
                console.print(_table(title, cols, report[section]))
        if report["dates"]:
            first, last = report["dates"][0]["date"], report["dates"][-1]["date"]
            console.print(f"dates: {first} to {last}, "
                          f"{plural(len(report['dates']), 'day')} with articles")
    out.flush()


def _table(title: str, columns: list[str], rows: list[dict[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left", box=None, header_style="bold")
    for c in columns:
        table.add_column(c, justify="right" if c in ("articles", "mentions", "salience", "score")
                         else "left", overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row[c]) for c in columns))
    return table


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
