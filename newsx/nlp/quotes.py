"""newsx_quotes: who said what. Sets `doc._.newsx_quotes`, a list of `Quote` in text order.

Rules over tokens, quotation marks, cue verbs, entity mentions and sentence boundaries; no
parser. In order:
1. quotation marks are paired within paragraphs (`quotes_marks.find_quoted`): every kind of mark,
   nested quotations left in their outer one, an unclosed one running to its paragraph's end;
2. each quotation looks for its cue and source right after it ("...,” she said", "...,” said
   Smith") or right before it ("He told reporters: “...", "According to X, “..."); one without
   continues the attributed quotation next to it in its paragraph, or the one that ran on from
   the paragraph before ("“...,” she said. “...”"), and keeps no speaker otherwise; short ones
   without any (scare quotes, titles: "“Saturday Night Live”") are dropped;
3. sentences without an attributed quotation are read for reported speech ("X said (that) ...",
   "..., X said.", "according to X, ..."), which takes in the short quotations inside it;
4. each source resolves to one of `doc._.newsx_entities` (`quotes_speaker.Resolver`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from newsx.nlp.quote_records import Cue, Quote, Source, Speaker
from newsx.nlp.quotes_before import before_quote, subject_cue
from newsx.nlp.quotes_cues import Range, after_quote, continues
from newsx.nlp.quotes_marks import Quoted, find_quoted
from newsx.nlp.quotes_reported import closing_quote, reported, sentences
from newsx.nlp.quotes_speaker import Resolver
from newsx.nlp.quotes_text import MARKS, Layout
from newsx.nlp.quotes_words import REPORTING, words

MIN_WORDS = 6  # an unattributed quotation shorter than this is a scare quote or a title
log = logging.getLogger(__name__)

if not Doc.has_extension("newsx_quotes"):
    Doc.set_extension("newsx_quotes", default=None)


@dataclass(frozen=True)
class Found:
    """A quotation while it is being attributed; ranges are in tokens."""

    start: int  # characters
    end: int
    direct: bool
    cue: Range | None = None
    source: Range | None = None
    continues: int | None = None  # the start (characters) of the quotation this one continues
    para: int = -1  # start of the paragraph (characters)


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _attribute(lay: Layout, q: Quoted, floor: int, text: str) -> tuple[Range, Range] | None:
    if continues(text, q):
        got = after_quote(lay, q, text) or before_quote(lay, q, floor)
    else:
        got = before_quote(lay, q, floor) or after_quote(lay, q, text)
    return got or closing_quote(lay, q)


def direct_quotes(lay: Layout, text: str, min_words: int) -> list[Found]:
    """The quotations of the text in marks, attributed where their cue is next to them."""
    found: list[Found] = []
    prev_end = -1
    quoted = [q for q in find_quoted(text)
              if any(c.isalnum() for c in text[q.start:q.end])]
    for q in quoted:
        first = not text[q.para_start:q.start].strip()  # may follow "X said:" a line above
        floor = lay.token_at_or_after(max(prev_end, 0 if first else q.para_start))
        got = _attribute(lay, q, floor, text)
        f = Found(q.start, q.end, True, para=q.para_start)
        if got:
            f = _mixed(lay, replace(f, cue=got[0], source=got[1]), q)
        found.append(f)
        prev_end = q.end
    found = _inherit(found, quoted, text)
    return [f for f, q in zip(found, quoted, strict=True)
            if (f.source is not None or f.continues is not None
                or (not q.single and _words(text[f.start:f.end]) >= min_words))
            and not (f.direct and is_title(text[f.start:f.end]) and not _cue_after(lay, f))]


def _subject(lay: Layout, f: Found) -> Found:
    """A quotation without a cue next to it, in a sentence that opens with a name or a
    pronoun, is that subject's ("The survey found that “...”", "He expressed amusement that “...”")."""
    mark = lay.token_at_or_after(f.start)
    floor = lay.token_at_or_after(f.para) if f.para >= 0 else 0
    if mark >= len(lay.doc) or mark <= floor:
        return f
    got = subject_cue(lay, mark, floor)
    return replace(f, cue=got[0], source=got[1]) if got else f


SMALL = words("of the a an and in on to for with at by from or vs")


def is_title(quoted: str) -> bool:
    """“Meet the Press”, “Avatar”: a name in quotation marks, not a quotation."""
    words = quoted.strip(_MARK_CHARS + " .,").split()
    if not words or len(words) > 8 or any(c in quoted.strip(_MARK_CHARS + " .,") for c in ",.!?;"):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in SMALL for w in words)


_MARK_CHARS = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a"


def _cue_after(lay: Layout, f: Found) -> bool:
    """Whether the quotation's own cue is right next to it ("“Never.”" after "she said.")."""
    if f.cue is None or f.continues is not None:
        return False
    doc = lay.doc
    return doc[f.cue[0]].idx >= f.end or f.start - (doc[f.cue[0]].idx + len(doc[f.cue[0]])) < 12


ADJUNCT = words("in on at during of to from after before via through about with")
ADDRESSED = words("told tells tell telling asked asks ask asking")


def _mixed(lay: Layout, f: Found, q: Quoted) -> Found:
    """A quotation inside reported speech ("Smith said the plan was “a disaster” for all"):
    its content runs from the cue to the end of the sentence (to the quotation's end after a
    naming verb: "called the plan “a disaster”"), and it is not direct."""
    doc = lay.doc
    mark = lay.token_at_or_after(q.start)
    if f.cue is None or f.cue[1] >= mark or mark >= len(doc):
        return f
    first = f.cue[1]
    gap = [i for i in range(first, mark) if not doc[i].is_punct and not doc[i].is_space]
    cue = doc[f.cue[0]].lower_
    if (not gap or doc[mark - 1].text in {":", ","} or doc[mark - 1].lower_ == "that"
            or doc[first].lower_ in ADJUNCT or (cue in ADDRESSED and len(gap) <= 3)):
        return f
    if doc[first].lower_ == "that":
        first += 1
    end = q.end
    if cue in REPORTING:
        j = mark
        while j + 1 < len(doc) and lay.sent[j + 1] == lay.sent[mark] and not doc[j + 1].is_space:
            j += 1
        while j > mark and doc[j].is_punct and doc[j].text not in MARKS:
            j -= 1
        end = max(end, doc[j].idx + len(doc[j].text))
    return replace(f, start=doc[first].idx, end=end, direct=False)


def _inherit(found: list[Found], quoted: list[Quoted], text: str) -> list[Found]:
    """Unattributed quotations continue the attributed one before them in their paragraph
    (else the one after it), or the last one of the paragraph before when that ran on or the
    new paragraph is only the quotation."""
    out = list(found)
    for n, f in enumerate(out):
        if f.source is not None:
            continue
        same = [m for m in range(len(out)) if m != n and out[m].para == f.para
                and out[m].source is not None]
        before = [m for m in same if m < n]
        home = before[-1] if before else (same[0] if same else None)
        if home is None and n > 0 and out[n - 1].para != f.para:
            prev = out[n - 1]
            lone = text[f.para:quoted[n].para_end].strip() == text[f.start:f.end].strip()
            if (quoted[n - 1].runs_on or lone) and prev.source is not None:
                home = n - 1
        if home is not None and not quoted[n].single:
            out[n] = replace(f, source=out[home].source, continues=out[home].start)
    return out


def _fold(found: list[Found], rep_start: int, rep_end: int) -> list[Found] | None:
    """The direct quotations without those inside a reported clause; None when an attributed
    one overlaps it (the sentence is then already attributed)."""
    keep = []
    for f in found:
        if f.end <= rep_start or f.start >= rep_end:
            keep.append(f)
        elif f.source is not None or f.start < rep_start or f.end > rep_end:
            return None
    return keep


def reported_quotes(lay: Layout, found: list[Found]) -> list[Found]:
    """Reported speech in the sentences that hold no attributed quotation."""
    doc = lay.doc
    out = list(found)
    for a, b in sentences(lay):
        r = reported(lay, a, b)
        if r is None:
            continue
        start = doc[r.content[0]].idx
        last = doc[r.content[1] - 1]
        end = last.idx + len(last.text)
        kept = _fold(out, start, end)
        if kept is None:
            continue
        out = kept + [Found(start, end, False, r.cue, r.source)]
    return sorted(out, key=lambda f: f.start)


def carry(found: list[Found], text: str) -> list[Found]:
    """A paragraph that is only a quotation without a cue continues the attribution that
    closes the paragraph before it (“...,” she said. / “More.”; "She said she would ..." /
    “More.”)."""
    out = list(found)
    for n in range(1, len(out)):
        f, prev = out[n], out[n - 1]
        if f.source is not None or not f.direct or prev.source is None:
            continue
        ps = text.rfind("\n", 0, f.start) + 1
        pe = text.find("\n", f.end)
        rest = text[f.end:len(text) if pe < 0 else pe].strip()
        between = text[prev.end:ps].strip()
        if (text[ps:f.start].strip() or len(rest) > 2 or prev.end > ps or "\n" in between
                or len(between) > 80):
            continue
        out[n] = replace(f, source=prev.source, continues=prev.start)
    return out


def _char_range(doc: Doc, r: Range) -> tuple[int, int]:
    last = doc[r[1] - 1]
    return doc[r[0]].idx, last.idx + len(last.text)


def build(lay: Layout, found: list[Found], resolver: Resolver) -> list[Quote]:
    """The records of the quotations, speakers resolved, `continues` as list indices."""
    doc, text = lay.doc, lay.text
    index = {f.start: n for n, f in enumerate(found)}
    by_cue: dict[Range, int] = {}
    out = []
    for n, f in enumerate(found):
        if f.cue is not None and f.continues is None and f.cue in by_cue:
            f = replace(f, continues=found[by_cue[f.cue]].start)  # “...,” she said. “...”
        if f.cue is not None:
            by_cue.setdefault(f.cue, n)
        cue = source = speaker = None
        if f.cue is not None:
            cs, ce = _char_range(doc, f.cue)
            cue = Cue(cs, ce, text[cs:ce])
        if f.source is not None:
            ss, se = _char_range(doc, f.source)
            source = Source(ss, se, text[ss:se])
            entity = resolver.resolve(ss, se)
            speaker = Speaker(entity.type, entity.name) if entity else None
        home = index.get(f.continues) if f.continues is not None else None
        out.append(Quote(f.start, f.end, text[f.start:f.end], f.direct, cue, source, speaker,
                         home))
    return out


class QuoteFinder:
    """The `newsx_quotes` component: finds quotations and sets `doc._.newsx_quotes`."""

    def __init__(self, name: str, min_words: int = MIN_WORDS, reported: bool = True) -> None:
        self.name = name
        self.min_words = min_words
        self.reported = reported

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.newsx_quotes = self.find(doc)
        except Exception as e:  # quotation finding must never cost an article its entities
            log.warning("newsx_quotes: no quotations for this text (%s: %s)", type(e).__name__, e)
            doc._.newsx_quotes = []
        return doc

    def find(self, doc: Doc) -> list[Quote]:
        """The quotations of one Doc."""
        lay = Layout(doc)
        text = lay.text
        found = direct_quotes(lay, text, self.min_words)
        if self.reported:
            found = reported_quotes(lay, found)
        found = carry(found, text)
        found = [_subject(lay, f) if f.source is None and f.direct else f for f in found]
        spans = [(f.start, f.end) for f in found if f.direct]
        resolver = Resolver(text, doc._.newsx_entities or [], spans)
        return build(lay, found, resolver)


@Language.factory(
    "newsx_quotes_v1",
    requires=["doc.ents", "doc._.newsx_entities"],
    assigns=["doc._.newsx_quotes"],
    default_config={"min_words": MIN_WORDS, "reported": True},
)
def make_quotes(nlp: Language, name: str, min_words: int, reported: bool) -> QuoteFinder:
    """The quotation finder: `min_words`, the fewest words an unattributed quotation needs to be
    kept; `reported`, whether to find reported speech as well as quotations in marks."""
    return QuoteFinder(name, min_words, reported)
