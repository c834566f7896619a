"""Inputs cut into parts that workers read themselves (Dask): whole files, or line-aligned byte
ranges of a large JSON Lines file. The planner lists names and sizes only, never text."""

from __future__ import annotations

import dataclasses
import glob
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsx.errors import UsageError
from newsx.io.article import Article, ReadOptions, ReadProblem
from newsx.io.jsonl import jsonl_articles
from newsx.io.read import format_of, list_folder, read_path

FILES_PER_PART = 32
MIN_BLOCK, MAX_BLOCK = 64 * 1024, 8 * 1024 * 1024


@dataclass(frozen=True)
class Part:
    """A unit of work: whole files, or bytes [start, end) of one JSON Lines file whose first
    line is number `first_line` (None until counted)."""

    files: tuple[str, ...] = ()
    jsonl: str | None = None
    start: int = 0
    end: int = 0
    first_line: int | None = None
    options: ReadOptions = ReadOptions()



def plan(paths: Iterable[str], options: ReadOptions | None = None,
         workers: int = 2) -> Iterator[Part | list[Part] | Article]:
    """In input order: parts of whole files, the byte ranges of one large JSON Lines file (a
    list: their line numbers are counted before they run), and error records for inputs
    that cannot be listed."""
    import fsspec

    for path in paths:
        if path == "-":
            raise UsageError("--scheduler reads files, folders, globs or URLs, not stdin: "
                             "workers cannot read this process's stdin")
        local = "://" not in path
        fs, root = fsspec.core.url_to_fs(path)
        files: list[str] = []
        if glob.has_magic(path):
            files = (sorted(f for f in glob.glob(path, recursive=True) if os.path.isfile(f))
                     if local else sorted(_url(path, p) for p in fs.glob(root)))
            if not files:
                yield Article(path, path, error=ReadProblem("FileNotFound", f"nothing matches {path}"))
        elif local and os.path.isdir(path):
            files, problems = list_folder(path)
            yield from problems
        elif not local and fs.isdir(root):
            files = sorted(_url(path, p) for p in fs.find(root)
                           if format_of(p))
            if not files:
                yield Article(path, path, error=ReadProblem("NoArticles", f"no article files in {path}"))
        else:
            files = [path]
        yield from _parts(files, options or ReadOptions(), workers)


def _url(original: str, found: str) -> str:
    return f"{original.split('://', 1)[0]}://{found}"


def _parts(files: list[str], options: ReadOptions,
           workers: int) -> Iterator[Part | list[Part]]:
    """Groups of whole files; a large JSON Lines file becomes byte ranges of its own."""
    import fsspec

    group: list[str] = []
    for name in files:
        size = 0
        # a plain (uncompressed) JSON Lines file can be cut into byte ranges
        if name.lower().endswith(".jsonl") and options.input_format in ("auto", "jsonl"):
            try:
                fs, root = fsspec.core.url_to_fs(name)
                size = int(fs.size(root) or 0)
            except OSError:
                size = 0  # a whole-file part: the worker reports the error
        if size > MIN_BLOCK:
            if group:
                yield Part(files=tuple(group), options=options)
                group = []
            block = min(MAX_BLOCK, max(MIN_BLOCK, size // (8 * max(1, workers))))
            yield [Part(jsonl=name, start=start, end=min(size, start + block),
                        options=options)
                   for start in range(0, size, block)]
            continue
        group.append(name)
        if len(group) >= FILES_PER_PART:
            yield Part(files=tuple(group), options=options)
            group = []
    if group:
        yield Part(files=tuple(group), options=options)


def numbered(ranges: list[Part], counts: list[int]) -> list[Part]:
    """The ranges of one JSON Lines file with the number of their first line."""
    out, first = [], 1
    for part, n in zip(ranges, counts, strict=True):
        out.append(dataclasses.replace(part, first_line=first))
        first += n
    return out



def _block(part: Part) -> bytes:
    """The lines that start in [start, end) of the file (each line belongs to one part)."""
    import fsspec

    assert part.jsonl is not None
    with fsspec.open(part.jsonl, "rb") as f:
        if part.start:
            f.seek(part.start - 1)
            if f.read(1) != b"\n":
                f.readline()  # the rest of a line that started in the previous part
        data = bytearray()
        while f.tell() < part.end:
            line = f.readline()
            if not line:
                break
            data += line
        return bytes(data)


def count_lines(part: Part) -> int:
    """The number of lines that start in the part's byte range."""
    return _block(part).count(b"\n")


def part_articles(part: Part) -> Iterator[Article]:
    """The articles of a part, read where this runs (a worker), as a local run reads them."""
    for article in _read(part):
        article.keep_text = part.options.with_text
        yield article


def _read(part: Part) -> Iterator[Article]:
    import fsspec

    if part.jsonl is not None:
        yield from jsonl_articles(io.BytesIO(_block(part)), part.jsonl, part.options,
                                  part.first_line or 1)
        return
    for name in part.files:  # the same reading, and errors, as a local run
        yield from read_path(name, part.options, lambda p: fsspec.open(p, "rb"))
