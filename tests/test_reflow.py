"""Hard-wrapped text is read as prose (newsx.nlp.reflow), keeping every offset."""

from __future__ import annotations

from spacy.language import Language

from newsx.io.read import Article
from newsx.nlp.reflow import unwrap, width
from newsx.run.core import annotate

WRAPPED = (
    "Shares of the company rose sharply on Tuesday after it said that\n"
    "its chief executive would leave for a rival firm based in New\n"
    "York at the end of the month, according to people familiar with\n"
    "the plan, who said the board had known about it for weeks and\n"
    "had already chosen a successor from outside the company.\n"
)


def test_breaks_inside_sentences_become_spaces_and_the_length_stays() -> None:
    out = unwrap(WRAPPED)
    assert len(out) == len(WRAPPED)
    assert "in New York at the end" in out
    assert "rival firm based in New\n" not in out
    assert out.endswith("company.\n")


def test_a_break_after_a_sentence_end_stays() -> None:
    text = WRAPPED.replace("for weeks and\n", "for weeks.\n")
    assert "for weeks.\n" in unwrap(text)


def test_a_headline_and_paragraph_breaks_stay() -> None:
    text = "CHIEF EXECUTIVE TO LEAVE\n\n" + WRAPPED + "\n    The company declined to comment\n"
    out = unwrap(text)
    assert out.startswith("CHIEF EXECUTIVE TO LEAVE\n\n")
    assert "company.\n\n    The company" in out


def test_lines_that_are_not_filled_are_not_wrapping() -> None:
    table = "Results of the race:\n" + "".join(
        f"{i}. Runner Number{i} (Country) 12.{i}0 seconds\n" for i in range(1, 9))
    assert width(table) is None
    assert unwrap(table) == table
    one_per_line = "".join(f"Sentence number {i} is short and ends here .\n" for i in range(8))
    assert unwrap(one_per_line) == one_per_line


def test_a_name_broken_across_lines_is_one_entity(nlp: Language) -> None:
    [record] = annotate(nlp, [Article(id="a", source="-", text=WRAPPED)])
    places = {e.name: e for e in record.entities if e.type == "place"}
    assert "New York" in places, places
    mention = places["New York"].mentions[0]
    assert WRAPPED[mention.start : mention.end] == "New\nYork"
