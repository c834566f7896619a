"""Names found again: an acronym defined after its name ("Kurdistan Democratic Party (KDP)")
and the later mentions of names the model found once ("Hoddle ... Hoddle said")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from newsx.nlp.context import caps_context, starts_line
from newsx.nlp.wordlists import NO_PROPAGATE, acronym

Form = tuple[str, ...]


def acronyms(doc: Doc, spans: list[Span], others: Sequence[Span] = ()) -> list[Span]:
    """An acronym defined in parentheses after a name ("Kurdistan Democratic Party (KDP)"),
    when its letters are the name's, in order and from its first letter; and its later
    mentions that no name (of `spans`, or of `others`: the model's other entities) covers,
    outside lines in capitals. Not a two-letter word ("US", "OR", "IS": only the definition),
    nor a person's initials ("Andrew Parker (AP)": "AP" later is the agency)."""
    found = []
    defined: dict[str, tuple[str, int]] = {}  # acronym -> label, where it was defined
    for span in spans:
        if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
            acro = doc[span.end + 1]
            letters = acronym(acro.text)
            if letters and len(span) > 1 and _spells(letters, span.text):
                found.append(Span(doc, acro.i, acro.i + 1, label=span.label_))
                if span.label_ != "PERSON" and not (acro.is_stop and len(letters) <= 2):
                    defined.setdefault(acro.text, (span.label_, acro.i))
    if defined:
        taken = {i for s in [*spans, *others, *found] for i in range(s.start, s.end)}
        for t in doc:
            label, at = defined.get(t.text, ("", len(doc)))
            if t.i > at and t.i not in taken:
                span = Span(doc, t.i, t.i + 1, label=label)
                if not caps_context(span):
                    found.append(span)
    return found


def _spells(letters: str, name: str) -> bool:
    """Whether `letters` are initials of `name`'s words, or at least letters of it in order
    starting with its first: "RBI" of "Reserve Bank of India", "NASA" of "National
    Aeronautics and Space Administration"."""
    text = name.casefold()
    if not text or text[0] != letters[0].casefold():
        return False
    at = 0
    for ch in letters.casefold():
        at = text.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def repeats(doc: Doc, spans: list[Span], model: list[Span]) -> list[Span]:
    """Other occurrences of names already found, with their majority label, unless the
    model itself gave that name another label more often ("Heathrow": a facility five
    times, a person once, is not spread as a person)."""
    given: dict[Form, Counter[str]] = {}
    for span in model:
        given.setdefault(_form(span), Counter())[span.label_] += 1
    labels, shouted = _labels(doc, spans)
    if not labels:
        return []
    by_first: dict[str, list[Form]] = {}
    for form in [*labels, *shouted]:
        by_first.setdefault(form[0], []).append(form)
    for forms in by_first.values():
        forms.sort(key=len, reverse=True)
    texts = [t.text for t in doc]
    found = []
    for i, text in enumerate(texts):
        for form in by_first.get(text, ()):
            if tuple(texts[i : i + len(form)]) != form:
                continue
            counts = labels.get(form)
            caps_only = counts is None
            ranked = (counts or shouted[form]).most_common(2) + [("", 0)]
            label = ranked[0][0]
            by_model = given.get(form, Counter())
            if ranked[0][1] > ranked[1][1] and by_model[label] >= max(by_model.values(), default=0):
                span = Span(doc, i, i + len(form), label=label)
                if not caps_only or caps_context(span) or starts_line(span):
                    found.append(span)
            break
    return found


def _form(span: Span) -> Form:
    return tuple(t.text for t in span if not t.is_space)


def _labels(doc: Doc, spans: list[Span]) -> tuple[dict[Form, Counter[str]], dict[Form, Counter[str]]]:
    """Labels by word form of the names found, and of their capitalised forms (for caps lines);
    a person's family name counts as a form of its own."""
    labels: dict[Form, Counter[str]] = {}
    shouted: dict[Form, Counter[str]] = {}
    for span in spans:
        words = [t for t in span if not t.is_space]
        forms = [tuple(t.text for t in words)]
        if span.label_ == "PERSON" and len(words) > 1 and words[-1].is_title:
            forms.append((words[-1].text,))
        for form in forms:
            if len(form) == 1 and (
                len(form[0]) < 3
                or form[0].lower() in NO_PROPAGATE
                or doc.vocab[form[0].lower()].is_stop
            ):
                continue
            labels.setdefault(form, Counter())[span.label_] += 1
            shouted.setdefault(tuple(w.upper() for w in form), Counter())[span.label_] += 1
    return labels, shouted
