"""Records into a SQLite database (sqlite-utils), ready for SQL, `newsx report` and Datasette.

Tables (README "Database"):
  articles            one row per record: id, source, title, url, date, language, error,
                      authors (JSON), skipped (why it was not analysed: --languages)
  entities            one row per entity across the corpus: id ("person/Joe Biden",
                      "place/US/Georgia"), type, name, country, geonames_id, lat, lon, admin1
  article_entities    article_id, entity_id, count, salience, aliases (JSON)
  mentions            article_id, entity_id, start, end, text, label (large: records written
                      with --no-mentions, or mentions=False here, leave it empty)
  topics, categories  the taxonomy topics and IPTC top-level categories seen
  article_topics      article_id, topic_id, score, model, evidence (JSON)
  article_categories  article_id, category, score
  quotes              article_id, n, start, end, text, direct, cue, source, speaker_id (the
                      speaker's entity id, or null), speaker_type, speaker_name
Each batch of records is one transaction: a killed run leaves whole batches. Writing an article
again replaces its rows, so re-running over the same articles adds nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from newsx.errors import DatabaseError
from newsx.records import Entity, Record, UniqueIds

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA_VERSION = 3  # 2: quotes, articles.authors; 3: articles.skipped (older are upgraded)


def entity_id(entity: Entity) -> str:
    """A stable key across the corpus; places keep their country apart (Georgia, US / GE)."""
    if entity.type == "place":
        return f"place/{entity.country or '-'}/{entity.name}"
    return f"{entity.type}/{entity.name}"


def open_database(path: str | Path | sqlite3.Connection) -> Database:
    """The database at `path` (or on a connection), created with newsx's tables when new."""
    try:
        import sqlite_utils
    except ImportError:  # pragma: no cover - a declared dependency
        raise DatabaseError("--db needs sqlite-utils: pip install sqlite-utils") from None
    try:
        db = sqlite_utils.Database(path if isinstance(path, sqlite3.Connection) else str(path))
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL: a crash loses no committed batch
        db.execute("PRAGMA cache_size=-65536")
        create_tables(db)
    except DatabaseError:
        raise
    except Exception as e:
        raise DatabaseError(f"cannot open the database {path}: {e}. Give a new file, or one "
                            "that newsx wrote.") from None
    return db


# name -> (columns and their types, primary key, foreign keys), parents before children;
# mentions is a rowid table (the cheapest to fill: an article's old rows are deleted first)
TABLES: dict[str, tuple[dict[str, type], tuple[str, ...], list[tuple[str, str, str]]]] = {
    "articles": ({"id": str, "source": str, "title": str, "url": str, "date": str,
                  "language": str, "error": str, "error_message": str, "authors": str,
                  "skipped": str},
                 ("id",), []),
    "entities": ({"id": str, "type": str, "name": str, "country": str, "geonames_id": int,
                  "lat": float, "lon": float, "admin1": str}, ("id",), []),
    "topics": ({"id": str, "name": str, "iptc": str}, ("id",), []),
    "categories": ({"iptc": str, "name": str}, ("iptc",), []),
    "article_entities": (
        {"article_id": str, "entity_id": str, "count": int, "salience": float, "aliases": str},
        ("article_id", "entity_id"),
        [("article_id", "articles", "id"), ("entity_id", "entities", "id")]),
    "mentions": (
        {"article_id": str, "entity_id": str, "start": int, "end": int, "text": str,
         "label": str},
        (),
        [("article_id", "articles", "id"), ("entity_id", "entities", "id")]),
    "article_topics": (
        {"article_id": str, "topic_id": str, "score": float, "model": float, "evidence": str},
        ("article_id", "topic_id"),
        [("article_id", "articles", "id"), ("topic_id", "topics", "id")]),
    "article_categories": (
        {"article_id": str, "category": str, "score": float},
        ("article_id", "category"),
        [("article_id", "articles", "id"), ("category", "categories", "iptc")]),
    "quotes": (
        {"article_id": str, "n": int, "start": int, "end": int, "text": str, "direct": int,
         "cue": str, "source": str, "speaker_id": str, "speaker_type": str, "speaker_name": str},
        (),
        [("article_id", "articles", "id"), ("speaker_id", "entities", "id")]),
}
LINKS = [name for name, (columns, _, _) in TABLES.items() if "article_id" in columns]
# the report's queries: who is in which articles, by type and date (and deletes by article)
INDEXES = [("articles", "date"), ("mentions", "article_id"), ("entities", "type"),
           ("article_entities", "entity_id"), ("article_topics", "topic_id"),
           ("article_categories", "category"), ("quotes", "article_id"), ("quotes", "speaker_id")]


def _name(db: Database) -> str:
    """The file of a database, for messages ("in memory" for one that has none)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row and row[2] else "the in-memory database"


def create_tables(db: Database) -> None:
    """newsx's tables, indexes and full-text search in a new database; a usage error for a
    database that holds other tables."""
    if "articles" in db.table_names():
        version = db.table("newsx").get("schema")["value"] if "newsx" in db.table_names() else None
        if version in ("1", "2"):
            _upgrade(db, version)
        elif version != str(SCHEMA_VERSION):
            raise DatabaseError(f"{_name(db)} holds tables newsx did not write (schema "
                                f"{version}); give a new file, or one that newsx wrote")
        return
    with db.atomic():
        db.table("newsx").create({"key": str, "value": str}, pk="key")
        db.table("newsx").insert({"key": "schema", "value": str(SCHEMA_VERSION)})
        for name, (columns, pk, foreign_keys) in TABLES.items():
            db.table(name).create(columns, pk=pk or None, foreign_keys=foreign_keys or None)
        for name, column in INDEXES:
            db.table(name).create_index([column])
    db.table("articles").enable_fts(["title"], create_triggers=True)


def _upgrade(db: Database, version: str) -> None:
    """An older database gains what later schemas add: (2) quotes and the articles' authors,
    (3) why an article was skipped."""
    with db.atomic():
        if version == "1":
            db.execute("ALTER TABLE articles ADD COLUMN authors TEXT")
            columns, _, foreign_keys = TABLES["quotes"]
            db.table("quotes").create(columns, foreign_keys=foreign_keys)
            for name, column in INDEXES:
                if name == "quotes":
                    db.table(name).create_index([column], if_not_exists=True)
        db.execute("ALTER TABLE articles ADD COLUMN skipped TEXT")
        db.execute("UPDATE newsx SET value = ? WHERE key = 'schema'", [str(SCHEMA_VERSION)])


class DatabaseWriter:
    """Writes records in batches, one transaction each."""

    def __init__(self, path: str | Path | sqlite3.Connection, mentions: bool = True,
                 batch_size: int = 500, warn: Callable[[str], None] | None = None) -> None:
        self.db = open_database(path)
        self.mentions = mentions
        self.batch_size = batch_size
        self.pending: list[Record] = []
        self.written = 0
        self.unique = UniqueIds()  # two records with one id in a run: both kept
        self.warn = warn

    def write(self, record: Record) -> None:
        """Queues a record; a full batch is written in one transaction."""
        ident, warning = self.unique(record.id)
        if warning:
            record = msgspec.structs.replace(record, id=ident)
            if self.warn is not None:
                self.warn(f"{record.source}: {warning}")
        self.pending.append(record)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Writes the queued records."""
        if self.pending:
            write_batch(self.db, self.pending, self.mentions)
            self.written += len(self.pending)
            self.pending = []

    def close(self) -> None:
        """Writes what is queued and closes the database."""
        self.flush()
        self.db.close()


_json = msgspec.json.encode


def write_batch(db: Database, records: list[Record], mentions: bool = True) -> None:
    """One transaction: the articles' old rows out, their new rows in."""
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    for r in records:
        rows["articles"].append((r.id, r.source, r.title, r.url, r.date, r.language,
                                 r.error.type if r.error else None,
                                 r.error.message if r.error else None,
                                 _json(r.authors).decode() if r.authors else None, r.skipped))
        for e in r.entities:
            key = entity_id(e)
            rows["entities"].append((key, e.type, e.name, e.country, e.geonames_id, e.lat, e.lon,
                                     e.admin1))
            rows["article_entities"].append((r.id, key, e.count, e.salience,
                                             _json(e.aliases).decode()))
            if mentions:
                rows["mentions"] += [(r.id, key, m.start, m.end, m.text, m.label)
                                     for m in e.mentions]
        for t in r.topics:
            rows["topics"].append((t.id, t.name, _json(t.iptc).decode()))
            rows["article_topics"].append(
                (r.id, t.id, t.score, t.model,
                 _json([[x.term, x.count] for x in t.evidence]).decode()))
        for c in r.categories:
            rows["categories"].append((c.iptc, c.name))
            rows["article_categories"].append((r.id, c.iptc, c.score))
        rows["quotes"] += quote_rows(r)
    ids = list(dict.fromkeys(r.id for r in records))
    with db.atomic():
        for name in LINKS:
            _delete(db, name, ids)
        for name in TABLES:  # parents first
            if name in ("entities", "topics", "categories"):  # once each per batch
                rows[name] = list({row[0]: row for row in rows[name]}.values())
            _upsert(db, name, rows[name])


def quote_rows(r: Record) -> list[tuple[Any, ...]]:
    """The rows of a record's quotes, each speaker joined to its entity's id."""
    ids = {(e.type, e.name): entity_id(e) for e in r.entities}
    out = []
    for n, q in enumerate(r.quotes):
        who = q.speaker
        out.append((r.id, n, q.start, q.end, q.text, int(q.direct), q.cue.text if q.cue else None,
                    q.source.text if q.source else None,
                    ids.get((who.type, who.name)) if who else None,
                    who.type if who else None, who.name if who else None))
    return out


# sqlite-utils creates the tables, indexes and full-text search; rows go in through one
# executemany per table, since building each row's SQL in Python (upsert_all) took 60 % of a load
def _upsert(db: Database, table: str, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    columns, pk = list(TABLES[table][0]), TABLES[table][1]
    if not pk:  # the article's old rows are gone: plain inserts
        db.conn.executemany(f"INSERT INTO [{table}] VALUES ({', '.join('?' * len(columns))})",
                            rows)
        return
    rest = [c for c in columns if c not in pk]
    update = ", ".join(f"[{c}] = excluded.[{c}]" for c in rest)
    changed = " OR ".join(f"[{c}] IS NOT excluded.[{c}]" for c in rest)  # unchanged: no write
    sql = (f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))}) "
           f"ON CONFLICT ({', '.join(f'[{c}]' for c in pk)}) DO UPDATE SET {update} "
           f"WHERE {changed}")
    db.conn.executemany(sql, rows)


def _delete(db: Database, table: str, ids: list[str]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        db.execute(f"DELETE FROM [{table}] WHERE article_id IN ({','.join('?' * len(chunk))})",
                   chunk)


def load_records(db_path: str | Path | sqlite3.Connection, records: Iterable[Record],
                 mentions: bool = True, batch_size: int = 2000,
                 warn: Callable[[str], None] | None = None) -> int:
    """Write records (from `newsx extract` output) into the database; the number written."""
    writer = DatabaseWriter(db_path, mentions, batch_size, warn)
    try:
        for record in records:
            writer.write(record)
    except BaseException:
        writer.db.close()  # the unfinished batch is not written: whole batches only
        raise
    writer.flush()
    if not isinstance(db_path, sqlite3.Connection):  # a caller's connection stays open
        writer.db.close()
    return writer.written
