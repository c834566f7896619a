"""The report's records (msgspec Structs): the JSON contract of `newsx report --format json`,
whose schema `newsx schema --report` prints."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from newsx.records import D


class EntityCount(msgspec.Struct):
    """An entity across the articles: in how many, mentioned how often, how salient."""

    type: Annotated[str, D("person, place or organisation.")]
    name: Annotated[str, D("The canonical name.")]
    country: Annotated[str | None, D("ISO 3166-1 alpha-2 code of a place, else null.")]
    articles: Annotated[int, D("Articles that name it.")]
    mentions: Annotated[int, D("Times it is named, over all articles.")]
    salience: Annotated[float, D("Its mean salience in those articles.")]


class PlaceCount(EntityCount):
    """A place with its point, for the map."""

    lat: Annotated[float | None, D("Latitude of its point; null when unsure.")] = None
    lon: Annotated[float | None, D("Longitude of its point.")] = None


class TopicCount(msgspec.Struct):
    """A topic: in how many articles, with its mean score."""

    id: Annotated[str, D("The taxonomy's topic id.")]
    name: Annotated[str, D("The topic's name.")]
    articles: Annotated[int, D("Articles with the topic.")]
    score: Annotated[float, D("Its mean score in those articles.")]


class CategoryCount(msgspec.Struct):
    """An IPTC top-level category: in how many articles."""

    iptc: Annotated[str, D("The category's IPTC code.")]
    name: Annotated[str, D("The category's IPTC name.")]
    articles: Annotated[int, D("Articles in the category.")]


class Pair(msgspec.Struct):
    """Two entities named in the same articles."""

    a: Annotated[str, D("The first entity's name.")]
    a_type: Annotated[str, D("Its type.")]
    b: Annotated[str, D("The second entity's name.")]
    b_type: Annotated[str, D("Its type.")]
    articles: Annotated[int, D("Articles that name both.")]


class DateCount(msgspec.Struct):
    """Articles dated on a day (YYYY-MM-DD)."""

    date: Annotated[str, D("The day, YYYY-MM-DD.")]
    articles: Annotated[int, D("Articles dated that day.")]


class WeekCount(msgspec.Struct):
    """Articles of one of the five main topics in an ISO week (YYYY-Www)."""

    week: Annotated[str, D("The ISO week, YYYY-Www.")]
    topic: Annotated[str, D("The topic id.")]
    articles: Annotated[int, D("Articles of the topic dated that week.")]


class QuotedCount(msgspec.Struct):
    """A speaker: how many quotes, in how many articles."""

    type: Annotated[str, D("The speaker's entity type.")]
    name: Annotated[str, D("The speaker's canonical name.")]
    quotes: Annotated[int, D("Quotes attributed to the speaker.")]
    articles: Annotated[int, D("Articles that quote the speaker.")]


class ReportFilters(msgspec.Struct):
    """The filters a report was made with."""

    types: Annotated[list[str], D("Entity types kept.")]
    topic: Annotated[str | None, D("Only articles with this topic id; null: all.")]
    since: Annotated[str | None, D("Only articles dated on or after this day.")]
    until: Annotated[str | None, D("Only articles dated on or before this day.")]
    top: Annotated[int, D("Rows per list.")]


class Report(msgspec.Struct):
    """`newsx report`: who and what dominates a corpus."""

    articles: Annotated[int, D("Articles that passed the filters.")]
    filters: Annotated[ReportFilters, D("The filters the report was made with.")]
    entities: Annotated[list[EntityCount], D("Top entities of each type, by articles.")]
    topics: Annotated[list[TopicCount], D("Top topics, by articles.")]
    categories: Annotated[list[CategoryCount], D("IPTC categories, by articles.")]
    pairs: Annotated[list[Pair], D("Entities most often named together.")]
    dates: Annotated[list[DateCount], D("Articles per day.")]
    weeks: Annotated[list[WeekCount], D("Articles per ISO week of the five main topics.")]
    places: Annotated[list[PlaceCount], D("Places with points, for the map.")]
    quoted: Annotated[list[QuotedCount], D("The most quoted speakers.")] = msgspec.field(
        default_factory=list)


def report_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a report."""
    schema = msgspec.json.schema(Report)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "newsx report"
    return schema
