"""The cheap structure quotation finding works on: sentences from the tokens, without a parser."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from newsx.nlp.quotes_marks import DOUBLE, SINGLE
from newsx.nlp.quotes_words import words

ENDS = frozenset({".", "!", "?", "...", "…", "?!", "!?"})
MARKS = DOUBLE | SINGLE


class Layout:
    """Token positions, paragraphs and sentences of one Doc, computed once in linear time.

    A sentence ends at a full stop, question or exclamation mark (with any closing quotation
    marks and brackets after it) before a capital, a digit or an opening mark, and at every
    line break. Abbreviations are single tokens in spaCy's English tokenizer, so that "Mr." or
    "U.S." end no sentence; a sentence ending in one runs on into the next, a harmless error."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text = doc.text
        rows = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        self.starts: list[int] = [r[0] for r in rows]
        self.ends: list[int] = [r[0] + r[1] for r in rows]
        forms = [text[a:b] for a, b in zip(self.starts, self.ends, strict=True)]
        self.lower: list[str] = [f.lower() for f in forms]  # forms read without a Token
        self.sent: list[int] = self._sentences(forms)
        # the words of the people's and organisations' names the model found
        self.names = frozenset(t.lower_ for e in doc.ents if e.label_ in ("PERSON", "ORG")
                               for t in e if t.is_alpha)

    def _sentences(self, forms: list[str]) -> list[int]:
        """The sentence number of every token (line breaks count as their own sentence)."""
        out: list[int] = []
        n = 0
        ended = spaced = False
        for i, form in enumerate(forms):
            if form.isspace():
                if "\n" in form:
                    n += 1
                    ended = False
                out.append(n)
                spaced = True
                continue
            if ended and spaced and (form[0].isupper() or form[0].isdigit() or form[0] in MARKS):
                n += 1
                ended = False
            ended = form in ENDS or (ended and not spaced and (form in MARKS or form in ")]"))
            if not ended and len(form) > 2 and form.endswith(".") and i + 1 < len(forms):
                ended = forms[i + 1] in STARTERS  # "the U.S. He said"
            out.append(n)
            spaced = i + 1 < len(forms) and self.starts[i + 1] > self.ends[i]
        return out

    def token_at_or_after(self, char: int) -> int:
        """The first token that starts at or after `char` (len(doc) when none)."""
        return bisect_left(self.starts, char)

    def token_before(self, char: int) -> int:
        """The last token that ends at or before `char` (-1 when none)."""
        return bisect_right(self.ends, char) - 1

    def is_break(self, i: int) -> bool:
        """Whether token i is a line break."""
        t = self.doc[i]
        return t.is_space and "\n" in t.text


STARTERS = words("He She They It We I The But And This That In A His Her Their")

