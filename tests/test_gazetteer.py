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
    ("Democratic Republic of Congo", "Democratic Republic of the Congo", "CD"),
    ("Republic of Congo", "Republic of the Congo", "CG"), ("East Timor", "Timor-Leste", "TL"),
    ("St Lucia", "Saint Lucia", "LC"),
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


def test_candidates_list_every_namesake_with_its_region_and_point():
    cands = gazetteer().candidates("Paris")
    assert cands[0].country == "FR" and cands[0].feature_code == "PPLC"
    texas = next(c for c in cands if c.admin1 == "US.TX")
    assert texas.geonames_id == 4717560 and texas.lat is not None and texas.feature_class == "P"
    georgia = {c.feature_code: c for c in gazetteer().candidates("Georgia")}
    assert georgia["PCLI"].country == "GE" and georgia["ADM1"].admin1 == "US.GA"
    assert gazetteer().candidates("the Netherlands")[0].country == "NL"
    assert gazetteer().candidates("Nowhereville Xyz") == []
    # the ways news names a country resolve to that country's GeoNames place and point
    drc = gazetteer().candidates("Democratic Republic of Congo")[0]
    assert (drc.geonames_id, drc.feature_code) == (203312, "PCLI") and drc.lat is not None
    kosovo = gazetteer().candidates("Kosovo")[0]  # a GeoNames country, not an ISO one
    assert (kosovo.geonames_id, kosovo.country) == (831053, "XK") and kosovo.lat is not None


def test_names_are_found_as_english_writes_them_without_their_letters():
    # letters no accent takes off (ł, ø, ı) are written as plain ones, not dropped
    for plain, own in (("Pulawy", "Puławy"), ("Tromso", "Tromsø"), ("Acigol", "Acıgöl")):
        ids = {c.geonames_id for c in gazetteer().candidates(own)}
        assert ids and ids <= {c.geonames_id for c in gazetteer().candidates(plain)}, plain
    assert gazetteer().candidates("Puawy") == [] and gazetteer().candidates("Acgol") == []


def test_candidates_are_found_at_both_ends_of_the_sorted_file():
    data = asset("gazetteer/candidates.tsv").read_text(encoding="utf-8").splitlines()
    for line in (data[0], data[len(data) // 2], data[-1]):
        name = line.split("\t")[0]
        assert gazetteer().candidates(name), name


def test_first_level_regions_by_code_name_and_abbreviation():
    g = gazetteer()
    pa = g.admin1("US.PA")
    assert pa is not None and pa.name == "Pennsylvania" and pa.country == "US"
    assert pa in g.admin1_named("PA") and pa in g.admin1_named("Pennsylvania")
    assert any(a.code == "AU.02" for a in g.admin1_named("NSW"))


def test_alternate_names_are_marked():
    kali = {c.geonames_id: c for c in gazetteer().candidates("Kali")}
    assert kali[3687925].alternate  # Cali, Colombia, only by an alternate spelling
    assert not gazetteer().candidates("Cali")[0].alternate


def test_every_row_of_places_tsv_is_found_by_bisection():
    # place() bisects the file's bytes: its lines must stay sorted by case-folded name
    lines = asset("gazetteer/places.tsv").read_text(encoding="utf-8").splitlines()[1:]
    names = [line.split("\t", 1)[0] for line in lines]
    keys = [n.casefold().encode("utf-8") for n in names]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    g = gazetteer()
    for name in names[:3] + names[-3:] + names[:: len(names) // 500]:
        place = g.place(name)
        assert place is not None, name
        assert place.kind in {"country", "region", "state"} or place.name == name
    assert g.place("Zzyzx Nowhere") is None and g.place("name") is None  # not the header
    assert g.place("zzyzx nowhere") is None  # a miss remembered gives the same answer
