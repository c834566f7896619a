"""The taxonomy's vocabulary of house and home and of road and public transport (session 14),
tested on short articles written for newsx: minimum functionality for each, and the other
senses of their ambiguous words (a nursery school, a plan shelved, a sandwich chain called
Subway, a parcel lost in transit) that must not make a topic."""

from __future__ import annotations

import pytest
from spacy.language import Language

HOME = (
    "Small living rooms need furniture that earns its place. Choose a sofa with storage "
    "underneath, hang curtains close to the ceiling to make the room feel taller, and pick "
    "a pale rug to brighten the floor. Floating shelving keeps books off the floor, and a "
    "few cushions in one colour tie the decor together. If you enjoy DIY, paint an old "
    "chest of drawers and add new handles; decorating on a budget is mostly patience. "
    "Wallpaper on one wall gives a focal point without overwhelming the space."
)
TRANSIT = (
    "County commissioners voted on Tuesday to extend the bus rapid transit line to the "
    "southern suburbs, after a study found that ridership had doubled in three years. The "
    "transportation department said commuters would save twenty minutes a day, and the "
    "tram link to the hospital would open next spring. Critics said the money should "
    "go to the highway instead, where congestion is worst at rush hour, but the mayor said "
    "public transit was the only way to keep the city moving as it grows."
)
ROADWORKS = (
    "Drivers face a ten-mile road closure tonight as the highways agency repairs potholes on "
    "the northbound carriageway. A diversion will be in place via the ring road, and the "
    "agency said the resurfacing would take four nights. Residents were warned to expect "
    "longer journeys, and buses will follow the detour until the work is finished on "
    "Friday morning; the council said the roadworks had been planned for months."
)


def topics(nlp: Language, text: str) -> tuple[list[str], list[str]]:
    doc = nlp(text)
    return [t.id for t in doc._.newsx_topics], [c.iptc for c in doc._.newsx_categories]


def test_a_home_decorating_article_is_lifestyle(nlp: Language):
    ids, cats = topics(nlp, HOME)
    assert "house-home" in ids and cats[0] == "medtop:10000000", (ids, cats)


@pytest.mark.parametrize("text", [TRANSIT, ROADWORKS])
def test_public_transport_and_roadworks_are_transport(nlp: Language, text: str):
    ids, cats = topics(nlp, text)
    assert "transport" in ids and "medtop:04000000" in cats, (ids, cats)


@pytest.mark.parametrize("text", [
    "The nursery school on Mill Lane will open a second class for three-year-olds in "
    "September, the head teacher said.",
    "The company sold its data storage business to a rival for two billion dollars.",
    "Police searched the bedroom of the suspect and took away two computers.",
    "The government is shelving its plan to raise the pension age.",
    "It was curtains for the coach after a third defeat in a row.",
    "The central bank's rate cut cushions the blow of higher energy prices.",
])
def test_other_senses_of_home_words_are_not_house_and_home(nlp: Language, text: str):
    ids, _ = topics(nlp, text)
    assert "house-home" not in ids, ids


@pytest.mark.parametrize("text", [
    "Subway opened two hundred new sandwich shops in Europe last year.",
    "The parcel was lost in transit, the courier company said.",
    "The minister took a detour into foreign policy in his speech on schools.",
])
def test_other_senses_of_transport_words_are_not_transport(nlp: Language, text: str):
    ids, _ = topics(nlp, text)
    assert "transport" not in ids, ids
