"""An SQLite result cache: article text + configuration -> entities, topics and categories.

The key is a SHA-256 of the text and of everything that changes a result: newsx's version,
the spaCy pipeline's name and version, the taxonomy files and the other assets in models/, and
--min-score. Each batch is written in one transaction (WAL journal), so two runs can share a
cache and a run killed half-way leaves only whole, correct entries behind.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import msgspec

from newsx import __version__
from newsx.errors import CacheError
from newsx.nlp.assets import models_dir
from newsx.nlp.pipeline import model_identity
from newsx.records import Result
from newsx.settings import Settings

SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)"


_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder(Result).decode


def config_key(settings: Settings, code_dir: Path | None = None) -> str:
    """A digest of everything besides the text that decides a result."""
    h = hashlib.sha256()
    h.update(f"newsx=={__version__}|{model_identity(settings.model)}|{settings.min_score!r}".encode())
    assets = sorted(p for p in models_dir().rglob("*")
                    if p.suffix in {".toml", ".tsv", ".json"} or p.parent.name == "textcat_multilabel")
    # a changed checkout is a new newsx
    code = sorted((code_dir or Path(__file__).parents[1]).rglob("*.py"))
    for path in [*assets, *code, *map(Path, settings.topic_files)]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class ResultCache:
    """Results by text and configuration in an SQLite file; `with` closes it."""

    def __init__(self, path: str | Path, config: str) -> None:
        self.config = config
        try:
            self.db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(SCHEMA)
        except sqlite3.Error as e:
            raise CacheError(f"cannot use {path} as a cache ({e}); give a writable file path") from None
        self.hits = self.misses = 0

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def key(self, text: str) -> str:
        """The cache key of a text under this configuration."""
        return hashlib.sha256(f"{self.config}\0{text}".encode()).hexdigest()

    def get_many(self, texts: Sequence[str]) -> list[Result | None]:
        """The cached result of each text, or None."""
        keys = [self.key(t) for t in texts]
        found: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, value FROM results WHERE key IN ({marks})"
            found.update(self.db.execute(query, chunk).fetchall())
        out = [_decode(found[k]) if k in found else None for k in keys]
        hit = sum(o is not None for o in out)
        self.hits += hit
        self.misses += len(out) - hit
        return out

    def put_many(self, items: Sequence[tuple[str, Result]]) -> None:
        """Stores (text, result) pairs in one transaction."""
        if not items:
            return
        rows = [(self.key(text), _encode(value)) for text, value in items]
        with self.db:  # one transaction: all of the batch or none of it
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)

    def close(self) -> None:
        """Closes the file."""
        self.db.close()
