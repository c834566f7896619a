"""newsx_quotes: quotation marks, cues, sources and speakers, on small articles written here."""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Iterator

import pytest
import spacy
from spacy.language import Language

import newsx.nlp.quotes  # noqa: F401  (registers newsx_quotes_v1)
from newsx.nlp.quote_records import Quote
from newsx.nlp.quotes import QuoteFinder, is_title
from newsx.nlp.quotes_marks import find_quoted

# newsx.run.core re-exports it while the package's modules move
load_pipeline: Callable[[], Language] = importlib.import_module("newsx.run.core").load_pipeline


@pytest.fixture(scope="module")
def qnlp() -> Iterator[Language]:
    """newsx's pipeline with the quotation finder added at its end (built once here)."""
    nlp = load_pipeline()
    assert "newsx_quotes" in nlp.pipe_names
    yield nlp


def quotes(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    found: list[Quote] = doc._.newsx_quotes
    for q in found:  # every offset points into the text
        assert text[q.start:q.end] == q.text
        if q.source:
            assert text[q.source.start:q.source.end] == q.source.text
        if q.cue:
            assert text[q.cue.start:q.cue.end] == q.cue.text
    return found


def quoted_texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quoted(text)]


def speaker(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


def src(q: Quote) -> str | None:
    return q.source.text if q.source else None


def cue(q: Quote) -> str | None:
    return q.cue.text if q.cue else None


def kind(q: Quote) -> str | None:
    return q.speaker.type if q.speaker else None


def one(found: list[Quote], words: str) -> Quote:
    """The only quote whose content holds `words`."""
    hits = [q for q in found if words in q.text]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


# quotation marks, over plain text


@pytest.mark.parametrize("text, expected", [
    ('He said "we will win" today.', ['"we will win"']),
    ("He said “we will win” today.", ["“we will win”"]),
    ("Il a dit « nous gagnerons » hier.", ["« nous gagnerons »"]),
    ("Er sagte: „Wir schaffen das.“ Dann ging er.", ["„Wir schaffen das.“"]),
    ("Er sagte: »Wir schaffen das.« Dann ging er.", ["»Wir schaffen das.«"]),
    ("May: ‘We will fight on’", ["‘We will fight on’"]),
])
def test_every_kind_of_mark_pairs(text: str, expected: list[str]) -> None:
    assert quoted_texts(text) == expected


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "It’s the voters’ choice, don’t forget the ’90s and rock ’n’ roll."
    assert quoted_texts(text) == []


def test_nested_quotations_stay_inside_the_outer_one() -> None:
    assert quoted_texts("She said “he called it ‘a farce’ twice” then.") == [
        "“he called it ‘a farce’ twice”"]
    assert quoted_texts("She said ‘he called it “a farce” twice’ then.") == [
        "‘he called it “a farce” twice’"]


def test_unbalanced_marks_run_to_the_end_of_their_paragraph() -> None:
    text = "He said “we will win and left.\nNext paragraph” has a stray closer."
    found = find_quoted(text)
    assert [text[q.start:q.end] for q in found] == ["“we will win and left."]
    assert not found[0].closed


def test_a_quotation_running_on_into_the_next_paragraph_is_marked() -> None:
    text = "“We will win.\n“And we will keep winning,” she said."
    found = find_quoted(text)
    assert found[0].runs_on and not found[0].closed
    assert text[found[1].start:found[1].end] == "“And we will keep winning,”"


def test_no_text_of_marks_raises() -> None:
    rng = random.Random(7)
    pieces = ['"', "“", "”", "„", "«", "»", "‘", "’", "'", "‹", "›", " ", "\n", "a", "said", "."]
    blank = spacy.blank("en")
    finder = QuoteFinder("q")
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for q in find_quoted(text):
            assert 0 <= q.start < q.end <= len(text)
        doc = finder(blank(text))
        assert isinstance(doc._.newsx_quotes, list)


def test_titles_in_quotation_marks_are_not_quotations() -> None:
    assert is_title("“Meet the Press”") and is_title("“Avatar”")
    assert not is_title("“We will never give up, never.”")


# rules over tokens alone (no model): cue and source words


def test_cue_and_source_after_the_quotation_without_a_model() -> None:
    blank = spacy.blank("en")
    doc = QuoteFinder("q")(blank("“We will not give up,” she said. “Never.”"))
    first, second = doc._.newsx_quotes
    assert (cue(first), src(first)) == ("said", "she")
    assert first.direct and first.text == "“We will not give up,”"
    assert src(second) == "she" and second.continues == 0
    assert first.speaker is None  # no entities in a blank pipeline: nobody to resolve to


# the full pipeline: speakers resolved to the article's entities


def test_pronoun_speakers_follow_the_gender_of_titles(qnlp: Language) -> None:
    text = ("Ms Jane Howard, the chief executive of Acme Corp, met Mr Tom Lee on Monday.\n\n"
            "“We will not give up,” she said.\n\n"
            "“This is a disaster,” he said.")
    found = quotes(qnlp, text)
    assert speaker(one(found, "give up")) == "Jane Howard"
    assert speaker(one(found, "disaster")) == "Tom Lee"


def test_name_after_the_cue(qnlp: Language) -> None:
    found = quotes(qnlp, "“Prices will rise,” said Peter Jones, an economist at Barclays.")
    q = one(found, "Prices")
    assert src(q) == "Peter Jones" and speaker(q) == "Peter Jones"
    assert cue(q) == "said" and q.direct


def test_a_source_naming_a_person_and_an_organisation_is_the_person(qnlp: Language) -> None:
    for text in ['The plant will close in June. "We had no choice," said Acme Corp spokesman '
                 'John Smith.',
                 'The plant will close in June. "We had no choice," said John Smith of Acme '
                 'Corp.']:
        q = one(quotes(qnlp, text), "no choice")
        assert q.speaker is not None and (q.speaker.type, q.speaker.name) == ("person",
                                                                               "John Smith")


def test_cue_before_the_quotation(qnlp: Language) -> None:
    found = quotes(qnlp, "Angela Merkel told reporters in Berlin: “We will manage this.”")
    q = one(found, "manage")
    assert cue(q) == "told" and speaker(q) == "Angela Merkel"
    assert q.text == "“We will manage this.”"


def test_two_speakers_in_one_paragraph(qnlp: Language) -> None:
    text = ("“The plan is dead,” said Senator Mark Warner. But Governor Ralph Northam "
            "disagreed: “It will pass next week.”")
    found = quotes(qnlp, text)
    assert speaker(one(found, "dead")) == "Mark Warner"
    assert speaker(one(found, "pass next week")) == "Ralph Northam"


def test_split_quotation_keeps_its_speaker(qnlp: Language) -> None:
    text = ("Mrs Sarah Connor spoke after the vote.\n\n“We lost today,” she said. “But we will "
            "be back next year, and we will win.”")
    found = quotes(qnlp, text)
    first, second = one(found, "lost today"), one(found, "back next year")
    assert speaker(first) == speaker(second) == "Sarah Connor"
    assert second.continues == found.index(first)


def test_quotation_running_over_paragraphs_keeps_its_speaker(qnlp: Language) -> None:
    text = ("“The budget is a fraud,” said Nancy Pelosi.\n\n“It cuts schools and hospitals and "
            "gives the money to the richest families in the country.”")
    found = quotes(qnlp, text)
    assert speaker(one(found, "hospitals")) == "Nancy Pelosi"


def test_quote_in_a_headline(qnlp: Language) -> None:
    text = ("Boris Johnson: ‘I will not resign over this report’\n\n"
            "The prime minister spoke in London on Tuesday.")
    q = one(quotes(qnlp, text), "resign")
    assert speaker(q) == "Boris Johnson" and src(q) == "Boris Johnson"


def test_headline_with_says(qnlp: Language) -> None:
    q = one(quotes(qnlp, "‘We will fight on,’ says Theresa May\n\nThe talks failed."), "fight")
    assert cue(q) == "says" and speaker(q) == "Theresa May"


def test_nested_quotation_is_one_quote(qnlp: Language) -> None:
    text = "“He told me ‘go home’ and I did,” said Maria Lopez."
    found = quotes(qnlp, text)
    assert len(found) == 1
    assert found[0].text == "“He told me ‘go home’ and I did,”" and speaker(found[0]) == "Maria Lopez"


def test_unbalanced_marks_do_not_break_the_article(qnlp: Language) -> None:
    text = ("“We will win, said John Smith at the rally.\n\nHe left early. “Really.\n\n"
            "” Stray marks « everywhere „ here.\n\n“The economy is strong,” Smith added.")
    found = quotes(qnlp, text)
    assert speaker(one(found, "economy is strong")) == "John Smith"


def test_french_and_german_quotation_marks(qnlp: Language) -> None:
    text = ("« We will win this battle », said Emmanuel Macron.\n\n"
            "Olaf Scholz said: „We will support Ukraine for as long as it takes.“")
    found = quotes(qnlp, text)
    assert speaker(one(found, "battle")) == "Emmanuel Macron"
    assert speaker(one(found, "Ukraine")) == "Olaf Scholz"


def test_reported_speech_with_that(qnlp: Language) -> None:
    text = "Acme Corp reported a loss. The company said that profits would fall sharply next year."
    q = one(quotes(qnlp, text), "profits")
    assert not q.direct and q.text == "profits would fall sharply next year"
    assert src(q) == "The company" and kind(q) == "organisation"
    assert speaker(q) == "Acme Corp"


def test_reported_speech_closed_by_its_attribution(qnlp: Language) -> None:
    text = "Inflation will stay above target for two more years, Andrew Bailey said on Monday."
    q = one(quotes(qnlp, text), "Inflation")
    assert not q.direct and cue(q) == "said" and speaker(q) == "Andrew Bailey"
    assert q.text == "Inflation will stay above target for two more years"


def test_according_to(qnlp: Language) -> None:
    text = "According to the World Bank, growth in the region will slow to two percent this year."
    q = one(quotes(qnlp, text), "growth")
    assert cue(q) == "According to" and src(q) == "the World Bank"
    assert speaker(q) == "World Bank" and not q.direct


def test_quotation_inside_reported_speech(qnlp: Language) -> None:
    text = "Bernie Sanders said the deal was “a disaster for working families” across America."
    q = one(quotes(qnlp, text), "disaster")
    assert not q.direct and q.text.startswith("the deal was") and speaker(q) == "Bernie Sanders"


def test_descriptions_resolve_to_the_last_fitting_entity(qnlp: Language) -> None:
    text = ("Warren Buffett met executives of Microsoft on Friday.\n\n"
            "“We are not selling,” the 93-year-old said.\n\n"
            "“Our cloud business keeps growing,” the company said in a statement.")
    found = quotes(qnlp, text)
    assert speaker(one(found, "not selling")) == "Warren Buffett"
    q = one(found, "cloud")
    assert src(q) == "the company" and speaker(q) == "Microsoft"


def test_unresolved_sources_have_no_speaker(qnlp: Language) -> None:
    text = ("“The road will close in May,” a spokesman said.\n\n"
            "“We were never told,” they said.")
    found = quotes(qnlp, text)
    assert src(one(found, "road")) == "a spokesman"
    assert one(found, "road").speaker is None
    assert one(found, "never told").speaker is None


def test_a_pronoun_never_goes_against_the_gender_of_the_evidence(qnlp: Language) -> None:
    q = one(quotes(qnlp, "Mr David Cameron arrived late. “I am sorry,” she said."), "sorry")
    assert src(q) == "she" and q.speaker is None


def test_scare_quotes_and_titles_are_left_out(qnlp: Language) -> None:
    text = ("The so-called “reform” was discussed on “Meet the Press” on Sunday by "
            "analysts who follow the budget closely.")
    assert quotes(qnlp, text) == []


def test_a_possessive_is_not_the_pronouns_person(qnlp: Language) -> None:
    text = ("Mr Tom Shaw said that is what he would expect from Anna Berg’s statements.\n\n"
            "“She never said she wants the bypass,” he said.")
    assert speaker(one(quotes(qnlp, text), "bypass")) == "Tom Shaw"


def test_a_pronoun_teaches_the_gender_of_the_only_person_near(qnlp: Language) -> None:
    filler = ("The trust has run the river ferries for decades, "
              "and its budget depends on donations from families, companies and foundations "
              "across the country, which have fallen in each of the last three years. ") * 2
    text = (f"Peter Novak opened the meeting in the town hall.\n\n{filler}\n\n"
            "“We need more money,” said Ruth Okafor of the trust. “Now,” she said.\n\n"
            "“It is too late,” he said.")
    found = quotes(qnlp, text)
    assert speaker(one(found, "Now")) == "Ruth Okafor"
    assert speaker(one(found, "too late")) == "Peter Novak"
