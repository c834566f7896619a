"""The output records: the JSON contract of newsx (see README "Output record")."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import msgspec

from newsx.errors import UsageError

SCHEMA_VERSION = "1"


class Mention(msgspec.Struct):
    """Where an entity is named in the text."""

    start: int  # Python string index into the article text, inclusive
    end: int  # exclusive
    text: str
    label: str  # the spaCy label after newsx's repairs (PERSON, GPE, LOC, ORG)


class Entity(msgspec.Struct):
    """A person, place or organisation of one article, its mentions merged."""

    type: str  # person, place, organisation
    name: str  # canonical name
    aliases: list[str]  # distinct surface forms, in order of first appearance
    count: int
    salience: float  # 0-1, 1 for the article's most salient entity
    country: str | None  # ISO 3166-1 alpha-2 for places, else null
    mentions: list[Mention]
    # places found in newsx's GeoNames gazetteer, else null: the GeoNames id, a point (a
    # city's own; a country's or US state's population centre) and the first-level region
    # (GeoNames admin1 code such as "US.CA")
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None


class Evidence(msgspec.Struct):
    term: str
    count: int


class Topic(msgspec.Struct):
    id: str
    name: str
    iptc: list[str]
    score: float
    evidence: list[Evidence]  # the taxonomy terms found, with counts
    model: float | None = None  # the classifier's probability; null: the topic has no model
    model_share: float | None = None  # the share of `score` that comes from the classifier


class Category(msgspec.Struct):
    """An IPTC Media Topics top-level category, scored by its best topic."""

    iptc: str
    name: str
    score: float


class Error(msgspec.Struct):
    """Why an article has no results: the kind (FileNotFound, ProcessingError, ...) and a
    message for the user."""

    type: str
    message: str


class Record(msgspec.Struct):
    """What newsx says about one article: the JSON contract of its output."""

    id: str
    source: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None  # ISO 639-1 code of the text's language, null if unsure
    entities: list[Entity] = msgspec.field(default_factory=list)
    topics: list[Topic] = msgspec.field(default_factory=list)
    categories: list[Category] = msgspec.field(default_factory=list)
    error: Error | None = None
    authors: list[str] = msgspec.field(default_factory=list)  # the by-line's and page's names


class TopicEntry(msgspec.Struct):
    """A topic of the taxonomy as `newsx topics` lists it."""

    id: str
    name: str
    iptc: list[str]
    terms: dict[str, float]
    source: str  # the TOML file it comes from
    model: bool  # also scored by the classifier
    category: str | None  # its IPTC top-level category, "name (qcode)"


class Result(msgspec.Struct):
    """What the pipeline finds in one text (and what the cache keeps)."""

    entities: list[Entity]
    topics: list[Topic]
    categories: list[Category]
    language: str | None = None
    authors: list[str] = msgspec.field(default_factory=list)


class UniqueIds:
    """Keeps the ids of one run apart: the first article with an id keeps it, a later one
    becomes `id#2`, `id#3`, ... (feeds that number their items 1..N would otherwise replace
    each other in a database). Holds one small integer per id seen."""

    def __init__(self) -> None:
        self._seen: dict[int, int] = {}

    def __call__(self, ident: str) -> tuple[str, str | None]:
        """The id to use, and a warning when it had to change."""
        key = hash(ident)
        if key not in self._seen:
            self._seen[key] = 1
            return ident, None
        n = self._seen[key]
        new = ident
        while hash(new) in self._seen:
            n += 1
            new = f"{ident}#{n}"
        self._seen[key] = n
        self._seen[hash(new)] = 1
        return new, (f"id {ident!r} repeats an earlier article's; this one is kept apart as "
                     f"{new!r}")


def json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of one output record."""
    schema = msgspec.json.schema(Record)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "newsx record"
    return schema


def record_files(source: str) -> list[str]:
    """A file of records, or the record files of a folder (such as an --output-dir)."""
    if not os.path.isdir(source):
        return [source]
    found = sorted(str(p) for p in Path(source).rglob("*.jsonl") if p.is_file())
    if not found:
        raise UsageError(f"no .jsonl record files in folder {source}")
    return found


def read_records(stream: IO[bytes], name: str) -> Iterator[Record]:
    """Records from newsx's JSON Lines output (blank lines skipped)."""
    decode = msgspec.json.Decoder(Record).decode
    for number, line in enumerate(stream, 1):
        if line.strip():
            try:
                yield decode(line)
            except msgspec.DecodeError as e:
                raise UsageError(f"{name}, line {number}: not a newsx record ({e}); give the "
                                 "JSON Lines that `newsx extract -f jsonl` writes") from None


ENTITY_TYPES = ("person", "place", "organisation")


@dataclass(frozen=True)
class RecordFilter:
    """What `--type`, `--min-salience` and `--no-mentions` leave of a record."""

    types: frozenset[str] = frozenset(ENTITY_TYPES)
    min_salience: float = 0.0
    mentions: bool = True

    @classmethod
    def parse(cls, types: str | None, min_salience: float, mentions: bool) -> RecordFilter:
        """A filter from command-line values; a usage error for an unknown type."""
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
