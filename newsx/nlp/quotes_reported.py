"""Reported speech, sentence by sentence: "X said (that) ...", "..., X said.", "according to X"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newsx.nlp.quotes_cues import Range, clean_source, line_end, source_after, source_before
from newsx.nlp.quotes_marks import Quoted
from newsx.nlp.quotes_text import ENDS, MARKS, Layout
from newsx.nlp.quotes_words import PRONOUNS, REPORTING, SPEECH, SUBORDINATORS, words

MAX_TAIL = 10  # tokens after the last comma of a sentence that may attribute it
MIN_CONTENT = 4  # words
MIN_BEFORE = 6  # words of a clause before its attribution ("..., he said.")
TIME_WORDS = words("monday tuesday wednesday thursday friday saturday sunday yesterday "
                       "today tonight earlier recently last week month year night morning "
                       "evening afternoon on in at during")
BARE = words("said says say told tells added adds argued argues wrote writes claimed "
                 "claims insisted insists warned warns believes believe thinks think "
                 "thought noted explained")
OBJECTS = words("him her them me us reporters journalists supporters voters listeners "
                    "viewers audiences crowds the a an his their")


NOT_CLAUSE = words("'s ’s of in on at by to from with for about during after before into over "
                   "under")


@dataclass(frozen=True)
class Reported:
    """Reported speech found in one sentence: its content, cue and source, in tokens."""

    content: Range
    cue: Range
    source: Range


def _words(doc: Doc, a: int, b: int) -> int:
    return sum(1 for i in range(a, b) if not doc[i].is_punct and not doc[i].is_space)


def _trim(doc: Doc, a: int, b: int) -> Range:
    while a < b and (doc[a].is_space or doc[a].text in {",", ":", "-", "—"}):
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].is_punct) and doc[b - 1].text not in MARKS:
        b -= 1
    return a, b


def _clause_after(doc: Doc, cue: int, end: int) -> int | None:
    """Where the reported clause after the cue starts, or None when none follows."""
    j = cue + 1
    told = doc[cue].lower_ in {"told", "tells", "tell", "telling"}
    for k in range(j, min(end, j + 8)):
        if doc[k].lower_ == "that" and k + 1 < end:
            return k + 1
        if doc[k].text in MARKS or doc[k].text in ENDS or doc[k].text == ",":
            return None
    if told:
        if j < end and (doc[j].ent_type_ or doc[j].lower_ in OBJECTS):
            k = j + 1
            while k < end and doc[k].ent_iob_ == "I":
                k += 1
            return k if doc[j].ent_type_ or doc[j].lower_ in PRONOUNS else None
        return None
    if doc[cue].lower_ not in BARE or j >= end:
        return None
    if doc[j].lower_ in TIME_WORDS or doc[j].is_punct:
        return None
    return j


def _that_clause(lay: Layout, a: int, b: int) -> Reported | None:
    """"X said (that) CLAUSE": the source opens the sentence or a clause of it."""
    doc = lay.doc
    for c in range(a + 1, b):
        if lay.lower[c] not in REPORTING or doc[c].ent_type_:
            continue
        source = source_before(lay, c, a)
        start = _clause_after(doc, c, b) if source else None
        if source is None or start is None:
            continue
        content = _trim(doc, start, b)
        head = lay.lower[content[0]] if content[0] < b else ""
        if head in NOT_CLAUSE or doc[content[0]].text in MARKS:
            continue  # "told the BBC's Tom Hart", "wrote in the text": no clause
        if _words(doc, *content) >= MIN_CONTENT:
            return Reported(content, (c, c + 1), source)
    return None


def _said_after(lay: Layout, a: int, b: int) -> Reported | None:
    """"CLAUSE, X said." and "CLAUSE, said X.": the attribution closes the sentence."""
    doc = lay.doc
    got = closing(lay, a, b)
    if got is None:
        return None
    cue, source = got
    k = max(i for i in range(a, cue[0]) if doc[i].text == ",")
    content = _trim(doc, a, k)
    if _words(doc, *content) < MIN_BEFORE:
        return None
    return Reported(content, cue, source)


def _according(lay: Layout, a: int, b: int) -> Reported | None:
    """"According to X, CLAUSE." and "CLAUSE, according to X."."""
    doc = lay.doc
    lower = lay.lower
    for k in range(a, b - 1):
        if lower[k] != "according" or lower[k + 1] != "to":
            continue
        stop = k + 2
        while stop < b and doc[stop].text != "," and doc[stop].text not in ENDS:
            stop += 1
        source = clean_source(doc, k + 2, stop)
        if source is None:
            return None
        opens = all(doc[i].is_punct or doc[i].is_space or doc[i].lower_ in {"but", "and"}
                    for i in range(a, k))
        content = _trim(doc, stop, b) if opens else _trim(doc, a, k)
        if _words(doc, *content) < MIN_CONTENT:
            return None
        return Reported(content, (k, k + 2), source)
    return None


def reported(lay: Layout, a: int, b: int) -> Reported | None:
    """Reported speech in the sentence of tokens [a, b), if any."""
    return _according(lay, a, b) or _said_after(lay, a, b) or _that_clause(lay, a, b)


def sentences(lay: Layout) -> list[Range]:
    """The sentences of the Doc as token ranges, line breaks left out."""
    out: list[Range] = []
    start = 0
    sent = lay.sent
    for i in range(1, len(sent) + 1):
        if i == len(sent) or sent[i] != sent[start]:
            if not all(lay.doc[j].is_space for j in range(start, i)):
                out.append((start, i))
            start = i
    return out


def closing_quote(lay: Layout, q: Quoted) -> tuple[Range, Range] | None:
    """(cue, source) at the end of the quotation's sentence: "“...” about it, said Smith."."""
    doc = lay.doc
    i = lay.token_at_or_after(q.end)
    limit = line_end(lay, i)
    if not q.closed or i >= limit or lay.sent[i] != lay.sent[max(lay.token_before(q.end), 0)]:
        return None
    return closing(lay, i, _sentence_end(lay, i, limit)) if doc[i].text != "." else None


def _sentence_end(lay: Layout, i: int, limit: int) -> int:
    j = i
    while j < limit and lay.sent[j] == lay.sent[i] and lay.doc[j].text not in MARKS:
        j += 1
    return j


def closing(lay: Layout, a: int, b: int) -> tuple[Range, Range] | None:
    """(cue, source) of an attribution that closes the tokens [a, b) after their last comma:
    "..., Smith said.", "..., said the ministry in a statement."."""
    doc = lay.doc
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    commas = [k for k in range(a, b) if lay.lower[k] == ","]
    if not commas or b - commas[-1] > MAX_TAIL:
        return None
    k = commas[-1]
    if k + 1 < b and doc[k + 1].lower_ in SUBORDINATORS:
        return None
    cues = [c for c in range(k + 1, b) if lay.lower[c] in SPEECH and not doc[c].ent_type_]
    if not cues:
        return None
    c = cues[0]
    source = source_after(lay, c + 1, b) if c == k + 1 else clean_source(doc, k + 1, c)
    return ((c, c + 1), source) if source else None
