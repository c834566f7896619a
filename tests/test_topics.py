# mypy: disable-error-code="union-attr,list-item"
"""The taxonomy file and the topic scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsx.components.topics import TopicScorer, inflections
from newsx.taxonomy import TaxonomyError, iptc_tree, load_taxonomy, top_level


def test_taxonomy_codes_are_active_iptc_and_cover_every_top_level():
    topics = load_taxonomy()
    tree = iptc_tree()
    assert all(q in tree for t in topics for q in t.iptc)
    tops = {top_level(q).qcode for t in topics for q in t.iptc}
    assert tops == {c.qcode for c in tree.values() if c.level == 1}
    ids = {t.id for t in topics}
    for required in ("cybersecurity", "arms-control", "diplomacy", "summit-meeting", "treaty",
                     "economic-sanctions", "espionage-intelligence", "national-security",
                     "elections", "international-trade", "armed-conflict", "terrorism",
                     "nuclear-policy"):
        assert required in ids
    cyber = next(t for t in topics if t.id == "cybersecurity")
    assert cyber.iptc == ("medtop:20000086",)  # cyber crime; cyber warfare by evidence
    assert "medtop:20001361" in cyber.iptc_when


def test_inflections_cover_plurals_and_verbs():
    assert {"hacker", "hackers"} <= inflections("hacker")
    assert "arms treaties" in inflections("arms treaty")
    assert "sanctioned" in inflections("sanction")


def scorer(blank, extra=()):
    return TopicScorer(blank, "t", [str(p) for p in extra], min_score=0.3)


def test_scores_evidence_and_categories(blank):
    doc = blank("Hackers used ransomware in a cyberattack on the pipeline. The hackers demanded "
                "bitcoin, and officials blamed a ransomware gang.")
    doc = scorer(blank)(doc)
    top = doc._.newsx_topics[0]
    assert top.id == "cybersecurity" and 0.5 < top.score <= 1.0
    evidence = {e.term: e.count for e in top.evidence}
    assert evidence["hacker"] == 2 and evidence["ransomware"] == 2
    codes = {c.iptc for c in doc._.newsx_categories}
    # a ransomware gang is cyber crime (crime, law and justice), not war
    assert codes == {"medtop:02000000"} and top.iptc == ["medtop:20000086"]
    state = scorer(blank)(blank("State-sponsored hackers of the GRU used malware in a "
                                "cyberattack on the grid."))
    assert "medtop:20001361" in state._.newsx_topics[0].iptc
    assert "medtop:16000000" in {c.iptc for c in state._.newsx_categories}


def test_counter_evidence_and_noise_floor(blank):
    s = scorer(blank)
    health = s(blank("The flu virus spread through the hospital; patients were given a vaccine."))
    assert "cybersecurity" not in {t.id for t in health._.newsx_topics}
    # in an article one supporting word is noise (a short item needs less: test_core.py)
    one_word = s(blank("The company said little. " + "Nothing else happened that day. " * 20))
    assert one_word._.newsx_topics == []


def test_user_taxonomy_adds_and_overrides(blank, tmp_path: Path):
    user = tmp_path / "mine.toml"
    user.write_text('[[topic]]\nid = "beekeeping"\nname = "Beekeeping"\niptc = ["medtop:20000550"]\n'
                    '[topic.terms]\n"beehive" = 3\n"honey" = 2\n', encoding="utf-8")
    doc = scorer(blank, [user])(blank("The beehive gave honey; every beehive was full of honey."))
    assert [t.id for t in doc._.newsx_topics] == ["beekeeping"]
    assert doc._.newsx_categories[0].iptc == "medtop:10000000"


@pytest.mark.parametrize("body, message", [
    ('[[topic]]\nid = "x"\nname = "X"\n', "missing iptc, terms"),
    ('[[topic]]\nid = "x"\nname = "X"\niptc = ["medtop:99999999"]\n[topic.terms]\n"a" = 1\n',
     "unknown or retired IPTC code"),
    ("not toml = = =", "not valid TOML"),
])
def test_bad_taxonomy_files_are_explained(tmp_path: Path, body: str, message: str):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy([path])



def test_a_word_that_is_a_term_itself_is_not_read_as_an_inflection(blank):
    doc = scorer(blank)(blank("Hacking and ransomware: hackers hit the hospital network."))
    cyber = next(t for t in doc._.newsx_topics if t.id == "cybersecurity")
    assert {e.term for e in cyber.evidence} == {"hacking", "ransomware", "hacker"}
