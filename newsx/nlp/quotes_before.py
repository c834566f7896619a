"""Cues and sources before a quotation: "She said: “...", "He told reporters, “...", "Trump
called it “...", "According to Smith, “...", "Smith: “...", "Lee agreed. “..."."""

from __future__ import annotations

from newsx.nlp.quotes_cues import (
    FUNCTION_WORDS,
    MAX_GAP,
    RELATIVE,
    Range,
    clean_source,
    hard,
    name_end,
    source_after,
    source_before,
)
from newsx.nlp.quotes_marks import Quoted
from newsx.nlp.quotes_text import ENDS, MARKS, Layout
from newsx.nlp.quotes_words import BETWEEN, CLAUSE_OPENERS, NAMING, PRONOUNS, SPEECH, words

LINKS = words("and but by before after while when")  # "..., and joked: “", "by saying “"
OPENING_PHRASE = words("in at on during after before with for from despite following under "
                       "when while as speaking asked addressing responding earlier later since "
                       "unlike like among")
# cues whose next words are their object, never their subject ("told Tom Hart, “")
OBJECT_CUES = NAMING | words("tell tells told telling ask asks asked asking inform informed "
                             "assure assured urge urges urged")
ADJUNCT_WORDS = words("in on at during after before via through to about of later earlier "
                      "yesterday today tonight")
MAX_WIDE = 16  # tokens between a cue and the comma or colon that introduces the quotation


def _source_of_cue(lay: Layout, k: int, floor: int, end: int) -> Range | None:
    """The source of the cue at k before a quotation that starts at token `end`."""
    doc = lay.doc
    before = k - 1
    while before > floor and doc[before].text in MARKS:  # “local values,” saying
        before -= 1
    if k > floor and (doc[k - 1].lower_ in LINKS or (
            doc[k].lower_.endswith("ing") and doc[before].text == ",")):
        return clause_subject(lay, k, floor)  # "Smith posted a comment, saying: “..."
    verb = k
    if k - 3 >= floor and doc[k - 1].lower_ == "to":  # "She went on to say:"
        verb = k - 3 if doc[k - 2].lower_ in {"on", "back", "out"} else k - 2
    source = source_before(lay, verb, floor)
    if source is not None or doc[k].lower_ in OBJECT_CUES:
        return source  # "told the BBC, “": the object is no source
    if k > floor and doc[k - 1].text == "," and doc[end - 1].text == ",":
        after = source_after(lay, k + 1, end - 1)  # "..., explained Okafor, “..."
        if after and after[1] == end - 1 and doc[after[0]].ent_type_ in ("PERSON", "ORG"):
            return after
    opens = k == floor or lay.sent[k - 1] != lay.sent[k] or hard(doc, k - 1)
    if opens and doc[end - 1].text in {":", ","}:  # "Continued Lee: “..."
        return source_after(lay, k + 1, end - 1)
    return None


def clause_subject(lay: Layout, k: int, floor: int) -> Range | None:
    """The pronoun or name that opens the sentence of token k, or the clause after its opening
    phrase: the subject of a participle cue ("At the debate, Smith spoke, saying ...")."""
    doc = lay.doc
    a = k
    while a > floor and lay.sent[a - 1] == lay.sent[k] and not hard(doc, a - 1):
        a -= 1
    starts = [a] + [i + 1 for i in range(a, k - 1) if doc[i].text == ","]
    if len(starts) > 1 and doc[a].lower_ in OPENING_PHRASE:
        starts = starts[1:]  # "In a radio interview later, Lee went further:"
    for first in starts:
        if doc[first].lower_ in RELATIVE or (first + 1 < k and doc[first + 1].lower_ in RELATIVE):
            continue  # "..., with whom he clashed, ...": not the sentence's subject
        if first < k and doc[first].is_title and doc[first].lower_ not in CLAUSE_OPENERS:
            j = name_end(doc, first, k, lay.names)  # a name the model missed opens the clause
            if j is not None:
                return first, j
        for i in range(first, min(first + 4, k)):
            if doc[i].lower_ in PRONOUNS and doc[i].lower_ not in {"it", "which", "that"}:
                return i, i + 1
            j = name_end(doc, i, k)
            if j is not None:
                return i, j
    return None


def _intro(lay: Layout, stop: int, floor: int) -> tuple[Range, Range] | None:
    """A short sentence of a name and a verb before the quotation: "Lee agreed. “...”"."""
    doc = lay.doc
    a = stop
    while a > floor and lay.sent[a - 1] == lay.sent[stop] and not hard(doc, a - 1):
        a -= 1
    while a < stop and doc[a].is_space:
        a += 1
    if a >= stop:
        return None
    if stop - a > 6:  # "Ann Lee, the party's spokeswoman, said in a statement. “..."
        for k in range(stop - 1, max(a, stop - 7) - 1, -1):
            if doc[k].lower_ in SPEECH and not doc[k].ent_type_ and (
                    k + 1 == stop or doc[k + 1].lower_ in ADJUNCT_WORDS):
                source = source_before(lay, k, a)
                return ((k, k + 1), source) if source else None
        return None
    j = name_end(doc, a, stop, lay.names)
    if j is None or j >= stop or not doc[j].is_lower or not doc[j].is_alpha \
            or doc[j].lower_ in FUNCTION_WORDS:
        return None
    return (j, j + 1), (a, j)


def before_quote(lay: Layout, q: Quoted, floor: int) -> tuple[Range, Range] | None:
    """(cue, source) right before a quotation, not before token `floor`: "She said: “...",
    "He told reporters, “...", "Trump called it “...", "According to Smith, “...", "Smith: “..."."""
    doc = lay.doc
    end = lay.token_before(q.start) + 1
    if end > floor and lay.is_break(end - 1):  # "Dr. Ward stated:" ending the paragraph before
        while end > floor and doc[end - 1].is_space:
            end -= 1
        if end <= floor or doc[end - 1].text != ":":
            return None
    if end <= floor:
        return None
    if doc[end - 1].text in ENDS:
        return _intro(lay, end - 1, floor)
    wide = doc[end - 1].text in {",", ":"}  # "she told the farmers who gathered there, “..."
    for k in range(end - 1, max(floor, end - (MAX_WIDE if wide else MAX_GAP)) - 1, -1):
        t = doc[k]
        if hard(doc, k):
            break
        low = t.lower_
        if low == "to" and k > floor and doc[k - 1].lower_ == "according":
            source = clean_source(doc, k + 1, end)
            return ((k - 1, k + 1), source) if source else None
        if (low in SPEECH or low in NAMING) and not t.ent_type_ and not (
                k > 0 and (doc[k - 1].lower_ == "so" or (
                    doc[k - 1].text == "-" and not doc[k - 1].whitespace_))):  # so-called
            source = _source_of_cue(lay, k, floor, end)
            if source:
                return (k, k + 1), source
    if doc[end - 1].text == ":":
        a = end - 1
        while a > floor and end - 1 - a < 6 and not hard(doc, a - 1):
            a -= 1
        names = [i for i in range(a, end - 1) if doc[i].ent_type_ in ("PERSON", "ORG")]
        titled = end - 1 - a >= 2 and all(doc[i].is_title for i in range(a, end - 1))
        if (names and names[-1] == end - 2) or (titled and (a == 0 or lay.is_break(a - 1))):
            source = clean_source(doc, a, end - 1)
            return ((end - 1, end), source) if source else None
        return subject_cue(lay, end - 1, floor)
    return None


def subject_cue(lay: Layout, colon: int, floor: int) -> tuple[Range, Range] | None:
    """(cue, source) from the subject of the sentence of token `colon`, after `floor`: "She then
    addressed the supporters again: “...": the subject, and the word after it as the cue (the
    token at `colon` when that word is no verb)."""
    doc = lay.doc
    subject = clause_subject(lay, colon, floor)
    if subject is None:
        return None
    j = subject[1]
    while j < colon and doc[j].lower_ in BETWEEN:
        j += 1
    verb = j < colon and doc[j].is_alpha and doc[j].is_lower
    return ((j, j + 1) if verb else (colon, colon + 1)), subject
