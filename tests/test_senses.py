"""Word senses: sentences written for newsx, each with the reading a topic must (not) get.

A word inside a person's name is not evidence. An organisation's name is: it says what the
organisation does ("the Cybersecurity and Infrastructure Security Agency"); counting it lost
0.03 of cyber headline recall and 0.003 of BBC accuracy when tried."""

from __future__ import annotations

import pytest
from spacy.language import Language

# (text, topic that must not be found, topic that must be found or None)
SENSES = [
    ("Hans Christian Andersen wrote fairy tales. Hans Christian Andersen was born in Odense, and "
     "Hans Christian Andersen's stories are still read by children.", "christianity", None),
    ("Christian Bale won an award for the film. Christian Bale thanked the director, and fans "
     "cheered Christian Bale at the premiere.", "christianity", None),
    ("Christian churches across the country held services for Easter, and bishops led prayers.",
     None, "christianity"),
]


@pytest.mark.parametrize("text, wrong, right", SENSES)
def test_terms_inside_names_are_not_evidence(nlp: Language, text: str, wrong: str | None,
                                             right: str | None):
    topics = {t.id for t in nlp(text)._.newsx_topics}
    if wrong:
        assert wrong not in topics
    if right:
        assert right in topics
