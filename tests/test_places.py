"""newsx_places: places resolved in context (newsx/nlp/places.py).

Most tests give a blank pipeline the entities a model would find (so they do not depend on
the model's mistakes) and compare newsx_entities alone, the shipped behaviour, with
newsx_entities + newsx_places: each case below was wrong before the resolver.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import newsx.nlp.entities  # noqa: F401  (registers newsx_entities_v1)
import newsx.nlp.places  # noqa: F401  (registers newsx_places_v1)
from newsx.records import Entity


@pytest.fixture(scope="module")
def pipes() -> tuple[Language, Language]:
    """(newsx_entities alone, newsx_entities + newsx_places) on a blank English pipeline."""
    before = spacy.blank("en")
    before.add_pipe("newsx_entities_v1", name="newsx_entities")
    after = spacy.blank("en")
    after.add_pipe("newsx_entities_v1", name="newsx_entities")
    after.add_pipe("newsx_places_v1", name="newsx_places")
    return before, after


def _doc(nlp: Language, text: str, ents: list[tuple[str, str]]) -> Doc:
    """`text` with the given (surface, label) entities, in order of appearance, then run."""
    doc = nlp.make_doc(text)
    spans, at = [], 0
    for surface, label in ents:
        start = text.index(surface, at)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
        at = start + len(surface)
    doc.ents = spans
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _places(doc: Doc) -> dict[str, Entity]:
    return {m.text: e for e in doc._.newsx_entities if e.type == "place" for m in e.mentions}


def _run(pipes: tuple[Language, Language], text: str,
         ents: list[tuple[str, str]]) -> Iterator[dict[str, Entity]]:
    for nlp in pipes:
        yield _places(_doc(nlp, text, ents))


@pytest.mark.parametrize("text, ents, city, admin1", [
    ("A fire broke out in Allentown, PA, on Tuesday.", [("Allentown", "GPE"), ("PA", "GPE")],
     "Allentown", "US.PA"),
    ("The company moved to Seattle, WA, last year.", [("Seattle", "GPE"), ("WA", "GPE")],
     "Seattle", "US.WA"),
    ("The storm hit Palm Beach, Florida, early on Monday.",
     [("Palm Beach", "GPE"), ("Florida", "GPE")], "Palm Beach", "US.FL"),
    ("The festival in London, Ontario, drew thousands.", [("London", "GPE"), ("Ontario", "GPE")],
     "London", "CA.08"),
    ("Residents of Paris, Texas, voted on the measure.", [("Paris", "GPE"), ("Texas", "GPE")],
     "Paris", "US.TX"),
    ("The meeting was held in Alexandria, Virginia.",
     [("Alexandria", "GPE"), ("Virginia", "GPE")], "Alexandria", "US.VA"),
    ("The team flew home to Athens, Georgia, on Sunday.",
     [("Athens", "GPE"), ("Georgia", "GPE")], "Athens", "US.GA"),
])
def test_city_comma_region_puts_the_city_in_that_region(pipes, text, ents, city, admin1):
    before, after = _run(pipes, text, ents)
    y = ents[1][0]
    # the shipped lookup took a bigger namesake of the city or of the region
    assert (before[city].admin1, before[y].admin1) != (admin1, admin1)
    assert after[city].admin1 == admin1 and after[city].lat is not None
    region = after[y]  # and the region is that region, with its own id and point
    assert region.admin1 == admin1 and region.country == admin1[:2]
    assert region.geonames_id is not None and region.lat is not None


def test_a_canadian_press_abbreviation_after_a_comma_is_the_province(pipes):
    _, after = _run(pipes, "Police in Kingston, Ont., said a man was hurt.",
                    [("Kingston", "GPE")])
    assert (after["Kingston"].country, after["Kingston"].admin1) == ("CA", "CA.08")


def test_state_abbreviation_is_the_state_not_a_foreign_town(pipes):
    before, after = _run(pipes, "A fire in Allentown, PA, and a flood in Seattle, WA.",
                         [("Allentown", "GPE"), ("PA", "GPE"), ("Seattle", "GPE"),
                          ("WA", "GPE")])
    # codes, not the towns Pa (China) and Wa (Ghana), even without the resolver
    assert (before["PA"].country, before["WA"].country) == (None, None)
    assert after["PA"].name == "Pennsylvania" and after["PA"].geonames_id == 6254927
    assert after["WA"].name == "Washington" and after["WA"].geonames_id == 5815135


def test_a_lone_code_or_dotted_abbreviation_is_a_region_not_a_town(pipes):
    text = "Rain hit WA on Monday. Officials in N.J. and B.C. said more would fall."
    ents = [("WA", "GPE"), ("N.J.", "GPE"), ("B.C.", "GPE")]
    before, after = _run(pipes, text, ents)
    assert before["WA"].country is None and before["N.J."].lat is None
    assert (after["WA"].name, after["WA"].geonames_id) == ("WA", None)  # Washington or W. A.
    assert (after["N.J."].name, after["N.J."].geonames_id) == ("New Jersey", 5101760)
    assert (after["B.C."].name, after["B.C."].country) == ("British Columbia", "CA")


def test_an_ocean_or_a_region_across_countries_is_no_town_and_no_country(pipes):
    text = "Ships crossed the Atlantic and the Pacific. Ports in Lisbon, Porto and Faro waited."
    ents = [("Atlantic", "LOC"), ("Pacific", "LOC"), ("Lisbon", "GPE"), ("Porto", "GPE"),
            ("Faro", "GPE")]
    _, after = _run(pipes, text, ents)
    for ocean in ("Atlantic", "Pacific"):
        assert (after[ocean].geonames_id, after[ocean].country) == (None, None)
    assert after["Lisbon"].country == "PT"


def test_georgia_in_us_local_news_is_the_state(pipes):
    text = ("Atlanta police said the governor of Georgia signed the bill in Savannah, and "
            "Augusta and Macon will follow.")
    ents = [("Atlanta", "GPE"), ("Georgia", "GPE"), ("Savannah", "GPE"), ("Augusta", "GPE"),
            ("Macon", "GPE")]
    before, after = _run(pipes, text, ents)
    assert before["Georgia"].country == "GE"
    assert (after["Georgia"].country, after["Georgia"].admin1) == ("US", "US.GA")


def test_georgia_next_to_russia_stays_the_country(pipes):
    _, after = _run(pipes, "Russia and Georgia fought a war over South Ossetia, Tbilisi said.",
                    [("Russia", "GPE"), ("Georgia", "GPE"), ("Tbilisi", "GPE")])
    assert after["Georgia"].country == "GE" and after["Georgia"].geonames_id == 614540


@pytest.mark.parametrize("text, ents, want", [
    ("The mayor of New York said the subway would reopen.", [("New York", "GPE")], 5128581),
    ("New York state officials said the subway would reopen.", [("New York", "GPE")], 5128638),
    ("The governor of New York said so.", [("New York", "GPE")], 5128638),
    ("A girl from Buffalo, New York, died.", [("Buffalo", "GPE"), ("New York", "GPE")],
     5128638),
    ("Cases rose in New Jersey and New York.", [("New Jersey", "GPE"), ("New York", "GPE")],
     5128638),
    ("Protests spread in Sao Paulo.", [("Sao Paulo", "GPE")], 3448439),
    # a city under a million people is not what its region's bigger name means by default
    ("Violence rose in Chihuahua.", [("Chihuahua", "GPE")], 4014336),
    ("Protesters marched in Washington DC on Saturday.", [("Washington DC", "GPE")], 4140963),
])
def test_a_big_city_is_what_its_region_s_name_means_unless_the_words_say_region(
        pipes, text, ents, want):
    _, after = _run(pipes, text, ents)
    assert after[ents[-1][0]].geonames_id == want


def test_a_name_listed_with_regions_is_the_region(pipes):
    text = "Cases were found in Texas, Utah, Washington and Wyoming."
    ents = [("Texas", "GPE"), ("Utah", "GPE"), ("Washington", "GPE"), ("Wyoming", "GPE")]
    _, after = _run(pipes, text, ents)
    assert after["Washington"].admin1 == "US.WA" and after["Washington"].geonames_id == 5815135
    _, after = _run(pipes, "Officials in Georgia and Florida said so.",
                    [("Georgia", "GPE"), ("Florida", "GPE")])
    assert (after["Georgia"].country, after["Georgia"].admin1) == ("US", "US.GA")
    # a list of cities or countries names no region
    _, after = _run(pipes, "After stops in Washington, New York and Boston, he left.",
                    [("Washington", "GPE"), ("New York", "GPE"), ("Boston", "GPE")])
    assert after["Washington"].admin1 == "US.DC" and after["New York"].geonames_id == 5128581
    # a country stays one beside another country's region or a state word; a town beside
    # its region stays the town; the region of a town's "X, Y" is no member of a list
    for text, ents in [
        ("Russia's actions in Crimea and Georgia alarmed NATO.",
         [("Russia", "GPE"), ("Crimea", "GPE"), ("Georgia", "GPE")]),
        ("Georgia state television said the president had resigned.", [("Georgia", "GPE")]),
    ]:
        _, after = _run(pipes, text, ents)
        assert after["Georgia"].geonames_id == 614540, text
    _, after = _run(pipes, "A warning said that Melbourne and Victoria were affected.",
                    [("Melbourne", "GPE"), ("Victoria", "GPE")])
    assert after["Melbourne"].country == "AU"
    _, after = _run(pipes, "Biden commuted between Wilmington, Delaware, and Washington.",
                    [("Wilmington", "GPE"), ("Delaware", "GPE"), ("Washington", "GPE")])
    assert after["Washington"].admin1 == "US.DC"


def test_a_region_s_point_is_not_its_namesake_city_s():
    from newsx.nlp.gazetteer import gazetteer
    from newsx.nlp.places_rank import km
    region = gazetteer().admin1("US.NY")
    assert region is not None and region.lat is not None and region.lon is not None
    assert km(region.lat, region.lon, 40.71, -74.01) > 150  # New York City's point


def test_london_with_ontario_elsewhere_in_the_article(pipes):
    text = ("Police in London said the fire started downtown. Ontario's fire marshal and "
            "officers from Toronto and Hamilton are investigating.")
    ents = [("London", "GPE"), ("Ontario", "GPE"), ("Toronto", "GPE"), ("Hamilton", "GPE")]
    before, after = _run(pipes, text, ents)
    assert before["London"].country == "GB"
    assert (after["London"].country, after["London"].admin1) == ("CA", "CA.08")


@pytest.mark.parametrize("text, ents, word", [
    ("Scientists think Jupiter's moon Europa may have an ocean.", [("Jupiter", "LOC")],
     "Jupiter"),
    ("Oil prices rose, with Brent crude up 2% in early trading.", [("Brent", "GPE")], "Brent"),
    ("He lived there with his wife Kali and two sons.", [("Kali", "GPE")], "Kali"),
    ("Kan reported that the talks had failed.", [("Kan", "GPE")], "Kan"),
])
def test_words_that_name_no_place_here_get_no_point(pipes, text, ents, word):
    before, after = _run(pipes, text, ents)
    assert before[word].lat is not None  # the shipped lookup put it on the map
    e = after[word]
    assert (e.geonames_id, e.lat, e.lon, e.admin1) == (None, None, None, None)


@pytest.mark.parametrize("text, ents, word", [
    ("Manchester United won 2-0 on Saturday.", [("Manchester", "GPE")], "Manchester"),
    ("The Chicago Bulls lost again on Friday.", [("Chicago", "GPE")], "Chicago"),
])
def test_a_teams_place_word_is_not_geocoded(pipes, text, ents, word):
    before, after = _run(pipes, text, ents)
    assert before[word].lat is not None
    e = after[word]
    assert (e.geonames_id, e.lat, e.lon, e.admin1) == (None, None, None, None)


def test_a_country_gets_geonames_point_not_a_population_or_area_centre(pipes):
    text = "Russia, Canada and the United States signed the deal."
    _, after = _run(pipes, text, [("Russia", "GPE"), ("Canada", "GPE"),
                                  ("the United States", "GPE")])
    russia = after["Russia"]
    assert russia.geonames_id == 2017370 and (russia.lat, russia.lon) == (60.0, 100.0)
    assert russia.admin1 is None
    # GeoNames' points, not the area centres (38, -97 and 60, -95) of other conventions
    assert (after["the United States"].lat, after["the United States"].lon) == (39.76, -98.5)
    assert (after["Canada"].lat, after["Canada"].lon) == (60.11, -113.64)


def test_a_county_has_its_point_where_the_article_says_which(pipes):
    text = "Bird flu was found on a farm in Dorset, England, and in Scott County, Iowa."
    _, after = _run(pipes, text, [("Dorset", "GPE"), ("England", "GPE"),
                                  ("Scott County", "GPE"), ("Iowa", "GPE")])
    dorset, scott = after["Dorset"], after["Scott County"]
    assert dorset.geonames_id == 2651079 and dorset.country == "GB"
    assert dorset.lat is not None and dorset.lon is not None
    assert abs(dorset.lat - 50.8) < 0.5 and abs(dorset.lon + 2.3) < 0.5  # the county, not a town
    assert scott.admin1 == "US.IA" and scott.lat is not None and scott.lon is not None
    assert abs(scott.lat - 41.6) < 0.3 and abs(scott.lon + 90.6) < 0.3
    # eleven US counties are called Scott County: with nothing to choose by, no point
    _, alone = _run(pipes, "Officials in Scott County closed the road.", [("Scott County", "GPE")])
    assert alone["Scott County"].country == "US" and alone["Scott County"].lat is None


def test_a_name_without_candidates_takes_a_plain_focus_country(pipes):
    text = ("Farmers near Toomevarragh met in Dublin. Cork, Limerick and Galway sent people, "
            "as did Paris, Texas and Madrid.")
    ents = [("Toomevarragh", "GPE"), ("Dublin", "GPE"), ("Cork", "GPE"), ("Limerick", "GPE"),
            ("Galway", "GPE"), ("Paris", "GPE"), ("Texas", "GPE"), ("Madrid", "GPE")]
    _, after = _run(pipes, text, ents)
    assert after["Toomevarragh"].country == "IE" and after["Toomevarragh"].lat is None


def test_names_of_one_place_are_one_entity(pipes):
    text = "Senators met in Washington, D.C., and in Santa Fe, New Mexico. New Mexico voted."
    ents = [("Washington", "GPE"), ("D.C.", "GPE"), ("Santa Fe", "GPE"), ("New Mexico", "GPE"),
            ("New Mexico", "GPE")]
    doc = _doc(pipes[1], text, ents)
    places = [e for e in doc._.newsx_entities if e.type == "place"]
    ids = [e.geonames_id for e in places if e.geonames_id]
    assert len(ids) == len(set(ids))
    dc = next(e for e in places if "D.C." in e.aliases)
    assert dc.name == "Washington" and dc.count == 2 and dc.aliases == ["Washington", "D.C."]
    assert max(e.salience for e in places) == 1.0


def test_a_place_named_with_its_comma_is_geonames_place_without_it(pipes):
    text = "Officials in Washington, D.C. said a patient was admitted on Monday."
    before, after = _run(pipes, text, [("Washington, D.C.", "GPE")])
    assert before["Washington, D.C."].lat is None  # "washington, d.c." is no GeoNames name
    dc = after["Washington, D.C."]
    assert dc.admin1 == "US.DC" and dc.lat is not None and dc.lon is not None
    assert abs(dc.lon + 77.0) < 0.2


def test_an_unknown_place_before_an_ambiguous_region_keeps_the_article_s_reading(pipes):
    text = "Digs near Dmanisi, Georgia, found bones. Officials in Tbilisi said Georgia hopes so."
    ents = [("Dmanisi", "GPE"), ("Georgia", "GPE"), ("Tbilisi", "GPE"), ("Georgia", "GPE")]
    _, after = _run(pipes, text, ents)
    assert after["Georgia"].country == "GE" and after["Dmanisi"].country == "GE"
    # a region of that name in two countries gives the place neither
    _, after = _run(pipes, "Farmers near Chak Zorawarpur, Punjab, met on Monday.",
                    [("Chak Zorawarpur", "GPE"), ("Punjab", "GPE")])
    assert after["Chak Zorawarpur"].country is None
    text = "Troops trained at Camp Murrayfield, Wash., on Monday."
    _, after = _run(pipes, text, [("Camp Murrayfield", "GPE"), ("Wash.", "GPE")])
    assert after["Camp Murrayfield"].country == "US" and after["Wash."].admin1 == "US.WA"


@pytest.fixture(scope="module")
def real() -> Language:
    """The default pipeline (model included), whose newsx_places resolves places."""
    from newsx.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    assert "newsx_places" in nlp.pipe_names
    return nlp


def test_merged_places_keep_by_line_names_out_of_salience():
    from newsx.nlp.places_merge import merge_same_places
    from newsx.records import Mention

    def place(name: str, starts: list[int], gid: int | None) -> Entity:
        return Entity("place", name, [name], len(starts), 0.5, "US",
                      [Mention(s, s + len(name), name, "GPE") for s in starts], gid)

    author = Entity("person", "Ann Lee", ["Ann Lee"], 3, 0.5, None,
                    [Mention(s, s + 7, "Ann Lee", "PERSON") for s in (3, 20, 40)])
    merged = merge_same_places([place("Washington", [300], 4140963), author,
                                place("D.C.", [400], 4140963)], credits=[(0, 45)])
    dc = next(e for e in merged if e.type == "place")
    assert (dc.name, dc.count, dc.aliases) == ("Washington", 2, ["Washington", "D.C."])
    assert [m.start for m in dc.mentions] == [300, 400]
    assert dc.salience == 1.0 and next(e for e in merged if e.type == "person").salience == 0.0


def test_a_long_text_s_pieces_name_one_place_as_one_entity():
    from newsx.nlp.combine import combine
    from newsx.records import Mention

    def ent(kind: str, name: str, start: int, gid: int | None, salience: float) -> Entity:
        return Entity(kind, name, [name], 1, salience, None,
                      [Mention(start, start + len(name), name, "GPE")], gid)

    parts = [(0, [ent("person", "Ann Lee", 3, None, 0.0), ent("place", "Washington", 50, 4140963, 1.0)]),
             (100, [ent("place", "D.C.", 10, 4140963, 1.0), ent("person", "Ann Lee", 30, None, 1.0)])]
    entities = combine(parts)
    places = [e for e in entities if e.type == "place"]
    assert len(places) == 1 and places[0].aliases == ["Washington", "D.C."]
    lee = next(e for e in entities if e.type == "person")
    assert lee.count == 2 and lee.salience < places[0].salience  # the by-line does not count


def test_a_long_text_has_one_entity_per_place(real):
    from newsx.run.core import analyse_long

    text = ("Officials met in Santa Fe, New Mexico, on Monday to talk about water.\n\n"
            + "The meeting went on for hours and nobody agreed on anything that day.\n\n" * 3
            + "Voters in Albuquerque, N.M., agreed with them later.")
    result = analyse_long(real, text, piece_chars=120)
    ids = [e.geonames_id for e in result.entities if e.type == "place" and e.geonames_id]
    assert len(ids) == len(set(ids)) and len(ids) >= 2


def test_with_the_model(real):
    places = _places(real("A fire broke out in a warehouse in Allentown, PA, on Tuesday."))
    assert places["Allentown"].admin1 == "US.PA" and places["PA"].country == "US"
    places = _places(real("The Chicago Bulls beat the Boston Celtics in Miami."))
    assert all(e.lat is None for k, e in places.items() if k in {"Chicago", "Boston"})


def test_a_states_code_alone_is_that_state_beside_places_of_its_country():
    from newsx.nlp.gazetteer import gazetteer
    from newsx.nlp.places_context import coded_region
    gaz = gazetteer()
    region = coded_region("NSW", gaz, ["AU", "AU"])
    assert region is not None and region.name == "New South Wales"
    region = coded_region("BC", gaz, ["CA", "CA", "US"])
    assert region is not None and region.name == "British Columbia"
    # not without the country, nor with another as many places, nor a country's own code
    # ("SA"), nor a code a state of another of the article's countries has ("WA", US), nor
    # in the federations whose codes name more than states ("VA")
    assert coded_region("NSW", gaz, ["GB"]) is None
    assert coded_region("ACT", gaz, ["AU", "US"]) is None
    assert coded_region("SA", gaz, ["AU", "AU"]) is None
    assert coded_region("WA", gaz, ["AU", "AU", "US"]) is None
    assert coded_region("VA", gaz, ["US"]) is None and coded_region("Nsw", gaz, ["AU"]) is None
