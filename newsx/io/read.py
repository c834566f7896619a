"""Turn paths, folders and stdin into articles: text, HTML (via trafilatura) and JSON Lines."""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, BinaryIO

from newsx.io.article import Article, ReadProblem
from newsx.settings import LITTLE_TEXT_WORDS

EXTENSIONS = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "jsonl",
}
FORMATS = ("auto", "text", "html", "jsonl")
STDIN = "-"
NO_AUTHOR = {"no author", "unknown", "admin", "staff", "anonymous"}  # placeholders, not names
RECALL_CHARS = 500  # main text shorter than this is extracted again, favouring recall


def iter_articles(
    paths: Iterable[str], input_format: str = "auto", text_key: str = "text"
) -> Iterator[Article]:
    """Articles from each path in order: files, folders (recursively, sorted), or "-" for stdin."""
    for path in paths:
        if path == STDIN:
            yield from _from_bytes(sys.stdin.buffer, "stdin", input_format, text_key)
        elif os.path.isdir(path):
            yield from _from_folder(path, input_format, text_key)
        else:
            yield from read_path(path, input_format, text_key)


def _from_folder(path: str, input_format: str, text_key: str) -> Iterator[Article]:
    """Every article file under a folder, sorted; unreadable folders are error records."""
    files, problems = list_folder(path)
    yield from problems
    for file in files:
        yield from read_path(file, input_format, text_key)


def list_folder(path: str) -> tuple[list[str], list[Article]]:
    """The article files under a folder, sorted, and error records for what cannot be read
    (or one NoArticles record for a folder without article files)."""
    files: list[str] = []
    denied: list[Article] = []

    def unreadable(e: OSError) -> None:
        where = e.filename or path
        denied.append(Article(where, where, error=ReadProblem(
            "PermissionDenied" if isinstance(e, PermissionError) else "ReadError",
            f"cannot read folder {where}: {e.strerror}")))

    for root, dirs, names in os.walk(path, onerror=unreadable):
        dirs.sort()
        files += [os.path.join(root, n) for n in names if Path(n).suffix.lower() in EXTENSIONS]
    if not files and not denied:
        msg = f"no {'/'.join(sorted(EXTENSIONS))} files in folder {path}"
        denied.append(Article(path, path, error=ReadProblem("NoArticles", msg)))
    return sorted(files), denied


def _open_binary(path: str) -> BinaryIO:
    return open(path, "rb")  # noqa: SIM115 (read_path closes it)


def read_path(
    path: str, input_format: str = "auto", text_key: str = "text",
    opener: Callable[[str], AbstractContextManager[BinaryIO]] = _open_binary,
) -> Iterator[Article]:
    """The articles of one file; what cannot be read is an error record. `opener` opens the
    path for binary reading (Dask workers pass fsspec's, for URLs)."""
    try:
        with opener(path) as f:
            yield from _from_bytes(f, path, input_format, text_key)
    except FileNotFoundError:
        yield Article(path, path, error=ReadProblem("FileNotFound", f"no such file: {path}"))
    except IsADirectoryError:
        yield Article(path, path, error=ReadProblem("IsADirectory", f"not a file: {path}"))
    except PermissionError:
        yield Article(path, path, error=ReadProblem("PermissionDenied", f"cannot read {path}"))
    except OSError as e:
        yield Article(path, path, error=ReadProblem("ReadError", f"cannot read {path}: {e.strerror}"))


def _from_bytes(f: BinaryIO, name: str, input_format: str, text_key: str) -> Iterator[Article]:
    fmt = input_format
    if fmt == "auto":
        fmt = EXTENSIONS.get(Path(name).suffix.lower(), "")
    if not fmt and hasattr(f, "peek"):  # stdin: look ahead without consuming a stream
        fmt = sniff(f.peek(2048))
    if fmt == "jsonl" and name.lower().endswith(".json"):  # one object or an array, or JSONL
        data = f.read()
        found = _json_document(data, name, text_key)
        yield from _at_least_one(found or jsonl_articles(io.BytesIO(data), name, text_key), name)
        return
    if fmt == "jsonl":
        yield from _at_least_one(jsonl_articles(f, name, text_key), name)
        return
    data = f.read()
    if not fmt:
        fmt = sniff(data)
        if fmt == "jsonl":
            yield from jsonl_articles(io.BytesIO(data), name, text_key)
            return
    if b"\x00" in data[:8192]:
        yield Article(name, name, error=ReadProblem("BinaryFile", f"{name} looks binary; not parsed"))
        return
    text, warning = decode(data, name)
    article = Article(name, name)
    if warning:
        article.warnings.append(warning)
    if fmt == "html":
        try:
            page = html_to_text(text)
        except ImportError as e:  # a broken installation loses this input, not the others
            article.error = ReadProblem("MissingDependency", f"{name}: cannot read HTML ({e}); "
                                  "reinstall newsx with `pip install .`")
            yield article
            return
        except Exception as e:  # a page the HTML parser cannot take
            article.error = ReadProblem("HTMLError", f"{name}: cannot extract text ({e}); "
                                  "read it as text with -i text")
            yield article
            return
        article.text, article.title, article.url, article.date, article.authors = page
    else:
        article.text = text
        article.title = headline(text)
    little = little_text(article.text, name, LITTLE_TEXT_WORDS if fmt == "html" else 1)
    if little:
        if fmt == "html":
            little += " (if this is not an HTML page, read it with -i text)"
        article.warnings.append(little)
    yield article


def headline(text: str) -> str | None:
    """The first line of a text when it is a headline: short, followed by a blank line."""
    first, sep, rest = text.lstrip("\ufeff").partition("\n")
    first = first.strip()
    if not sep or not first or len(first) > 200 or not rest.lstrip(" \t").startswith(("\n", "\r\n")):
        return None
    if first.endswith((".", ",", ";", ":")) and not first.endswith("..."):
        return None
    return first


def little_text(text: str, name: str, least: int = LITTLE_TEXT_WORDS) -> str | None:
    """A warning for an input with no text, or fewer than `least` words (a page whose main
    text was not found is often only a caption)."""
    words = len(text.split())
    if words == 0:
        return f"{name}: no text found"
    if words < least:
        return f"{name}: very little text ({words} word{'s' if words != 1 else ''})"
    return None


def _at_least_one(articles: Iterable[Article], name: str) -> Iterator[Article]:
    """The articles of a JSON (Lines) input, or one error record when it holds none."""
    empty = True
    for article in articles:
        empty = False
        yield article
    if empty:
        yield Article(name, name, error=ReadProblem("NoArticles", f"{name}: no articles in this file"))


def sniff(data: bytes) -> str:
    """Guess the format of extension-less input (stdin): jsonl, html or text."""
    head = data.lstrip()[:2048].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """UTF-8 text (a leading BOM dropped); invalid bytes replaced, with a warning."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        msg = f"{name}: invalid UTF-8 at byte {e.start}, decoded with replacement characters"
        return data.decode("utf-8-sig", errors="replace"), msg


def html_to_text(html: str) -> tuple[str, str | None, str | None, str | None, list[str]]:
    """Main text, title, canonical URL, publication date (ISO 8601) and authors of a web page,
    without navigation, comments or link lists."""
    import trafilatura  # imported only for HTML input: it is slow to import

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # newsx reports, not its log

    def extract(recall: bool) -> Any:
        return trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                           with_metadata=True, favor_recall=recall)

    doc = extract(False)
    text = getattr(doc, "text", None) or ""
    if len(text) < RECALL_CHARS:  # a caption or teaser only: ask for more of the page
        more = extract(True)
        if len(getattr(more, "text", None) or "") > len(text):
            doc, text = more, more.text
    if doc is None:
        return "", None, None, None, []
    meta = [getattr(doc, k, None) or None for k in ("title", "url", "date")]
    authors = [a.strip() for a in str(getattr(doc, "author", None) or "").split(";")]
    authors = [a for a in authors if a and a.lower() not in NO_AUTHOR]
    return text, meta[0], meta[1], meta[2], authors


def jsonl_articles(
    f: Iterable[bytes], name: str, text_key: str = "text", first_line: int = 1
) -> Iterator[Article]:
    """Articles from JSON Lines; `first_line`: the number of the first line (a later part)."""
    for n, raw in enumerate(f, first_line):
        if not raw.strip():
            continue
        where = f"{name}:{n}"
        line, warning = decode(raw, where)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            err = ReadProblem("InvalidJSON", f"{where}: not valid JSON ({e.msg}, column {e.colno})")
            yield Article(where, name, error=err)
            continue
        article = _from_object(obj, where, name, text_key)
        if warning:
            article.warnings.append(warning)
        yield article


def _json_document(data: bytes, name: str, text_key: str) -> list[Article] | None:
    """A .json file holding one article object or an array of them; None for JSON Lines."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if isinstance(obj, list):
        return [_from_object(o, f"{name}:{i}", name, text_key) for i, o in enumerate(obj, 1)]
    return [_from_object(obj, name, name, text_key)]


def _from_object(obj: object, where: str, name: str, text_key: str) -> Article:
    if not isinstance(obj, dict):
        return Article(where, name, error=ReadProblem("InvalidRecord", f"{where}: not a JSON object"))
    ident = str(obj["id"]) if obj.get("id") is not None else where
    text = obj.get(text_key)
    article = Article(
        ident, name, title=_str(obj.get("title")), url=_str(obj.get("url")),
        date=_str(obj.get("date")),
    )
    if not isinstance(text, str):
        problem = "missing" if text is None else "not a string"
        hint = " (choose the field with --text-key)" if text is None else ""
        article.error = ReadProblem("MissingText", f"{where}: field {text_key!r} {problem}{hint}")
    else:
        article.text = text
        if not text.strip():
            article.warnings.append(f"{where}: no text found")
    return article


def _str(value: object) -> str | None:
    return None if value is None else str(value)
