"""A Datasette plugin (installed with `pip install 'newsx[datasette]'`): `datasette news.db`
opens a database newsx wrote with titles, descriptions, facets and canned queries.

Datasette finds it through the `datasette` entry point; it describes only databases that hold
newsx's `newsx` table, and a metadata file given with `-m` still wins over it.
"""

from __future__ import annotations

import sqlite3
from functools import cache
from typing import Any

from datasette import hookimpl

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "One row per article newsx read; error is set when it could not be.",
        "facets": ["source", "language", "error", {"date": "date"}],
        "sort_desc": "date",
    },
    "entities": {
        "description": "People, places and organisations across the corpus, one row each; "
                       "places with their ISO country, GeoNames id and point.",
        "facets": ["type", "country"],
    },
    "article_entities": {
        "description": "Which entity is in which article: mentions (count), salience (0-1) "
                       "and the surface forms (aliases).",
        "facets": ["entity_id"],
    },
    "mentions": {"description": "Every mention with its character offsets in the article."},
    "quotes": {"description": "Who said what: each quotation, direct or reported, with its "
               "cue, the words naming its source and the speaker's entity.",
               "facets": ["speaker_type", "speaker_name", "direct"]},
    "topics": {"description": "newsx's topics, each with its IPTC Media Topics codes."},
    "article_topics": {
        "description": "Topics of each article: score (0-1), the classifier's probability "
                       "(model) and the terms found (evidence).",
        "facets": ["topic_id"],
    },
    "categories": {"description": "IPTC Media Topics top-level categories."},
    "article_categories": {"description": "Categories of each article.",
                           "facets": ["category"]},
    "newsx": {"hidden": True},
}

QUERIES: dict[str, dict[str, Any]] = {
    "top_people": {
        "title": "Top people",
        "description": "People in the most articles, with mentions and mean salience.",
        "sql": """select e.name, count(*) as articles, sum(ae.count) as mentions,
  round(avg(ae.salience), 3) as salience
from article_entities ae join entities e on e.id = ae.entity_id
where e.type = 'person' and ae.salience > 0
group by e.id order by articles desc, mentions desc limit 50""",
    },
    "who_with_whom": {
        "title": "Who appears with whom",
        "description": "Entities that share articles with the one named (e.g. Joe Biden).",
        "sql": """select other.type, other.name, count(*) as articles
from entities me
join article_entities a on a.entity_id = me.id
join article_entities b on b.article_id = a.article_id and b.entity_id != a.entity_id
join entities other on other.id = b.entity_id
where me.name = :name
group by other.id order by articles desc limit 50""",
    },
    "topics_by_week": {
        "title": "Topics by week",
        "description": "Articles per topic and week, for dated articles.",
        "sql": """select strftime('%Y-W%W', a.date) as week, t.name as topic, count(*) as articles
from article_topics at join articles a on a.id = at.article_id
join topics t on t.id = at.topic_id
where a.date is not null
group by week, t.id order by week, articles desc""",
    },
}


@cache
def is_newsx(path: str) -> bool:
    """Whether the database at `path` was written by newsx."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("select value from newsx where key = 'schema'").fetchone()
            return row is not None
    except sqlite3.Error:
        return False


def database_metadata(name: str) -> dict[str, Any]:
    """Titles, facets and canned queries for a newsx database."""
    return {
        "title": f"newsx: {name}",
        "description": "People, places, organisations and IPTC-coded topics extracted from "
                       "news articles by newsx.",
        "tables": TABLES,
        "queries": QUERIES,
    }


@hookimpl  # type: ignore[untyped-decorator]
def get_metadata(datasette: Any, key: str, database: str | None,
                 table: str | None) -> dict[str, Any]:
    """Datasette hook: newsx's metadata for its databases."""
    databases = {name: database_metadata(name) for name, db in datasette.databases.items()
                 if getattr(db, "path", None) and is_newsx(str(db.path))}
    return {"databases": databases} if databases else {}
