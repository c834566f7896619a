"""The taxonomy's road and public-transport vocabulary (session 14), tested on short
articles written for newsx: minimum functionality, and the everyday words of roads and buses in
other stories (a team's bus, a highway robbery, a sandwich chain called Subway, a parcel lost
in transit), which must not make the transport topic."""

from __future__ import annotations

import pytest
from spacy.language import Language

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


@pytest.mark.parametrize("text", [TRANSIT, ROADWORKS])
def test_public_transport_and_roadworks_are_transport(nlp: Language, text: str):
    ids, cats = topics(nlp, text)
    assert "transport" in ids and "medtop:04000000" in cats, (ids, cats)


@pytest.mark.parametrize("text", [
    "Subway opened two hundred new sandwich shops in Europe last year.",
    "The parcel was lost in transit, the courier company said.",
    "The minister took a detour into foreign policy in his speech on schools.",
    "The team bus was held up for an hour, and the players warmed up in their tracksuits.",
    "Fans called the ticket prices highway robbery after the club raised them again.",
    "Commuter-belt voters swung to the opposition in the council election.",
])
def test_other_senses_of_transport_words_are_not_transport(nlp: Language, text: str):
    ids, _ = topics(nlp, text)
    assert "transport" not in ids, ids
