"""The report's records (msgspec Structs): the JSON contract of `newsx report --format json`,
whose schema `newsx schema --report` prints."""

from __future__ import annotations

from typing import Any

import msgspec


class EntityCount(msgspec.Struct):
    """An entity across the articles: in how many, mentioned how often, how salient."""

    type: str
    name: str
    country: str | None
    articles: int
    mentions: int
    salience: float


class PlaceCount(EntityCount):
    """A place with its point, for the map."""

    lat: float | None = None
    lon: float | None = None


class TopicCount(msgspec.Struct):
    """A topic: in how many articles, with its mean score."""

    id: str
    name: str
    articles: int
    score: float


class CategoryCount(msgspec.Struct):
    """An IPTC top-level category: in how many articles."""

    iptc: str
    name: str
    articles: int


class Pair(msgspec.Struct):
    """Two entities named in the same articles."""

    a: str
    a_type: str
    b: str
    b_type: str
    articles: int


class DateCount(msgspec.Struct):
    """Articles dated on a day (YYYY-MM-DD)."""

    date: str
    articles: int


class WeekCount(msgspec.Struct):
    """Articles of one of the five main topics in an ISO week (YYYY-Www)."""

    week: str
    topic: str
    articles: int


class QuotedCount(msgspec.Struct):
    """A speaker: how many quotes, in how many articles."""

    type: str
    name: str
    quotes: int
    articles: int


class ReportFilters(msgspec.Struct):
    """The filters a report was made with."""

    types: list[str]
    topic: str | None
    since: str | None
    until: str | None
    top: int


class Report(msgspec.Struct):
    """`newsx report`: who and what dominates a corpus."""

    articles: int
    filters: ReportFilters
    entities: list[EntityCount]
    topics: list[TopicCount]
    categories: list[CategoryCount]
    pairs: list[Pair]
    dates: list[DateCount]
    weeks: list[WeekCount]
    places: list[PlaceCount]
    quoted: list[QuotedCount] = msgspec.field(default_factory=list)  # most quoted speakers


def report_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a report."""
    schema = msgspec.json.schema(Report)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "newsx report"
    return schema
