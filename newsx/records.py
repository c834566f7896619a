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
    """Why a topic was found: a taxonomy term of the topic (`source` "term"), or a word or
    bigram of the text that pushed the classifier's probability up ("model")."""

    term: str
    count: int  # how often the term (or the classifier's word) occurs in the text
    source: str = "term"  # "term" (models/topics.toml) or "model" (the classifier)
    # "term": the term's weight in the taxonomy; "model": its exact push on the classifier's
    # log-odds (weight x feature value)
    weight: float | None = None


class Topic(msgspec.Struct):
    """A topic of the article: its taxonomy id and IPTC codes, a 0-1 score and its evidence."""

    id: str
    name: str
    iptc: list[str]
    score: float
    # the taxonomy terms found, with counts, then the words that pushed the classifier (never
    # empty: an article's topic always has a term; a short item's may rest on the model)
    evidence: list[Evidence]
    model: float | None = None  # the classifier's probability; null: the topic has no model
    model_share: float | None = None  # the share of `score` that comes from the classifier
    term_score: float | None = None  # the score of the taxonomy terms alone (0-1)


class Cue(msgspec.Struct):
    """The words that introduce the quotation: "said", "told", "according to", ":"."""

    start: int  # first character of the cue
    end: int  # exclusive
    text: str  # the cue as written ("said", "according to", "tweeted")


class Source(msgspec.Struct):
    """The words in the text that name the speaker: "Ms Smith", "she", "the ministry"."""

    start: int  # first character of the source words
    end: int  # exclusive
    text: str  # the words as written


class Speaker(msgspec.Struct):
    """The canonical entity the source resolves to, exactly as in `doc._.newsx_entities`."""

    type: str  # person, organisation or place (the entity's type)
    name: str  # the entity's canonical name


class Quote(msgspec.Struct):
    """One quotation: its content, how it is introduced and who said it."""

    start: int  # content start; a direct quote's content includes its opening quotation mark
    end: int  # content end, exclusive; a direct quote's includes its closing mark when it has one
    text: str  # the content as written (doc.text[start:end])
    direct: bool  # true: in quotation marks; false: reported ("X said that ...", "according to X")
    cue: Cue | None  # null: no cue found (a quote that continues an earlier one, or unattributed)
    source: Source | None  # null: no words name the speaker
    speaker: Speaker | None  # null: the source does not resolve to one of the article's entities
    # the index (in doc._.newsx_quotes) of the quote this one continues: the second half of a
    # quote split by its cue ("'...,' she said. '...'") or the next paragraph of a long quote
    continues: int | None = None


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
    quotes: list[Quote] = msgspec.field(default_factory=list)  # who said what, in text order
    authors: list[str] = msgspec.field(default_factory=list)  # the by-line's and page's names
    date_raw: str | None = None  # the date as the input gave it, when it could not be read


class RecordWithText(Record):
    """A record with the text newsx read (--with-text): every offset indexes it."""

    text: str = ""


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
    quotes: list[Quote] = msgspec.field(default_factory=list)


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
    """What `--type`, `--min-salience`, `--no-mentions` and `--no-quotes` leave of a record."""

    types: frozenset[str] = frozenset(ENTITY_TYPES)
    min_salience: float = 0.0
    mentions: bool = True
    quotes: bool = True

    @classmethod
    def parse(cls, types: str | None, min_salience: float, mentions: bool,
              quotes: bool = True) -> RecordFilter:
        """A filter from command-line values; a usage error for an unknown type."""
        chosen = {t.strip() for t in (types or ",".join(ENTITY_TYPES)).split(",") if t.strip()}
        unknown = chosen - set(ENTITY_TYPES)
        if unknown or not chosen:
            raise UsageError(f"--type: unknown entity type {', '.join(sorted(unknown)) or '(none)'};"
                             f" choose from {', '.join(ENTITY_TYPES)}")
        return cls(frozenset(chosen), min_salience, mentions, quotes)

    def __call__(self, record: Record) -> Record:
        if self == RecordFilter():
            return record
        entities = [
            msgspec.structs.replace(e, mentions=e.mentions if self.mentions else [])
            for e in record.entities
            if e.type in self.types and e.salience >= self.min_salience
        ]
        return msgspec.structs.replace(record, entities=entities,
                                       quotes=record.quotes if self.quotes else [])
