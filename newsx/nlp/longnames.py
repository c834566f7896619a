"""Names that the model cuts into pieces, made whole again, and capitalised sentence openers
that are no names.

- a place name keeps its particles: "Frankfurt am Main", "Newcastle upon Tyne",
  "Stratford-upon-Avon", "Boulogne-sur-Mer" (not a place "Frankfurt" and a person "Main");
- a name keeps the word that ends it: "Westminster Magistrate's" + "Court", "Premier" +
  "League" are one organisation (`NAME_ENDS`);
- a lone capitalised word that opens a sentence is no person without evidence ("Turnout was
  67 percent"): evidence is the word inside a longer name, elsewhere in mid-sentence, a speech
  verb or a bracket after it, or a title before it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsx.nlp.context import admin_after
from newsx.nlp.gazetteer import gazetteer
from newsx.nlp.org_cues import described_after
from newsx.nlp.wordlists import (
    DASHES,
    DETERMINERS,
    NAME_ENDS,
    PLACE_PARTICLES,
    SPEECH_VERBS,
    TITLES,
)

# particles that join a place name only when hyphens glue them ("Southend-on-Sea")
GLUED_PARTICLES = PLACE_PARTICLES | {"on", "en", "le", "la", "de", "du", "des", "lès", "les"}
# an article after a German particle: "Frankfurt an der Oder", "Rothenburg ob der Tauber"
_ARTICLES = {"der", "dem", "den"}
_NEED_ARTICLE = {"an", "ob"}
_OPENERS = {".", "!", "?", ":", ";", '"', "“", "”", "•", "|", "("}


def is_place_like(span: Span) -> bool:
    """A span the model or the gazetteer calls a place."""
    return span.label_ in {"GPE", "LOC"} or gazetteer().place(span.text) is not None


def join_place_particles(doc: Doc, spans: list[Span]) -> list[Span]:
    """A place and the capitalised word after its particle are one place: "Frankfurt" +
    "am" + "Main" -> "Frankfurt am Main", whatever the model made of "Main"."""
    out: list[Span] = []
    swallowed = -1  # spans starting before this token are part of a joined name
    ordered = sorted(spans, key=lambda s: s.start)
    for span in ordered:
        if span.start < swallowed:
            continue
        end = _particle_end(doc, span.end) if is_place_like(span) else None
        if end is None:
            out.append(span)
            continue
        end = max([end, *(s.end for s in ordered if span.end <= s.start < end)])
        out.append(Span(doc, span.start, end, label="GPE"))
        swallowed = end
    return out


def _particle_end(doc: Doc, i: int) -> int | None:
    """Where the place's name ends when a particle follows token i-1: "Frankfurt| am Main"."""
    if i >= len(doc) - 1:
        return None
    glued = doc[i].text in DASHES and not doc[i - 1].whitespace_ and not doc[i].whitespace_
    j = i + 1 if glued else i
    word = doc[j].lower_
    if doc[j].text != word or word not in (GLUED_PARTICLES if glued else PLACE_PARTICLES):
        return None
    j += 1
    if word in _NEED_ARTICLE and not glued and (j >= len(doc) or doc[j].lower_ not in _ARTICLES):
        return None  # "Paris an Olympic city": "an" is English
    if glued:
        if j >= len(doc) or doc[j].text not in DASHES or doc[j - 1].whitespace_:
            return None
        j += 1
    elif j < len(doc) and doc[j].lower_ in _ARTICLES:
        j += 1
    if j >= len(doc) or not doc[j].is_title or not doc[j].is_alpha:
        return None
    return j + 1


def join_name_ends(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name and the word that ends it are one organisation: "Westminster Magistrate's" +
    "Court", "Premier" + "League" ("League" alone is no person)."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    out: dict[int, Span] = {s.start: s for s in spans}
    for span in sorted(spans, key=lambda s: s.start):
        if span.start not in out:
            continue
        # the name-ending word after the span: "Westminster Magistrate's" + "Court"
        j = span.end + (1 if span.end < len(doc) and doc[span.end].text in {"'s", "’s"} else 0)
        if span.label_ != "PERSON" and j < len(doc) and _is_name_end(doc[j]):
            after = taken.get(j)
            end = after.end if after is not None else j + 1
            if after is not None:
                out.pop(after.start, None)
            out[span.start] = Span(doc, span.start, end, label="ORG")
            continue
        # a span that is only the name-ending word takes the capitalised words before it
        if len(span) == 1 and _is_name_end(span[0]):
            start = _name_start(doc, span.start, taken)
            if start < span.start:
                out[span.start] = Span(doc, start, span.end, label="ORG")
            elif span.label_ == "PERSON":
                del out[span.start]  # "League" alone is no person
    return sorted(out.values(), key=lambda s: s.start)


def _name_start(doc: Doc, i: int, taken: dict[int, Span]) -> int:
    """The first of up to four untagged capitalised words before token i ("the [Premier]
    League", "[Westminster Magistrate]'s Court"), i itself when there are none."""
    start = i
    if start > 1 and doc[start - 1].text in {"'s", "’s"} and doc[start - 2].is_title:
        start -= 1
    while start > 0 and i - start < 4 and start - 1 not in taken:
        before = doc[start - 1]
        if not (before.is_title and before.is_alpha) or before.lower_ in DETERMINERS:
            break
        start -= 1
    return start if start < i and doc[start].text not in {"'s", "’s"} else i


def _is_name_end(tok: Token) -> bool:
    return tok.is_title and tok.lower_ in NAME_ENDS


def opens_sentence(tok: Token) -> bool:
    """Whether a token is the first word of its sentence or line."""
    doc, i = tok.doc, tok.i
    while i > 0 and doc[i - 1].is_space:
        if "\n" in doc[i - 1].text:
            return True
        i -= 1
    if i == 0:
        return True
    before = doc[i - 1]
    spaced_dash = before.text in DASHES and before.whitespace_ != ""
    return "\n" in before.whitespace_ or before.text in _OPENERS or spaced_dash


def drop_sentence_openers(doc: Doc, spans: list[Span]) -> list[Span]:
    """Lone capitalised words that open a sentence, tagged as people with no evidence."""
    in_names = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    mid = {t.text for t in doc if t.is_title and not opens_sentence(t)}
    out = []
    for span in spans:
        tok = span[0]
        if (span.label_ == "PERSON" and len(span) == 1 and tok.is_title and opens_sentence(tok)
                and tok.text not in in_names and tok.text not in mid
                and not _speaks(doc, span.end) and not _titled(doc, span.start)
                and not described_after(span)  # "Doxim is a leading provider of ..."
                and not (admin_after(doc, span.end) and gazetteer().candidates(span.text))):
            # a person at a sentence's start with no evidence, but "Masvingo province has"
            continue
        out.append(span)
    return out


def _speaks(doc: Doc, i: int) -> bool:
    """A speech verb or a bracket after the name: "Rublev said", "Samokhvalova (Russia)"."""
    return i < len(doc) and (doc[i].lower_ in SPEECH_VERBS or doc[i].text == "(")


def _titled(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_.rstrip(".") in TITLES
