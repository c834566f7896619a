"""The output records: the JSON contract of newsx (see README "Output record")."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Any

import msgspec

from newsx.errors import UsageError

SCHEMA_VERSION = "1"


def D(description: str) -> msgspec.Meta:  # noqa: N802 (reads as a type annotation)
    """A field's description for the JSON Schema."""
    return msgspec.Meta(description=description)


class Mention(msgspec.Struct):
    """Where an entity is named in the text."""

    start: Annotated[int, D("Python string index into the article text, inclusive.")]
    end: Annotated[int, D("Python string index into the article text, exclusive.")]
    text: Annotated[str, D("The words as written (text[start:end]).")]
    label: Annotated[str, D("The spaCy label after newsx's repairs: PERSON, GPE, LOC, ORG.")]


class Entity(msgspec.Struct):
    """A person, place or organisation of one article, its mentions merged."""

    type: Annotated[str, D("person, place or organisation: one per name in an article.")]
    name: Annotated[str, D("The canonical name (the longest full form used).")]
    aliases: Annotated[list[str], D("Distinct surface forms, in order of first appearance.")]
    count: Annotated[int, D("How many times the article names it.")]
    salience: Annotated[float, D("0-1, 1 for the article's most salient entity; 0 for a "
                                 "by-line's or credit's name.")]
    country: Annotated[str | None, D("ISO 3166-1 alpha-2 code of a place, else null.")]
    mentions: Annotated[list[Mention], D("Each place the text names it (empty with "
                                         "--no-mentions).")]
    geonames_id: Annotated[int | None, D("The place's GeoNames id; null when unsure.")] = None
    lat: Annotated[float | None, D("Latitude of the place's point (GeoNames' own for a city "
                                   "or a country; an area centre for a region).")] = None
    lon: Annotated[float | None, D("Longitude of the place's point.")] = None
    admin1: Annotated[str | None, D("GeoNames first-level region code, such as US.CA.")] = None


class Evidence(msgspec.Struct):
    """Why a topic was found: a taxonomy term of the topic (`source` "term"), or a word or
    bigram of the text that pushed the classifier's probability up ("model")."""

    term: Annotated[str, D("The taxonomy term, or the classifier's word or bigram.")]
    count: Annotated[int, D("How often it occurs in the text.")]
    source: Annotated[str, D('"term" (the taxonomy) or "model" (the classifier).')] = "term"
    weight: Annotated[float | None, D("A term's weight in the taxonomy; a model word's exact "
                                      "push on the classifier's log-odds.")] = None


class Topic(msgspec.Struct):
    """A topic of the article: its taxonomy id and IPTC codes, a 0-1 score and its evidence."""

    id: Annotated[str, D("The taxonomy's topic id (`newsx topics` lists them).")]
    name: Annotated[str, D("The topic's name.")]
    iptc: Annotated[list[str], D("IPTC Media Topics codes (medtop:...).")]
    score: Annotated[float, D("0-1: terms and classifier combined; --min-score cuts on it.")]
    evidence: Annotated[list[Evidence], D(
        "The terms found, then the words that pushed the classifier. Never empty: an "
        "article's topic always has a term; a short item's may rest on the model.")]
    model: Annotated[float | None, D("The classifier's calibrated probability; null: the "
                                     "topic has no model.")] = None
    model_share: Annotated[float | None, D("The share of `score` that comes from the "
                                           "classifier.")] = None
    term_score: Annotated[float | None, D("The score of the taxonomy terms alone (0-1).")] = None


class Cue(msgspec.Struct):
    """The words that introduce the quotation: "said", "told", "according to", ":"."""

    start: Annotated[int, D("First character of the cue.")]
    end: Annotated[int, D("End of the cue, exclusive.")]
    text: Annotated[str, D('The cue as written ("said", "according to", "tweeted").')]


class Source(msgspec.Struct):
    """The words in the text that name the speaker: "Ms Smith", "she", "the ministry"."""

    start: Annotated[int, D("First character of the source words.")]
    end: Annotated[int, D("End of the source words, exclusive.")]
    text: Annotated[str, D("The words as written.")]


class Speaker(msgspec.Struct):
    """The canonical entity the source resolves to, exactly as in `doc._.newsx_entities`."""

    type: Annotated[str, D("The entity's type: person, organisation or place.")]
    name: Annotated[str, D("The entity's canonical name.")]


class Quote(msgspec.Struct):
    """One quotation: its content, how it is introduced and who said it."""

    start: Annotated[int, D("Content start; a direct quote's includes its opening mark.")]
    end: Annotated[int, D("Content end, exclusive; includes a closing mark when there is one.")]
    text: Annotated[str, D("The content as written (text[start:end]).")]
    direct: Annotated[bool, D('true: in quotation marks; false: reported ("X said that ...", '
                              '"according to X").')]
    cue: Annotated[Cue | None, D("null: no cue found (a continuation, or unattributed).")]
    source: Annotated[Source | None, D("null: no words name the speaker.")]
    speaker: Annotated[Speaker | None, D("null: the source is none of the article's "
                                         "entities.")]
    continues: Annotated[int | None, D(
        "Index (in `quotes`) of the quote this one continues: the second half of a quote "
        "split by its cue, or the next paragraph of a long quote.")] = None


class Category(msgspec.Struct):
    """An IPTC Media Topics top-level category, scored by its best topic."""

    iptc: Annotated[str, D("The category's IPTC code (medtop:...).")]
    name: Annotated[str, D("The category's IPTC name.")]
    score: Annotated[float, D("The score of its best topic.")]


class Error(msgspec.Struct):
    """Why an article has no results: the kind (FileNotFound, ProcessingError, ...) and a
    message for the user."""

    type: Annotated[str, D("The kind: FileNotFound, DecodeError, ProcessingError, ...")]
    message: Annotated[str, D("What went wrong, for the user.")]


class Record(msgspec.Struct):
    """What newsx says about one article: the JSON contract of its output."""

    id: Annotated[str, D("The article's id: its file, file:line, URL or the input's own id.")]
    source: Annotated[str, D("The input it was read from.")]
    title: Annotated[str | None, D("The headline.")] = None
    url: Annotated[str | None, D("The article's address, when the input gives one.")] = None
    date: Annotated[str | None, D("ISO 8601 date or date-time.")] = None
    language: Annotated[str | None, D("ISO 639-1 code of the text's language; null if "
                                      "unsure.")] = None
    entities: Annotated[list[Entity], D("People, places, organisations, most salient "
                                        "first.")] = msgspec.field(default_factory=list)
    topics: Annotated[list[Topic], D("Topics, best first.")] = msgspec.field(
        default_factory=list)
    categories: Annotated[list[Category], D("IPTC top-level categories, best first.")] = (
        msgspec.field(default_factory=list))
    error: Annotated[Error | None, D("Why the article has no results; null when it "
                                     "has.")] = None
    quotes: Annotated[list[Quote], D("Who said what, in text order.")] = msgspec.field(
        default_factory=list)
    authors: Annotated[list[str], D("The by-line's and the page's author names.")] = (
        msgspec.field(default_factory=list))
    date_raw: Annotated[str | None, D("The date as the input gave it, when it could not be "
                                      "read.")] = None
    skipped: Annotated[str | None, D("Why the article was not analysed (its language is not "
                                     "one of --languages); null when it was.")] = None


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
    """What `--type`, `--min-salience`, `--no-mentions`, `--no-quotes` and `--languages` leave
    of a record. A text whose language is known and not one of `languages` keeps its id,
    title, date and language, and says why it has nothing else in `skipped`."""

    types: frozenset[str] = frozenset(ENTITY_TYPES)
    min_salience: float = 0.0
    mentions: bool = True
    quotes: bool = True
    languages: frozenset[str] = frozenset()  # empty: every language is analysed

    @classmethod
    def parse(cls, types: str | None, min_salience: float, mentions: bool,
              quotes: bool = True, languages: Iterable[str] = ()) -> RecordFilter:
        """A filter from command-line values; a usage error for an unknown type or a language
        that is not an ISO 639-1 code."""
        chosen = {t.strip() for t in (types or ",".join(ENTITY_TYPES)).split(",") if t.strip()}
        unknown = chosen - set(ENTITY_TYPES)
        if unknown or not chosen:
            raise UsageError(f"--type: unknown entity type {', '.join(sorted(unknown)) or '(none)'};"
                             f" choose from {', '.join(ENTITY_TYPES)}")
        codes = frozenset(code.strip().lower() for code in languages if code.strip())
        wrong = sorted(c for c in codes if len(c) != 2 or not c.isalpha())
        if wrong:
            raise UsageError(f"--languages: {', '.join(wrong)} is not a two-letter ISO 639-1 "
                             "code; give codes such as en,de,fr")
        return cls(frozenset(chosen), min_salience, mentions, quotes, codes)

    def skips(self, record: Record) -> bool:
        """Whether the record's language is known and not one of `languages`."""
        return bool(self.languages) and record.error is None and (
            record.language is not None and record.language not in self.languages)

    def __call__(self, record: Record) -> Record:
        if self == RecordFilter():
            return record
        if self.skips(record):
            return msgspec.structs.replace(
                record, entities=[], topics=[], categories=[], quotes=[],
                skipped=f"its language ({record.language}) is not one of --languages "
                        f"({','.join(sorted(self.languages))})")
        entities = [
            msgspec.structs.replace(e, mentions=e.mentions if self.mentions else [])
            for e in record.entities
            if e.type in self.types and e.salience >= self.min_salience
        ]
        return msgspec.structs.replace(record, entities=entities,
                                       quotes=record.quotes if self.quotes else [])
