"""Articles from JSON Lines (one object a line), or from a .json file holding one article
object or an array of them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newsx.io.article import Article, ReadOptions, ReadProblem
from newsx.io.dates import DateNotes
from newsx.io.text import Decoder


def jsonl_articles(f: Iterable[bytes], name: str, options: ReadOptions,
                   first_line: int = 1) -> Iterator[Article]:
    """Articles from JSON Lines; `first_line`: the number of the first line (a later part).
    A line that is not an article is an error record; a wrong --text-key is said once, with
    the fields the file has."""
    decode = Decoder(name, options.encoding)
    dates = DateNotes(name)
    for n, raw in enumerate(f, first_line):
        if not raw.strip():
            continue
        where = f"{name}:{n}"
        line = decode(raw)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problem = e.msg.removesuffix(" at").lower()
            yield Article(where, name, error=ReadProblem(
                "InvalidJSON", f"{where}: not valid JSON at column {e.colno}: {problem}"))
            continue
        article = from_object(obj, where, name, options.text_key)
        article.warnings += decode.take_warnings() + dates.check(article)
        yield article


def json_document(data: bytes, name: str, options: ReadOptions) -> list[Article] | None:
    """A .json file holding one article object or an array of them; None for JSON Lines."""
    try:
        obj = json.loads(Decoder(name, options.encoding)(data))
    except json.JSONDecodeError:
        return None
    items = obj if isinstance(obj, list) else [obj]
    dates = DateNotes(name)
    out = []
    for i, item in enumerate(items, 1):
        article = from_object(item, f"{name}:{i}" if isinstance(obj, list) else name, name,
                              options.text_key)
        article.warnings += dates.check(article)
        out.append(article)
    return out


def from_object(obj: object, where: str, name: str, text_key: str) -> Article:
    """The article of one JSON object."""
    if not isinstance(obj, dict):
        return Article(where, name, error=ReadProblem("InvalidRecord",
                                                      f"{where}: not a JSON object"))
    ident = str(obj["id"]) if obj.get("id") is not None else where
    text = obj.get(text_key)
    authors = obj.get("authors") or obj.get("author") or []
    article = Article(ident, name, title=_str(obj.get("title")), url=_str(obj.get("url")),
                      date=_str(obj.get("date")),
                      authors=[str(a) for a in ([authors] if isinstance(authors, str)
                                                else authors if isinstance(authors, list)
                                                else [])])
    if not isinstance(text, str):
        if text is None:
            fields = ", ".join(sorted(map(str, obj))) or "none"
            message = (f"{where}: no field {text_key!r} (its fields: {fields}); choose the "
                       "text's field with --text-key")
        else:
            message = f"{where}: field {text_key!r} is not a string"
        article.error = ReadProblem("MissingText", message)
    else:
        article.text = text
        if not text.strip():
            article.warnings.append(f"{where}: no text found")
    return article


def _str(value: object) -> str | None:
    return None if value is None else str(value)
