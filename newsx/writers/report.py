"""Counts across a corpus, in SQL over newsx's database: `newsx report`.

`build_report()` returns a `Report` (msgspec Structs: the JSON contract of `newsx report
--format json`, whose schema `newsx schema --report` prints): articles, entities, topics,
categories, pairs, dates, weeks (topics by ISO week) and places (with coordinates, for the map).
Records in JSON Lines (a file, a folder of them, a stream) are first loaded into a database
in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import msgspec

from newsx.errors import UsageError
from newsx.writers.report_records import Report, report_schema

__all__ = ["Filters", "Report", "build_report", "open_source", "parse_filters", "report_schema"]

TYPES = ("person", "place", "organisation")
MAX_PAIR_ENTITIES = 200  # pairs are counted among the most frequent entities only


@dataclass(frozen=True)
class Filters:
    """Which articles a report covers, and how many rows per list."""

    types: tuple[str, ...] = TYPES
    topic: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None
    top: int = 10

    def selection(self, skipped_column: bool = True) -> tuple[str, list[Any]]:
        """SQL selecting the ids of the articles the report covers (analysed: neither an error
        nor skipped by --languages), and its parameters."""
        where, params = ["error IS NULL"], []
        if skipped_column:  # a database of schema 1 or 2 has none
            where.append("skipped IS NULL")
        if self.since:
            where.append("date >= ?")
            params.append(self.since)
        if self.until:
            where.append("substr(date, 1, 10) <= ?")
            params.append(self.until)
        if self.topic:
            where.append("id IN (SELECT article_id FROM article_topics WHERE topic_id = ?)")
            params.append(self.topic)
        return f"SELECT id FROM articles WHERE {' AND '.join(where)}", params


def parse_filters(types: str | None, topic: str | None, since: str | None,
                  until: str | None, top: int) -> Filters:
    """Filters from command-line values; a usage error for a bad type or date."""
    import datetime

    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise UsageError(f"{name} {value!r}: give a date as YYYY-MM-DD") from None
    chosen = [t.strip() for t in (types or ",".join(TYPES)).split(",") if t.strip()]
    unknown = sorted(set(chosen) - set(TYPES))
    if unknown or not chosen:
        raise UsageError(f"--type: unknown entity type {', '.join(unknown) or '(none)'}; "
                         f"choose from {', '.join(TYPES)}")
    return Filters(tuple(t for t in TYPES if t in chosen), topic, since, until, top)


def is_database(path: Path) -> bool:
    """Whether the file is an SQLite database (by its header)."""
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


@contextmanager
def open_source(source: str | IO[bytes]) -> Iterator[sqlite3.Connection]:
    """A read connection to a database, or to one in memory loaded from JSON Lines records
    (a file, a folder of record files such as an --output-dir, '-' or a stream)."""
    import sys

    from newsx.records import read_records
    from newsx.writers.database import load_records

    if isinstance(source, str) and source != "-":
        path = Path(source)
        if not path.exists():
            raise UsageError(f"no such file or folder: {source}")
        if path.is_file() and is_database(path):
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                yield conn
            finally:
                conn.close()
            return
    conn = sqlite3.connect(":memory:")
    try:
        if not isinstance(source, str) or source == "-":
            stream = sys.stdin.buffer if isinstance(source, str) else source
            load_records(conn, read_records(stream, "stdin"), mentions=False, batch_size=2000)
        else:
            from newsx.records import record_files

            for name in record_files(source):
                with open(name, "rb") as f:
                    load_records(conn, read_records(f, name), mentions=False, batch_size=2000)
        yield conn
    finally:
        conn.close()


# a name only in by-lines and credits (salience 0: the reporter, the photo agency) is not who
# the corpus is about, nor a pair with the people it writes about
ENTITY_STATS = """
    SELECT e.type, e.name, e.country, COUNT(*) AS articles, SUM(ae.count) AS mentions,
           ROUND(AVG(ae.salience), 3) AS salience{extra}
    FROM article_entities ae JOIN sel ON sel.id = ae.article_id
    JOIN entities e ON e.id = ae.entity_id AND ae.salience > 0"""
TOPICS = """
    SELECT t.id, t.name, COUNT(*) AS articles, ROUND(AVG(at.score), 3) AS score
    FROM article_topics at JOIN sel ON sel.id = at.article_id
    JOIN topics t ON t.id = at.topic_id
    GROUP BY t.id ORDER BY articles DESC, t.id LIMIT ?"""
CATEGORIES = """
    SELECT c.iptc, c.name, COUNT(*) AS articles
    FROM article_categories ac JOIN sel ON sel.id = ac.article_id
    JOIN categories c ON c.iptc = ac.category
    GROUP BY c.iptc ORDER BY articles DESC, c.iptc"""
PAIRS = """
    WITH frequent AS (
        SELECT ae.entity_id FROM article_entities ae JOIN sel ON sel.id = ae.article_id
        JOIN entities e ON e.id = ae.entity_id WHERE e.type IN ({marks}) AND ae.salience > 0
        GROUP BY ae.entity_id ORDER BY COUNT(*) DESC LIMIT {most})
    SELECT ea.name AS a, ea.type AS a_type, eb.name AS b, eb.type AS b_type,
           COUNT(*) AS articles
    FROM article_entities x JOIN sel ON sel.id = x.article_id
    JOIN article_entities y ON y.article_id = x.article_id AND x.entity_id < y.entity_id
    JOIN entities ea ON ea.id = x.entity_id JOIN entities eb ON eb.id = y.entity_id
    WHERE x.entity_id IN frequent AND y.entity_id IN frequent AND x.salience > 0
          AND y.salience > 0
    GROUP BY x.entity_id, y.entity_id ORDER BY articles DESC, a, b LIMIT ?"""
QUOTED = """
    SELECT q.speaker_type AS type, q.speaker_name AS name, COUNT(*) AS quotes,
           COUNT(DISTINCT q.article_id) AS articles
    FROM quotes q JOIN sel ON sel.id = q.article_id
    WHERE q.speaker_name IS NOT NULL AND q.speaker_type IN ('person', 'organisation')
    GROUP BY q.speaker_type, q.speaker_name ORDER BY quotes DESC, articles DESC, name LIMIT ?"""
DATES = """
    SELECT substr(a.date, 1, 10) AS date, COUNT(*) AS articles
    FROM articles a JOIN sel ON sel.id = a.id WHERE a.date IS NOT NULL
    GROUP BY 1 ORDER BY 1"""
WEEKS = """
    WITH best AS (
        SELECT at.topic_id FROM article_topics at JOIN sel ON sel.id = at.article_id
        GROUP BY at.topic_id ORDER BY COUNT(*) DESC LIMIT 5)
    SELECT strftime('%Y-W%W', a.date) AS week, at.topic_id AS topic, COUNT(*) AS articles
    FROM article_topics at JOIN sel ON sel.id = at.article_id
    JOIN articles a ON a.id = at.article_id
    WHERE a.date IS NOT NULL AND at.topic_id IN best AND week IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2"""


def _select(conn: sqlite3.Connection, filters: Filters) -> int:
    """The articles the report covers, in the temporary table `sel`; their number."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "articles" not in tables:
        raise UsageError("this database has no newsx tables: write one with "
                         "`newsx extract ... --db FILE` or `newsx load`")
    columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    sel, params = filters.selection("skipped" in columns)
    conn.execute("DROP TABLE IF EXISTS temp.sel")
    conn.execute(f"CREATE TEMP TABLE sel AS {sel}", params)
    conn.execute("CREATE INDEX temp.sel_id ON sel(id)")
    count: int = conn.execute("SELECT COUNT(*) FROM sel").fetchone()[0]
    return count


def _check_topic(conn: sqlite3.Connection, topic: str | None) -> None:
    """A usage error, with the nearest ids, for a --topic that no article of the corpus has."""
    if topic is None:
        return
    known = [r[0] for r in conn.execute("SELECT id FROM topics")]
    if topic in known:
        return
    import difflib

    near = difflib.get_close_matches(topic, known, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(near)}?" if near else "; `newsx topics` lists them"
    raise UsageError(f"--topic {topic!r}: no article of this corpus has that topic{hint}")


def build_report(conn: sqlite3.Connection, filters: Filters) -> Report:
    """The report of the articles `filters` select, from a newsx database."""
    conn.row_factory = sqlite3.Row
    articles = _select(conn, filters)
    _check_topic(conn, filters.topic)
    types = [t for t in filters.types if t in TYPES]
    top = filters.top

    def rows(sql: str, *args: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in conn.execute(sql, args)]

    entities = []
    for kind in types:
        entities += rows(f"{ENTITY_STATS.format(extra='')} WHERE e.type = ? GROUP BY e.id "
                         "ORDER BY articles DESC, mentions DESC, e.name LIMIT ?", kind, top)
    pairs = rows(PAIRS.format(marks=",".join("?" * len(types)), most=MAX_PAIR_ENTITIES),
                 *types, top)
    places = rows(f"{ENTITY_STATS.format(extra=', e.lat, e.lon')} WHERE e.type = 'place' "
                  "AND e.lat IS NOT NULL GROUP BY e.id ORDER BY articles DESC, e.name LIMIT 200")
    return msgspec.convert({
        "articles": articles,
        "filters": {"types": types, "topic": filters.topic, "since": filters.since,
                    "until": filters.until, "top": top},
        "entities": entities, "topics": rows(TOPICS, top), "categories": rows(CATEGORIES),
        "pairs": pairs, "dates": rows(DATES), "weeks": rows(WEEKS), "places": places,
        "quoted": rows(QUOTED, top),
    }, Report)
