"""An SQLite result cache: article text + configuration -> entities, topics and categories.

The key is a SHA-256 of the text and of everything that changes a result: newsx's version,
the spaCy pipeline's name and version, the taxonomy files and the other assets in models/, and
--min-score. Each batch is written in one transaction (WAL journal), so two runs can share a
cache and a run killed half-way leaves only whole, correct entries behind.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import msgspec

from newsx import __version__
from newsx.assets import models_dir
from newsx.schema import Category, Entity, Topic

SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)"


class Cached(msgspec.Struct):
    entities: list[Entity]
    topics: list[Topic]
    categories: list[Category]


_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder(Cached).decode


def model_identity(name: str) -> str:
    """Name and version of a spaCy pipeline from its meta.json, without loading it."""
    path = Path(name)
    if not path.exists():
        spec = importlib.util.find_spec(name)
        locations = list(spec.submodule_search_locations or []) if spec else []
        path = Path(locations[0]) if locations else path
    meta = path / "meta.json"
    if meta.is_file():
        data = json.loads(meta.read_text(encoding="utf-8"))
        return f"{data.get('lang')}_{data.get('name')}=={data.get('version')}"
    return name


def config_key(model: str, topic_files: Sequence[str], min_score: float) -> str:
    """A digest of everything besides the text that decides a result."""
    h = hashlib.sha256()
    h.update(f"newsx=={__version__}|{model_identity(model)}|{min_score!r}".encode())
    assets = sorted(p for p in models_dir().rglob("*") if p.suffix in {".toml", ".tsv"})
    code = sorted(Path(__file__).parent.rglob("*.py"))  # a changed checkout is a new newsx
    for path in [*assets, *code, *map(Path, topic_files)]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class ResultCache:
    def __init__(self, path: str | Path, config: str) -> None:
        self.config = config
        self.db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(SCHEMA)
        self.hits = self.misses = 0

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.config}\0{text}".encode()).hexdigest()

    def get_many(self, texts: Sequence[str]) -> list[Cached | None]:
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

    def put_many(self, items: Sequence[tuple[str, Cached]]) -> None:
        if not items:
            return
        rows = [(self.key(text), _encode(value)) for text, value in items]
        with self.db:  # one transaction: all of the batch or none of it
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)

    def close(self) -> None:
        self.db.close()
