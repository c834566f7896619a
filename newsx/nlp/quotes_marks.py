"""Quotation marks: which marks of a text open and close a quotation, over plain characters.

Double marks of every kind pair within a paragraph (a line): straight ("..."), curly (“...”),
German („...“ and »...«), French and Italian («...»), Swedish (”...”). Single marks (‘...’,
'...', ‹...›) pair outside the double ones, so that either can nest in the other: the inner
quotation stays part of the outer one. Apostrophes ("don't", "Jones’") are told from closing
marks by the letters around them. An opening mark left open at the end of its paragraph makes
a quotation to the end of the paragraph (news marks a quotation that runs on into the next
paragraph so); a closing mark without an opening one is ignored. Nothing here raises on any
text, whatever marks it holds and however many.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
SINGLE = frozenset("'\u2018\u2019\u2039\u203a")
# the closing marks each opening mark accepts
CLOSERS = {
    "\u201c": "\u201d\"",  # “ -> ” or "
    "\u201e": "\u201c\u201d",  # „ -> “ or ”
    "\u00ab": "\u00bb",  # « -> »
    "\u00bb": "\u00ab",  # » -> « (German, Danish)
    '"': '"\u201d',
    "\u201d": "\u201d",  # Swedish ”...”
    "\u2018": "\u2019'",
    "'": "'\u2019",
    "\u2039": "\u203a",
}
_ANY_MARK = re.compile("[" + re.escape("".join(sorted(DOUBLE | SINGLE))) + "]")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/\u00a0") | DOUBLE | SINGLE  # what may precede an opener


@dataclass(frozen=True)
class Quoted:
    """A stretch of text in quotation marks: [start, end) includes the marks."""

    start: int
    end: int
    closed: bool  # false: no closing mark; the quotation runs to the end of its paragraph
    single: bool  # in single marks (‘...’), which are also apostrophes: weaker evidence
    para_start: int  # the paragraph (line) it lies in
    para_end: int
    runs_on: bool = False  # left open, and the next paragraph opens with a quotation mark


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _can_open(text: str, i: int, start: int) -> bool:
    """Whether the mark at i may open a quotation (by its shape and what stands around it)."""
    c = text[i]
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if c in "\u201c\u201e\u00ab\u2039":
        return not nxt.isspace() or c == "\u00ab"
    if c in "\u00bb\u201d":  # reversed use: opens only in the middle of spaces and words
        return prev in _OPEN_BEFORE and not nxt.isspace()
    if c == '"':
        return not (_is_word(prev) and not _is_word(nxt)) and not nxt.isspace()
    # single marks: an opening one stands before a word, after a space or bracket
    return prev in _OPEN_BEFORE and nxt.isalpha()


def _can_close(text: str, i: int, opener: str) -> bool:
    c = text[i]
    if c not in CLOSERS.get(opener, ""):
        return False
    if c in DOUBLE:
        return True
    prev = text[i - 1]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and not _is_word(nxt)


def _closer_shaped(text: str, i: int) -> bool:
    """After a word or punctuation and before a space, punctuation or the end."""
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return i > 0 and not text[i - 1].isspace() and not nxt.isalnum()


def _pair(text: str, start: int, end: int, marks: frozenset[str],
          masked: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """(open, end, closed) for the marks of one family in text[start:end], outside `masked`."""
    out: list[tuple[int, int, bool]] = []
    opened: int | None = None
    spans = iter(masked)
    block = next(spans, None)
    for i in range(start, end):
        while block is not None and block[1] <= i:
            block = next(spans, None)
        if text[i] not in marks or (block is not None and block[0] <= i < block[1]):
            continue
        if opened is not None and _can_close(text, i, text[opened]):
            out.append((opened, i + 1, True))
            opened = None
        elif opened is not None and text[i] == "\u201c" and _closer_shaped(text, i):
            out.append((opened, i + 1, True))  # “...,“ a typed closer of the opener's shape
            opened = None
        elif opened is not None and text[i] in "\u201c\u00ab" and text[opened] == text[i]:
            out.append((opened, _trim_end(text, opened, i), False))  # its closer was lost
            opened = i
        elif opened is None and _can_open(text, i, start):
            opened = i
    if opened is not None and marks is DOUBLE:  # single marks never run on unclosed
        out.append((opened, _trim_end(text, opened, end), False))
    return out


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _opens_with_mark(text: str, para: tuple[int, int]) -> bool:
    body = text[para[0]:para[1]].lstrip()
    return bool(body) and body[0] in DOUBLE


def find_quoted(text: str) -> list[Quoted]:
    """The quotations of a text in order, nested ones left inside their outer quotation."""
    out: list[Quoted] = []
    paras = _paragraphs(text)
    for n, (ps, pe) in enumerate(paras):
        if not _ANY_MARK.search(text, ps, pe):
            continue
        doubles = _pair(text, ps, pe, DOUBLE, [])
        singles = _pair(text, ps, pe, SINGLE, [(s, e) for s, e, _ in doubles])
        # a double quotation inside a single one is nested in it (British style)
        doubles = [d for d in doubles if not any(s <= d[0] and d[1] <= e for s, e, _ in singles)]
        next_opens = n + 1 < len(paras) and _opens_with_mark(text, paras[n + 1])
        found = [Quoted(s, e, c, False, ps, pe, runs_on=not c and next_opens)
                 for s, e, c in doubles]
        found += [Quoted(s, e, c, True, ps, pe) for s, e, c in singles
                  if not any(d.start <= s and e <= d.end for d in found)]
        out.extend(sorted(found, key=lambda q: q.start))
    return out
