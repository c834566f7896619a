"""Compressed inputs (.gz, .bz2, .xz, .zst), read as streams: never unpacked whole."""

from __future__ import annotations

import bz2
import gzip
import lzma
from typing import IO, Any

SUFFIXES = (".gz", ".bz2", ".xz", ".zst")


def inner_name(name: str) -> str:
    """The name without its compression suffix ("news.jsonl.gz" -> "news.jsonl")."""
    lower = name.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def decompressed(stream: IO[bytes], name: str) -> Any:
    """A stream of the uncompressed bytes of `stream`, by the suffix of `name`."""
    lower = name.lower()
    if lower.endswith(".gz"):
        return gzip.GzipFile(fileobj=stream)  # a stream of bytes, like the others
    if lower.endswith(".bz2"):
        return bz2.BZ2File(stream)
    if lower.endswith(".xz"):
        return lzma.LZMAFile(stream)
    if lower.endswith(".zst"):
        try:
            import zstandard
        except ImportError:
            raise OSError(f"{name}: reading .zst needs zstandard (pip install zstandard)") from None
        reader: Any = zstandard.ZstdDecompressor().stream_reader(stream)
        return reader
    return stream
