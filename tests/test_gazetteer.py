"""The offline gazetteer: countries, cities, regions, organisations."""

from __future__ import annotations

import pytest

from newsx.nlp.assets import asset, load_toml
from newsx.nlp.gazetteer import gazetteer, key


@pytest.mark.parametrize("text, name, country", [
    ("US", "United States", "US"), ("U.S.", "United States", "US"),
    ("the United States", "United States", "US"), ("America", "United States", "US"),
    ("the Russian Federation", "Russia", "RU"), ("Britain", "United Kingdom", "GB"),
    ("GENEVA", "Geneva", "CH"), ("Moscow", "Moscow", "RU"), ("England", "England", "GB"),
    ("Europe", "Europe", None), ("Ivory Coast", "Ivory Coast", "CI"),
])
def test_places_resolve_to_canonical_name_and_iso_country(text, name, country):
    place = gazetteer().place(text)
    assert place is not None and (place.name, place.country) == (name, country)


def test_organisation_aliases_and_stoplist():
    g = gazetteer()
    assert g.org("NYT") == g.org("the New York Times") == "The New York Times"
    assert g.org("IAEA") == "International Atomic Energy Agency"
    assert key("Tajiks") in g.not_entities and key("Briton") in g.not_entities
    assert key("Paris") not in g.not_entities


def test_gazetteer_names_each_alias_once():
    orgs = load_toml(asset("gazetteer/orgs.toml"))["orgs"]
    seen: dict[str, str] = {}
    for name, aliases in orgs.items():
        for form in [name, *aliases]:
            assert seen.setdefault(key(form), name) == name, (form, seen[key(form)], name)
