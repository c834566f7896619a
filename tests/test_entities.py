"""Canonical entities from hand-labelled Docs."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsx.nlp.entities import EntityMerger
from newsx.nlp.wordlists import is_big_place


def merged(blank: Language, words: list[str], ents: list[str], spaces=None) -> dict:
    doc = Doc(blank.vocab, words=words, spaces=spaces, ents=ents)
    entities = EntityMerger("test")(doc)._.newsx_entities
    return {(e.type, e.name): e for e in entities}


def test_surname_and_honorific_forms_join_the_full_name(blank):
    words = ["Joe", "Biden", "spoke", ".", "Biden", "said", "Hunter", "Biden", "left", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"]
    got = merged(blank, words, ents)
    assert set(got) == {("person", "Joe Biden"), ("person", "Hunter Biden")}
    # the lone "Biden" belongs to the nearest full name before it
    assert got[("person", "Joe Biden")].count == 2
    assert got[("person", "Joe Biden")].aliases == ["Joe Biden", "Biden"]


def test_country_variants_are_one_place_with_iso_code(blank):
    words = ["US", ",", "United", "States", ",", "America", ",", "U.S.", "and", "Geneva"]
    ents = ["B-GPE", "O", "B-GPE", "I-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE"]
    got = merged(blank, words, ents)
    us = got[("place", "United States")]
    assert (us.count, us.country) == (4, "US")
    assert got[("place", "Geneva")].country == "CH"


def test_acronym_joins_expansion_known_or_not(blank):
    words = ["The", "New", "York", "Times", "and", "NYT", ";", "Office", "of", "Fair", "Trading",
             "(", "OFT", ")"]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG",
            "O", "B-ORG", "O"]
    got = merged(blank, words, ents)
    assert got[("organisation", "The New York Times")].count == 2
    assert got[("organisation", "Office of Fair Trading")].aliases == ["Office of Fair Trading", "OFT"]
    assert len(got) == 2


def test_offsets_salience_and_all_caps_names(blank):
    words = ["BORIS", "YELTSIN", "WINS", "\n", "Yeltsin", "won", ",", "Lebed", "lost", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O", "B-PERSON", "O", "O"]
    spaces = [True, True, False, False, True, False, True, True, False, False]
    doc = Doc(blank.vocab, words=words, spaces=spaces, ents=ents)
    ents_out = EntityMerger("t")(doc)._.newsx_entities
    yeltsin = ents_out[0]
    assert yeltsin.name == "Boris Yeltsin" and yeltsin.salience == 1.0
    assert [(m.start, m.end) for m in yeltsin.mentions] == [(0, 13), (19, 26)]
    assert all(doc.text[m.start:m.end] == m.text for e in ents_out for m in e.mentions)
    lebed = ents_out[1]
    assert 0 < lebed.salience < 1


def test_national_institutions_join_their_short_and_gazetteer_forms(blank):
    words = ["The", "Russian", "Foreign", "Ministry", "and", "the", "US", "Department", "of",
             "Defense", "spoke", ";", "the", "Foreign", "Ministry", "and", "the", "Pentagon",
             "agreed"]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O",
            "O", "B-ORG", "I-ORG", "O", "O", "B-ORG", "O"]
    got = merged(blank, words, ents)
    assert set(got) == {("organisation", "Russian Foreign Ministry"),
                        ("organisation", "Department of Defense")}
    assert got[("organisation", "Department of Defense")].aliases == ["US Department of Defense",
                                                                       "Pentagon"]


def test_a_title_of_the_other_gender_is_another_person(blank):

    words = ["Michael", "Howard", "spoke", ".", "Mr", "Howard", "said", "so", ".", "Mr",
             "Howard", "left", ".", "Mrs", "Howard", "stayed", "."]
    doc = Doc(blank.vocab, words=words)
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 5, 6, "PERSON"), Span(doc, 10, 11, "PERSON"),
                Span(doc, 14, 15, "PERSON")]
    people = {(e.name, e.count) for e in EntityMerger("e")(doc)._.newsx_entities}
    assert people == {("Michael Howard", 3), ("Howard", 1)}


def test_districts_give_their_country_but_do_not_make_places(blank):
    # a province, a London borough and a US county from ISO 3166-2 and GeoNames
    words = ["Floods", "hit", "Guizhou", ",", "Hillingdon", "and", "Alameda", "County", "."]
    ents = ["O", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "I-GPE", "O"]
    got = merged(blank, words, ents)
    assert got[("place", "Guizhou")].country == "CN"
    assert got[("place", "Hillingdon")].country == "GB"
    assert got[("place", "Alameda County")].country == "US"
    # a district is no big place: a person named like one stays a person
    assert not is_big_place("Hillingdon") and is_big_place("Norway")
