"""Cues and sources next to a quotation, over tokens: "..., she said", "said Smith", "He told
reporters: ...", "According to the ministry, ...". Every range here is [first, last) in tokens."""

from __future__ import annotations

from spacy.tokens import Doc

from newsx.nlp.quotes_marks import SINGLE, Quoted
from newsx.nlp.quotes_text import ENDS, MARKS, Layout
from newsx.nlp.quotes_words import (
    AFTER_SOURCE_STOP,
    BETWEEN,
    CLAUSE_OPENERS,
    CLAUSE_WORDS,
    DETERMINERS,
    PRONOUNS,
    SPEECH,
    words,
)

Range = tuple[int, int]
MAX_SOURCE = 12  # tokens; a longer stretch before a cue is a clause, not a name
MAX_GAP = 10  # tokens between a cue and the quotation it introduces ("said in a statement:")
FUNCTION_WORDS = words("and or but who which that of 's ’s is was are were has had have to in on "
                           "at for with as by from")
HARD = ENDS | MARKS | {";", "(", ")", "[", "]", "—", "–", "--"}
# inside a source: brackets ("Ann Lee (D-Ore.) said") and apostrophes ("Jones’ manager")
SOFT_HARD = HARD - {"(", ")"} - SINGLE


NOT_NAMES = words("i this that these those there here then but and so yet when as if while")
RELATIVE = words("which who whom that")
PREPOSITIONS = words("of in on at to from by with for about during after before over under into")


def hard(doc: Doc, i: int, marks: frozenset[str] | set[str] = HARD) -> bool:
    """Whether token i stops a source or cue search: one of `marks` or a line break."""
    t = doc[i]
    return t.text in marks or (t.is_space and "\n" in t.text)


def _names_someone(doc: Doc, a: int, b: int) -> bool:
    """Whether tokens [a, b) can name a speaker: a pronoun, a name or a determined noun."""
    first = doc[a]
    low = first.lower_
    if b - a == 1 and low in PRONOUNS:
        return True
    if any(doc[i].ent_type_ for i in range(a, b)):
        return True
    if low in DETERMINERS and b - a > 1:
        return True
    return first.text[:1].isupper() and low not in PRONOUNS and not first.is_punct


def clean_source(doc: Doc, a: int, b: int) -> Range | None:
    """[a, b) without the clause openers before it and the auxiliaries after it, when what is
    left can name a speaker."""
    while a < b and (doc[a].lower_ in CLAUSE_OPENERS or doc[a].text in {",", "-"}
                     or doc[a].is_space or (doc[a].lower_ in RELATIVE and b - a > 1)):
        a += 1
    if a < b and doc[a].is_lower and doc[a].lower_ in PREPOSITIONS:
        return None  # "of how the board set the schedule": no name
    while b > a and (doc[b - 1].lower_ in BETWEEN or doc[b - 1].text == "," or doc[b - 1].is_space):
        b -= 1
    if a >= b or any((doc[i].lower_ in SPEECH or doc[i].lower_ in CLAUSE_WORDS)
                     and not doc[i].ent_type_ for i in range(a, b)):
        return None
    if b - a > MAX_SOURCE:  # "Lee — named by the board as ... —": its first name
        names = [i for i in range(a, b) if doc[i].ent_type_ in ("PERSON", "ORG")]
        if not names:
            return None
        end = names[0] + 1
        while end < b and doc[end].ent_iob_ == "I":
            end += 1
        return names[0], end
    return (a, b) if _names_someone(doc, a, b) else None


def source_before(lay: Layout, cue: int, floor: int) -> Range | None:
    """The words that name the speaker before the cue at token `cue`, not before `floor`:
    "Smith said", "But the ministry also said", "Smith, a spokesman for X, said"."""
    doc = lay.doc
    b = cue
    while b > floor and doc[b - 1].lower_ in BETWEEN:
        b -= 1
    a = b
    apposition = b > floor and doc[b - 1].text == ","
    if apposition:
        a -= 1
    sent = lay.sent[cue]
    while a > floor:
        a = _before_brackets(doc, a, floor)
        if a <= floor or hard(doc, a - 1, SOFT_HARD) or doc[a - 1].text == ",":
            break
        if lay.sent[a - 1] != sent:
            break
        a -= 1
    stop = a - 1
    for _ in range(3):  # "Lee, meanwhile, who runs the fund, said": back to the name
        if not (apposition and stop >= floor and stop < len(doc) and doc[stop].text == ","):
            break
        head = stop
        while head > floor and not hard(doc, head - 1, SOFT_HARD) and doc[head - 1].text != ",":
            head -= 1
        if head < stop and doc[head].lower_ not in CLAUSE_OPENERS and _names_someone(
                doc, head, stop):
            if b - head > MAX_SOURCE:  # "Lee, in a long letter to ... , wrote"
                return clean_source(doc, head, stop)
            return clean_source(doc, head, b) or clean_source(doc, head, stop)
        stop = head - 1
    return clean_source(doc, a, b)


def source_after(lay: Layout, first: int, limit: int) -> Range | None:
    """The words after a cue that name the speaker: "said Smith", "said the ministry in"."""
    doc = lay.doc
    b = first
    while b < limit and b - first < MAX_SOURCE:
        b = _past_brackets(doc, b, limit)
        if b >= limit or hard(doc, b, SOFT_HARD):
            break
        t = doc[b]
        if t.lower_ in CLAUSE_WORDS and t.lower_ not in {"there", "here"} and not t.ent_type_:
            return None  # "says her main worry is ...": a clause, not a name
        if t.text == "," or (t.is_lower and t.lower_ in AFTER_SOURCE_STOP and b > first):
            break
        b += 1
    if b == first or doc[first].lower_ in {"that", "this", "it", "these", "those"}:
        return None
    return clean_source(doc, first, b)


def line_end(lay: Layout, i: int) -> int:
    """The token index where the line that holds token `i` ends (at most 40 tokens on)."""
    doc = lay.doc
    n = len(doc)
    j = i
    while j < n and not lay.is_break(j) and j - i < 40:
        j += 1
    return j


def after_quote(lay: Layout, q: Quoted, text: str) -> tuple[Range, Range] | None:
    """(cue, source) right after a closed quotation: "...,” she said", "...,” said Smith",
    "...,” Trump shot back", or at the end of its sentence: "...” about it, said Smith."."""
    doc = lay.doc
    i = lay.token_at_or_after(q.end)
    limit = line_end(lay, i)
    while i < limit and (doc[i].is_space or doc[i].text == ","):
        i += 1
    if i >= limit or not q.closed:
        return None
    runs = continues(text, q) or doc[i - 1].text == ","
    if doc[i].lower_ in SPEECH:  # "...” said Nick Merrill" (its comma forgotten, too)
        source = source_after(lay, i + 1, limit)
        return ((i, i + 1), source) if source else None
    if not runs and not doc[i].text[:1].isupper():
        return None
    got = _source_then_cue(lay, i, limit, runs)
    if got is None and runs:
        got = _free_verb(lay, i, limit)
    return got


def _source_then_cue(lay: Layout, i: int, limit: int, runs: bool) -> tuple[Range, Range] | None:
    doc = lay.doc
    k = i
    while k + 1 < min(limit, i + MAX_SOURCE + 1):
        k = _past_brackets(doc, k + 1, limit)
        if k >= limit or hard(doc, k):
            return None
        if doc[k].lower_ in SPEECH and not doc[k].ent_type_:
            source = source_before(lay, k, i)
            if source is None:
                return None
            if not runs and not _sentence_ends(lay, k, limit) and not (
                    k + 1 < limit and doc[k + 1].lower_ in AFTER_SOURCE_STOP):
                return None  # “... .” He said it was so: a new sentence, not an attribution
            return (k, k + 1), source
    return _long_apposition(lay, i, limit)


def _long_apposition(lay: Layout, i: int, limit: int) -> tuple[Range, Range] | None:
    """"...,” Ann Lee, director of the research centre at the city's oldest university and its
    former dean, said": a name, a long apposition, and the cue after its comma."""
    doc = lay.doc
    j = name_end(doc, i, limit)
    if j is None or j >= limit or doc[j].text != ",":
        return None
    for k in range(j + 2, min(limit, j + 30)):
        if hard(doc, k, SOFT_HARD):
            return None
        if doc[k - 1].text == "," and doc[k].lower_ in SPEECH and not doc[k].ent_type_:
            return (k, k + 1), (i, j)
    return None


def name_end(doc: Doc, i: int, limit: int, names: frozenset[str] = frozenset()) -> int | None:
    """The end of the pronoun or name that starts at token i, if one does; also up to three
    capitalised words that no entity covers ("Okafor") when the first is one of `names`, the
    words of the article's people and organisations ("Hours later" is no name)."""
    if doc[i].lower_ in {"he", "she"}:
        return i + 1
    if doc[i].ent_iob_ == "B" and doc[i].ent_type_ in ("PERSON", "ORG"):
        j = i + 1
        while j < limit and doc[j].ent_iob_ == "I":
            j += 1
        return j
    if doc[i].ent_type_ or doc[i].lower_ not in names:
        return None
    j = i
    while j < min(limit, i + 3) and doc[j].is_title and doc[j].is_alpha and not doc[j].ent_type_:
        j += 1
    return j if j > i else None


def _free_verb(lay: Layout, i: int, limit: int) -> tuple[Range, Range] | None:
    """"...,” Trump shot back" and "...,” quipped Trump": a name and a verb the lists lack."""
    doc = lay.doc
    names = lay.names
    low = doc[i].lower_
    if doc[i].is_title and low not in DETERMINERS and low not in PRONOUNS and low not in NOT_NAMES:
        names = names | {low}  # a capital inside a running sentence: a name ("Okafor")
    j = name_end(doc, i, limit, names)
    if j is not None and j < limit and doc[j].is_alpha and doc[j].is_lower \
            and doc[j].lower_ not in FUNCTION_WORDS:
        return (j, j + 1), (i, j)
    if doc[i].is_alpha and doc[i].is_lower and i + 1 < limit:
        j = name_end(doc, i + 1, limit)
        if j is not None and (j >= limit or doc[j].is_punct):
            return (i, i + 1), (i + 1, j)
    return None


def _past_brackets(doc: Doc, k: int, limit: int) -> int:
    """k, or the token after the ")" that closes a "(" at k within a few tokens."""
    if doc[k].text != "(":
        return k
    for j in range(k + 1, min(limit, k + 8)):
        if doc[j].text == ")":
            return j + 1
    return k


def _before_brackets(doc: Doc, a: int, floor: int) -> int:
    """a, or the "(" that opens a ")" right before a, within a few tokens, or the dash that
    opens a dash right before a ("Lee — named by the board — told")."""
    if a <= floor or doc[a - 1].text not in {")", "—", "–", "--"}:
        return a
    dash = doc[a - 1].text != ")"
    for j in range(a - 2, max(floor, a - (26 if dash else 9)) - 1, -1):
        if doc[j].text == ("(" if not dash else doc[a - 1].text):
            return j
        if doc[j].text in ENDS or (doc[j].is_space and "\n" in doc[j].text):
            break
    return a


def continues(text: str, q: Quoted) -> bool:
    """Whether the quotation's last words leave its sentence open: “...,” “...?” “...—”."""
    inner = text[q.start + 1:q.end - 1].rstrip().rstrip("'\u2019\u201d\"").rstrip()
    return bool(inner) and inner[-1] in ",?!—–-…:"


def _sentence_ends(lay: Layout, k: int, limit: int) -> bool:
    """Whether the sentence ends within a few tokens after the cue at k ("He added.")."""
    doc = lay.doc
    for j in range(k + 1, min(limit, k + 6)):
        if doc[j].text in ENDS or doc[j].text in MARKS:
            return True
    return k + 1 >= limit
