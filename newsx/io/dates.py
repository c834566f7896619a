"""Dates as ISO 8601, from whatever an input gives: ISO already, RFC 2822 (RSS, e-mail),
"2024-06-01 10:00:00", "June 1, 2024". A date that cannot be read stays as given."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

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
