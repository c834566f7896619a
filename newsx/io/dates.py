"""Dates as ISO 8601, from whatever an input gives: ISO already, RFC 2822 (RSS, e-mail),
"2024-06-01 10:00:00", "June 1, 2024". A date that cannot be read stays as given."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from newsx.io.article import Article

FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y",
           "%d %B %Y", "%d %b %Y", "%Y%m%d")


def iso_date(value: str | None) -> tuple[str | None, str | None]:
    """(ISO 8601 date or date-time, None) for a date newsx can read, else (None, value):
    a date-time keeps its offset ("2024-06-01T10:00:00+00:00"), a date stays a date."""
    if value is None:
        return None, None
    text = value.strip()
    if not text:
        return None, None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat(), None
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat(), None
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat(), None
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return (parsed.date().isoformat() if "%H" not in fmt else parsed.isoformat()), None
    return None, value


class DateNotes:
    """Dates made ISO 8601; one that cannot be read is kept in date_raw and warned about
    once per file."""

    def __init__(self, name: str) -> None:
        self.name, self.told = name, False

    def check(self, article: Article) -> list[str]:
        """Normalises the article's date; a warning the first time one cannot be read."""
        article.date, article.date_raw = iso_date(article.date)
        if article.date_raw is None or self.told:
            return []
        self.told = True
        return [f"{self.name}: cannot read the date {article.date_raw!r} (of {article.id}); "
                "kept as date_raw, and so for any other such date of this file"]
