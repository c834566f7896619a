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

MIN_LINES = 4
WIDTH_RANGE = (40, 100)  # widths that text is wrapped at
FILLED_SHARE = 0.6  # share of a wrapped text's inner lines that are filled
SENTENCE_ENDS = (".", "!", "?", ":")  # a break there is the writer's as often as not: kept
_ITEM = re.compile(r"(\d{1,3}[.)]|[-*\u2022])\s")  # a numbered or bulleted line starts an item
_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=\S)")


def _filled(line: str, following: str, w: int) -> bool:
    """Whether the next line's first word would not have fitted on this line: the mark of a
    break made by wrapping inside a sentence, not by the writer."""
    first = following.split(maxsplit=1)[0] if following.strip() else ""
    line = line.rstrip()
    return (bool(first) and not following[:1].isspace() and not line.endswith(SENTENCE_ENDS)
            and not _ITEM.match(following)
            and len(line) + 1 + len(first) > w)


def width(text: str) -> int | None:
    """The width a text is wrapped at, or None when its lines are not filled to one width."""
    lines = text.split("\n")
    pairs = [(ln, nxt) for ln, nxt in itertools.pairwise(lines) if ln.strip() and nxt.strip()]
    if len(pairs) < MIN_LINES:
        return None
    sizes = sorted(len(ln.rstrip()) for ln, _ in pairs)
    w = sizes[int(0.9 * (len(sizes) - 1))]
    if not WIDTH_RANGE[0] <= w <= WIDTH_RANGE[1]:
        return None
    filled = sum(_filled(ln, nxt, w) for ln, nxt in pairs)
    return w if filled >= FILLED_SHARE * len(pairs) else None


def unwrap(text: str) -> str:
    """`text` with the line breaks of hard wrapping turned into spaces; same length."""
    if "\n" not in text:
        return text
    w = width(text)
    if w is None:
        return text

    def join(m: re.Match[str]) -> str:
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        end = text.find("\n", m.end())
        following = text[m.end() : len(text) if end < 0 else end]
        return " " * len(m.group()) if _filled(line, following, w) else m.group()

    return _BREAK.sub(join, text)
