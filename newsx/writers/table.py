"""Output for people: a table per record (`TableWriter`), the taxonomy as a tree, and the
report's tables; Rich decides colour and width from the console."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

import msgspec
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from newsx.records import Record, TopicEntry
from newsx.writers.report import Report
from newsx.writers.stream import plural

MAX_QUOTES = 8  # quotes shown in a record's table

class TableWriter:
    """One table per article: people, places with countries, organisations, topics and
    categories, readable at 80 columns. Rich decides colour (NO_COLOR, not a terminal)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        # Rich exits with 1 when the reader goes away; newsx ends quietly with 0 instead
        console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]

    def write(self, record: Record) -> None:
        """Prints the record's table."""
        c = self.console
        c.rule(Text(record.title or record.id, style="bold"), align="left")
        if record.title and record.id != record.title:
            c.print(Text(record.id, style="dim"))
        if record.error is not None:
            c.print(Text(f"error: {record.error.type}: {record.error.message}", style="red"))
        elif record.skipped is not None:
            c.print(Text(f"skipped: {record.skipped}", style="yellow"))
        elif not record.entities and not record.topics:
            c.print(Text("no entities or topics found", style="dim"))
        else:
            c.print(_record_table(record))
        c.file.flush()

    def close(self) -> None:
        """Nothing more to print."""
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
    if record.quotes:
        table.add_section()
    for i, q in enumerate(record.quotes[:MAX_QUOTES]):  # who said what, shortened
        who = q.speaker.name if q.speaker else (q.source.text if q.source else "(unknown)")
        said = q.text if len(q.text) <= 120 else q.text[:117].rstrip() + "..."
        table.add_row("Quotes" if i == 0 else "", who, "", "", said)
    if len(record.quotes) > MAX_QUOTES:
        table.add_row("", f"... {len(record.quotes) - MAX_QUOTES} more", "", "", "")
    return table

def _raise_broken_pipe() -> None:
    raise BrokenPipeError

def print_taxonomy(taxonomy: list[TopicEntry], fmt: str, out: IO[str],
                   console: Console) -> None:
    """The taxonomy as a tree under its IPTC top-level categories, or as json / jsonl / csv."""
    rows = [{"id": t.id, "name": t.name, "iptc": t.iptc, "terms": t.terms, "source": t.source,
             "model": t.model} for t in taxonomy]
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
                             str(t.model).lower()])
    else:
        console.print(taxonomy_tree(taxonomy))
    out.flush()


def taxonomy_tree(taxonomy: list[TopicEntry]) -> Tree:
    """The topics as a Rich tree under their IPTC top-level categories."""
    tree = Tree(f"newsx taxonomy: {plural(len(taxonomy), 'topic')}, "
                f"{sum(t.model for t in taxonomy)} also scored by the classifier (+model)")
    groups: dict[str, Tree] = {}
    for t in sorted(taxonomy, key=lambda t: t.id):
        label = t.category or "other"
        branch = groups.get(label)
        if branch is None:
            branch = groups[label] = Tree(label)
        line = Text.assemble((t.id, "bold"), f"  {t.name}  ",
                             (f"{' '.join(t.iptc)} · {plural(len(t.terms), 'term')}"
                              f"{' +model' if t.model else ''}", "dim"))
        branch.add(line)
    for label in sorted(groups):
        tree.add(groups[label])
    return tree


def print_report(typed: Report, fmt: str, out: IO[str], console: Console) -> None:
    """`newsx report`: JSON, CSV (one row per item, `section` first) or tables."""
    report: dict[str, Any] = msgspec.to_builtins(typed)
    sections = {"entities": ["type", "name", "country", "articles", "mentions", "salience"],
                "topics": ["id", "name", "articles", "score"],
                "categories": ["iptc", "name", "articles"],
                "pairs": ["a", "a_type", "b", "b_type", "articles"],
                "dates": ["date", "articles"],
                "quoted": ["type", "name", "quotes", "articles"]}
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
                               ("pairs", "Together in articles"), ("quoted", "Most quoted")):
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
