"""Turn paths, folders, globs and stdin into articles: text, HTML (trafilatura), JSON Lines,
RSS/Atom feeds (feedparser) and web archives (warcio), each also gzip-, bzip2-, xz- or
zstd-compressed; what cannot be read is an error record."""

from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO

from newsx.io.article import Article, ReadOptions, ReadProblem
from newsx.io.compressed import SUFFIXES, decompressed, inner_name
from newsx.io.feeds import feed_articles, is_feed
from newsx.io.html import html_to_text
from newsx.io.jsonl import json_document, jsonl_articles
from newsx.io.text import Decoder
from newsx.io.warc import warc_articles
from newsx.settings import LITTLE_TEXT_WORDS

EXTENSIONS = {
    ".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
    ".json": "jsonl", ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc",
    ".arc": "warc",
}
FORMATS = ("auto", "text", "html", "jsonl", "feed", "warc")
STDIN = "-"
Opener = Callable[[str], AbstractContextManager[BinaryIO]]


def iter_articles(paths: Iterable[str], input_format: str = "auto", text_key: str = "text",
                  encoding: str | None = None, with_text: bool = False) -> Iterator[Article]:
    """Articles from each path in order: files, folders (recursively, sorted), globs
    ('pages/*.html', '**' for any depth) or "-" for stdin."""
    options = ReadOptions(input_format, text_key, encoding, with_text)
    for article in _articles(paths, options):
        article.keep_text = with_text
        yield article


def _articles(paths: Iterable[str], options: ReadOptions) -> Iterator[Article]:
    for path in paths:
        if path == STDIN:
            yield from read_stream(sys.stdin.buffer, "stdin", options)
        elif os.path.isdir(path):
            files, problems = list_folder(path)
            yield from problems
            for file in files:
                yield from read_path(file, options)
        elif not os.path.exists(path) and glob.has_magic(path):
            matches = sorted(f for f in glob.glob(path, recursive=True) if os.path.isfile(f))
            if not matches:
                yield Article(path, path, error=ReadProblem("FileNotFound",
                                                            f"nothing matches {path}"))
            for file in matches:
                yield from read_path(file, options)
        else:
            yield from read_path(path, options)


def format_of(name: str) -> str:
    """The format a file name says ("" when it says none), compression suffix aside."""
    return EXTENSIONS.get(Path(inner_name(name)).suffix.lower(), "")


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
        files += [os.path.join(root, n) for n in names if format_of(n)]
    if not files and not denied:
        kinds = "/".join(sorted(EXTENSIONS))
        denied.append(Article(path, path, error=ReadProblem(
            "NoArticles", f"no {kinds} files (or compressed ones: {'/'.join(SUFFIXES)}) in "
            f"folder {path}")))
    return sorted(files), denied


def _open_binary(path: str) -> BinaryIO:
    return open(path, "rb")  # noqa: SIM115 (read_path closes it)


def read_path(path: str, options: ReadOptions | None = None,
              opener: Opener = _open_binary) -> Iterator[Article]:
    """The articles of one file; what cannot be read is an error record. `opener` opens the
    path for binary reading (Dask workers pass fsspec's, for URLs)."""
    options = options or ReadOptions()
    try:
        with opener(path) as f:
            yield from read_stream(f, path, options)
    except FileNotFoundError:
        yield Article(path, path, error=ReadProblem("FileNotFound", f"no such file: {path}"))
    except IsADirectoryError:
        yield Article(path, path, error=ReadProblem("IsADirectory", f"not a file: {path}"))
    except PermissionError:
        yield Article(path, path, error=ReadProblem("PermissionDenied", f"cannot read {path}"))
    except (OSError, EOFError) as e:  # also a compressed file that breaks off
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        yield Article(path, path, error=ReadProblem("ReadError", f"cannot read {path}: {reason}"))


def read_stream(f: BinaryIO, name: str, options: ReadOptions) -> Iterator[Article]:
    """The articles of one open input, by its format (given, from its name, or sniffed)."""
    fmt = options.input_format if options.input_format != "auto" else format_of(name)
    if fmt == "warc":  # warcio reads gzipped records itself
        yield from warc_articles(f, name, options)
        return
    stream: BinaryIO = decompressed(f, name)
    if not fmt and hasattr(stream, "peek"):  # stdin: look ahead without consuming a stream
        fmt = sniff(stream.peek(2048))
        if fmt == "warc":
            yield from warc_articles(stream, name, options)
            return
    if fmt == "jsonl" and not inner_name(name).lower().endswith(".json"):
        yield from _at_least_one(jsonl_articles(stream, name, options), name)
        return
    data = stream.read()
    fmt = fmt or sniff(data)
    if fmt == "jsonl":  # a .json file: one object or an array, else JSON Lines
        found = json_document(data, name, options)
        yield from _at_least_one(found or jsonl_articles(io.BytesIO(data), name, options), name)
    elif fmt == "feed" and (options.input_format == "feed" or is_feed(data[:2048])):
        yield from feed_articles(data, name)
    elif fmt == "feed":
        yield Article(name, name, error=ReadProblem(
            "NotAFeed", f"{name}: XML that is not an RSS or Atom feed; read it with -i text "
            "or -i html"))
    elif b"\x00" in data[:8192]:
        yield Article(name, name, error=ReadProblem("BinaryFile",
                                                    f"{name} looks binary; not parsed"))
    else:
        yield _document(data, name, fmt, options)


def _document(data: bytes, name: str, fmt: str, options: ReadOptions) -> Article:
    """A text file or a web page: one article."""
    decode = Decoder(name, options.encoding)
    text = decode(data)
    article = Article(name, name, warnings=decode.take_warnings())
    if fmt == "html":
        try:
            page = html_to_text(text)
        except ImportError as e:  # a broken installation loses this input, not the others
            article.error = ReadProblem("MissingDependency", f"{name}: cannot read HTML ({e});"
                                        " reinstall newsx with `pip install .`")
            return article
        except Exception as e:  # a page the HTML parser cannot take
            article.error = ReadProblem("HTMLError", f"{name}: cannot extract text ({e}); "
                                        "read it as text with -i text")
            return article
        article.text, article.title, article.url = page.text, page.title, page.url
        article.date, article.authors = page.date, page.authors
    else:
        article.text = text
        article.title = headline(text)
    little = little_text(article.text, name, LITTLE_TEXT_WORDS if fmt == "html" else 1)
    if little:
        if fmt == "html":
            little += " (if this is not an HTML page, read it with -i text)"
        article.warnings.append(little)
    return article


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
        yield Article(name, name, error=ReadProblem("NoArticles",
                                                    f"{name}: no articles in this file"))


def sniff(data: bytes) -> str:
    """Guess the format of extension-less input (stdin): jsonl, feed, warc, html or text."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if head.startswith(b"{") or head.startswith(b"["):
        return "jsonl"
    if head.startswith(b"warc/"):
        return "warc"
    if is_feed(head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"
