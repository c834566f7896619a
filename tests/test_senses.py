"""Word senses: sentences written for newsx, each with the reading a topic must (not) get.

A word inside a person's name is not evidence. An organisation's name is: it says what the
organisation does ("the Cybersecurity and Infrastructure Security Agency"); counting it lost
0.03 of cyber headline recall and 0.003 of BBC accuracy when tried."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsx.nlp.topics import TopicScorer

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


# a term with a common other sense counts only beside another term of the topic
AMBIGUOUS = [
    ("Official figures showed the economy grew again, the latest in a series of gains for "
     "manufacturers as exports rose.", "television-media", None),
    ("Astronomers pointed the radio telescope's giant dish at a distant galaxy.",
     "food-drink", None),
    ("Astronomers pointed the radio telescope's giant dish at a distant galaxy.",
     "television-media", None),
    ("Ministers set goals to reach net zero carbon emissions by 2050.", "sport", None),
    ("The charity will serve meals to 2,000 families and seed a fund for food banks.",
     "tennis", None),
    ("A local newspaper reported that the two leaders would meet again in May.",
     "television-media", None),
    ("The drama series drew eight million viewers on the television channel.", None,
     "television-media"),
    ("The top seed lost her serve twice in the first set at Wimbledon.", None, "tennis"),
    ("The chef's signature dish is on the restaurant's new menu.", None, "food-drink"),
    ("Subscribers can watch the channel on satellite or cable, and the firm will launch a "
     "sports package next month.", "space-exploration", None),
    ("The rocket put the weather satellite into orbit after its launch from Florida.", None,
     "space-exploration"),
    ("Labour's bid for a third term will rest on the deal it offers voters on schools.",
     "mergers-acquisitions", None),
    ("The bank's bid for its rival values the deal at $2bn, and the merger needs approval.",
     None, "mergers-acquisitions"),
    # a video game is played, scored and won too: not sport
    ("Gamers queued overnight for the new PlayStation, and its football video game topped the "
     "charts as players praised how every match and goal looks.", "sport", "computing-it"),
    ("The striker scored twice as the team won the league match before a full stadium.", None,
     "sport"),
    ("Fans of the puzzle game queued overnight, and early players praised its new levels.",
     "sport", None),
    ("The team's players won the game in front of 40,000 fans.", None, "sport"),
    # a recipe's cups, sugar, chips and frosting; a garden's frost (web pages)
    ("Beat the butter with a cup of sugar, fold in the chocolate chips, bake for 25 minutes and "
     "top with the frosting. Preheat the oven first; the recipe needs two teaspoons of cocoa.",
     "sport", "food-drink"),
    ("Beat the butter with a cup of sugar, fold in the chocolate chips, bake for 25 minutes and "
     "top with the frosting. Preheat the oven first; the recipe needs two teaspoons of cocoa.",
     "commodities", None),
    ("Beat the butter with a cup of sugar, fold in the chocolate chips, bake for 25 minutes and "
     "top with the frosting. Preheat the oven first; the recipe needs two teaspoons of cocoa.",
     "computing-it", None),
    ("Beat the butter with a cup of sugar, fold in the chocolate chips, bake for 25 minutes and "
     "top with the frosting. Preheat the oven first; the recipe needs two teaspoons of cocoa.",
     "weather", None),
    ("Raw sugar futures rose on the commodity exchange as cocoa prices hit a record.", None,
     "commodities"),
    ("The sprinter took gold in Madrid and silver in the relay.", "commodities", None),
    ("Gold rose to a record on the bullion market as metals prices climbed.", None,
     "commodities"),
    ("Protect the hydrangeas from frost, and prune them when night temperatures rise in spring.",
     "weather", None),
    ("Frost and snow will follow the storm, the weather service said.", None, "weather"),
    ("The chipmaker's new chip and processor doubled the speed of its computers.", None,
     "computing-it"),
]


@pytest.mark.parametrize("text, wrong, right", AMBIGUOUS)
def test_ambiguous_words_need_context(blank: Language, text: str, wrong: str | None,
                                      right: str | None):
    scorer = TopicScorer(blank, "t", [], min_score=0.3)  # terms alone: the rule itself
    topics = {t.id for t in scorer(blank(text))._.newsx_topics}
    if wrong:
        assert wrong not in topics
    if right:
        assert right in topics
