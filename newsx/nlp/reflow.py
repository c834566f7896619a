"""Hard-wrapped text read as prose: a line break inside a sentence becomes a space.

Wire copy, e-mail and plain-text archives break lines at a fixed width, so "New\\nYork" or
"Group\\nInc" reach the model as two names with a line-break token between. In a text whose lines
are filled to one width, a break where the next word would not have fitted on the line is
replaced by a space, unless the line ends a sentence or the next line is blank, indented or a
numbered or bulleted item. The text keeps its length, so
every offset still points into the original.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MIN_LINES = 4
WIDTH_RANGE = (40, 100)  # widths that text is wrapped at
FILLED_SHARE = 0.6  # share of a wrapped text's inner lines that are filled
SENTENCE_ENDS = (".", "!", "?", ":")  # a break there is the writer's as often as not: kept
_ITEM = re.compile(r"(\d{1,3}[.)]|[-*\u2022])\s")  # a numbered or bulleted line starts an item


def _filled(line: str, following: str, w: int) -> bool:
    """Whether the next line's first word would not have fitted on this line: the mark of a
    break made by wrapping inside a sentence, not by the writer."""
    line = line.rstrip(" \t")
    first = following.split(maxsplit=1)[0] if following.strip() else ""
    return (bool(first) and bool(line) and not line[-1].isspace()
            and not following[:1].isspace() and not line.endswith(SENTENCE_ENDS)
            and not _ITEM.match(following)
            and len(line) + 1 + len(first) > w)


def _wrapping(lines: list[str]) -> tuple[int, list[bool]] | None:
    """The width `lines` are wrapped at and, for each break between them, whether wrapping
    made it; None when the lines are not filled to one width."""
    inner = [ln.rstrip() for ln, nxt in itertools.pairwise(lines) if ln.strip() and nxt.strip()]
    if len(inner) < MIN_LINES:
        return None
    sizes = sorted(len(ln) for ln in inner)
    w = sizes[int(0.9 * (len(sizes) - 1))]
    if not WIDTH_RANGE[0] <= w <= WIDTH_RANGE[1]:
        return None
    made = [_filled(ln, nxt, w) for ln, nxt in itertools.pairwise(lines)]
    return (w, made) if sum(made) >= FILLED_SHARE * len(inner) else None


def width(text: str) -> int | None:
    """The width a text is wrapped at, or None when its lines are not filled to one width."""
    found = _wrapping(text.split("\n"))
    return found[0] if found else None


def unwrap(text: str) -> str:
    """`text` with the line breaks of hard wrapping turned into spaces; same length."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    found = _wrapping(lines)
    if found is None:
        return text
    out = []
    for line, joined in zip(lines, found[1], strict=False):  # the last line has no break after it
        if joined:  # the spaces or tabs that end the line go too, so the words meet at one break
            kept = line.rstrip(" \t")
            out.append(kept + " " * (len(line) - len(kept) + 1))
        else:
            out.append(line + "\n")
    out.append(lines[-1])
    return "".join(out)


class ReflowTokenizer:
    """The pipeline's tokenizer, reading hard-wrapped text as prose (`unwrap`) first, so that
    `nlp(text)` sees what `newsx extract` sees. The Doc's text has the original's length:
    every offset indexes the original. `inner` is the wrapped tokenizer."""

    def __init__(self, inner: Callable[[str], Doc]) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        return self.inner(unwrap(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Docs for a stream of texts (spaCy's tokenizer interface)."""
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs: Any) -> bytes:
        """The wrapped tokenizer's bytes: reflow has no state of its own."""
        data: bytes = getattr(self.inner, "to_bytes")(**kwargs)  # noqa: B009
        return data

    def from_bytes(self, data: bytes, **kwargs: Any) -> ReflowTokenizer:
        """Loads the wrapped tokenizer from bytes."""
        getattr(self.inner, "from_bytes")(data, **kwargs)  # noqa: B009
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        """Writes the wrapped tokenizer."""
        getattr(self.inner, "to_disk")(path, **kwargs)  # noqa: B009

    def from_disk(self, path: Any, **kwargs: Any) -> ReflowTokenizer:
        """Reads the wrapped tokenizer."""
        getattr(self.inner, "from_disk")(path, **kwargs)  # noqa: B009
        return self


def plain_tokenizer(nlp: Language) -> Callable[[str], Doc]:
    """The pipeline's tokenizer without reflow (for text that was unwrapped already)."""
    tokenizer = nlp.tokenizer
    return tokenizer.inner if isinstance(tokenizer, ReflowTokenizer) else tokenizer
