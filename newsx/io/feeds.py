"""RSS and Atom feeds (feedparser): each item an article, its HTML content or summary as
text, its link as url and its published date as ISO 8601."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Any

from newsx.io.article import Article, ReadProblem
from newsx.io.dates import DateNotes
from newsx.io.html import fragment_text

FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf")


def is_feed(head: bytes) -> bool:
    """Whether the start of a file is an RSS or Atom feed."""
    start = head.lstrip()[:1024].lower()
    return any(mark in start for mark in FEED_MARKS)


def feed_articles(data: bytes, name: str) -> Iterator[Article]:
    """The items of a feed; a file that is not one is an error record."""
    import feedparser

    feed = feedparser.parse(data)
    entries = list(feed.entries)
    if not entries:
        problem = "no items" if feed.get("version") else "not an RSS or Atom feed"
        yield Article(name, name, error=ReadProblem("NoArticles", f"{name}: {problem}"))
        return
    dates = DateNotes(name)
    for n, entry in enumerate(entries, 1):
        article = _article(entry, name, n)
        article.warnings += dates.check(article)
        yield article


def _article(entry: Any, name: str, n: int) -> Article:
    content = entry.get("content") or []
    body = content[0].get("value", "") if content else entry.get("summary", "")
    title = fragment_text(entry.get("title", "")) or None
    text = fragment_text(body or "")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    ident = entry.get("id") or entry.get("link") or f"{name}:{n}"
    article = Article(str(ident), name, text, title, entry.get("link"), _date(entry), None,
                      [a.get("name", "") for a in entry.get("authors", []) if a.get("name")])
    if not text.strip():
        article.warnings.append(f"{name}: item {n} has no text")
    return article


def _date(entry: Any) -> str | None:
    """The item's date: ISO 8601 from feedparser's parsed time (UTC), else as the feed gives
    it (DateNotes makes it ISO, or keeps it as date_raw)."""
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:  # feedparser's time.struct_time, in UTC
            return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).isoformat()
        if entry.get(key):
            return str(entry.get(key))
    return None
