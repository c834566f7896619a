# mypy: disable-error-code="union-attr,list-item"
"""The taxonomy file and the topic scorer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsx.nlp.assets import asset
from newsx.nlp.taxonomy import TaxonomyError, iptc_tree, load_taxonomy, top_level
from newsx.nlp.topics import Scoring, TopicScorer, inflections, main_topics
from newsx.records import Topic

SHIPPED = str(asset("topics"))  # the classifier newsx ships


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
    # short words that end in s, x or z take "es": "greenhouse gases", "income taxes"
    assert {"greenhouse gases", "income taxes", "black boxes"} <= (
        inflections("greenhouse gas") | inflections("income tax") | inflections("black box"))


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


def test_ambiguous_terms_must_be_terms_of_the_topic(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text('[[topic]]\nid = "x"\nname = "X"\niptc = ["medtop:20000550"]\n'
                    'ambiguous = ["hive"]\n[topic.terms]\n"honey" = 1\n', encoding="utf-8")
    with pytest.raises(TaxonomyError, match="'ambiguous': 'hive' must be terms of the topic"):
        load_taxonomy([path])


def test_classifier_and_terms_combine(blank):
    """score = (1 - w) * terms + w * p for the topics the classifier knows; terms alone for
    the others, whose `model` is null. In an article a topic needs a term of its own."""
    s = TopicScorer(blank, "t", [], min_score=0.3, scoring=Scoring(model_weight=0.4),
                    classifier=SHIPPED)
    ids = {t.id: i for i, t in enumerate(s.topics)}
    hits = {ids["sport"]: {"tournament": [3, 0], "coach": [2, 10], "league": [2, 20]}}
    tf = Counter({"tournament": 3, "coach": 2, "league": 2, "album": 1, "singer": 1})
    terms = s.rank(hits, 100)[0]
    probs = {"sport": 0.9, "music": 0.8, "tennis": 0.1}
    both = {t.id: t for t in s.rank(hits, 100, probs, tf)}
    assert both["sport"].score == pytest.approx(0.6 * terms.score + 0.36, abs=1e-3)
    assert both["sport"].model == 0.9 and both["sport"].term_score == terms.score
    assert both["sport"].model_share == pytest.approx(0.36 / both["sport"].score, abs=1e-3)
    assert "music" not in both  # the classifier alone makes no topic in an article
    assert terms.model is None and terms.model_share is None
    # in a short item it may: the words that pushed it are its evidence
    short = {t.id: t for t in s.rank(hits, 30, probs, tf)}
    music = short["music"]
    assert music.score == pytest.approx(0.32) and music.model_share == 1.0
    assert music.evidence and {e.source for e in music.evidence} == {"model"}
    assert {e.term for e in music.evidence} <= set(tf)
    assert all((e.weight or 0) > 0 for e in music.evidence)
    assert "tennis" not in short  # 0.04 is under short_floor
    # terms are listed as evidence with their taxonomy weight
    assert {(e.term, e.source, e.weight) for e in both["sport"].evidence} >= {
        ("tournament", "term", s.weights[ids["sport"]]["tournament"])}


def test_short_items_keep_weak_topics_when_nothing_else(blank):
    s = TopicScorer(blank, "t", [], min_score=0.3, classifier=SHIPPED)
    probs = {"sport": 0.3, "music": 0.2}
    tf = Counter({"striker": 1, "album": 1})
    short = s.rank({}, 30, probs, tf)
    assert [t.id for t in short] == ["sport"]  # 0.4 * 0.3 = 0.12, from short_floor 0.1
    assert short[0].score < 0.3  # the score still says how unsure it is
    assert s.rank({}, 500, probs, tf) == []  # an article keeps --min-score, and needs terms
    assert s.rank({}, 30, probs) == []  # no word said why: no topic
    doc = blank("Voters went to the polls in the general election; the ballot closes at ten.")
    # with a sure topic, a weak one stays only for a category not yet said
    found = s.rank(s.hits(doc), len(doc), {**probs, "government-politics": 0.3}, tf)
    assert [t.id for t in found] == ["elections", "sport"]


def test_short_items_name_each_category_they_may_be_about(blank):
    """A feed item also keeps the best weak topic of every other top-level category (a
    politics story whose only sure topic is education still says politics); an article
    does not."""
    s = TopicScorer(blank, "t", [], min_score=0.3, classifier=SHIPPED)
    ids = {t.id: i for i, t in enumerate(s.topics)}
    hits = {ids["education"]: {"school": [3, 0], "pupils": [2, 10], "teachers": [2, 20]}}
    probs = {"government-politics": 0.3, "elections": 0.28, "music": 0.2}
    tf = Counter({"school": 3, "pupils": 2, "teachers": 2, "minister": 1, "vote": 1,
                  "album": 1})
    short = [t.id for t in s.rank(hits, 30, probs, tf)]
    assert short[0] == "education"
    assert "government-politics" in short  # 0.12: the best of politics and government
    assert "elections" not in short  # politics is already said
    assert "music" not in short  # 0.08, under short_floor
    assert [t.id for t in s.rank(hits, 500, probs, tf)] == ["education"]


def test_the_shipped_classifier_finds_what_the_terms_lack(nlp):
    """A feed item whose words the lists lack ("spending plans") still gets its topic, said to
    come from the model alone, with the words that pushed it."""
    doc = nlp("The chancellor will unveil his spending plans in the Commons on Wednesday.")
    by_model = [t for t in doc._.newsx_topics if not any(e.source == "term" for e in t.evidence)]
    assert by_model and all(t.model_share == 1.0 and t.model for t in by_model)
    assert all(t.evidence and all(e.source == "model" for e in t.evidence) for t in by_model)
    assert doc._.newsx_categories[0].iptc == "medtop:11000000"  # politics and government
    terms_only = TopicScorer(nlp, "t", [], 0.3, Scoring(model_weight=0.0))
    assert all(t.evidence for t in terms_only(nlp.make_doc(doc.text))._.newsx_topics)


def test_side_mentions_are_cut_within_their_category_only():
    def topic(ident: str, code: str, score: float) -> Topic:
        return Topic(ident, ident, [code], score, [])

    trade = topic("trade", "medtop:20000373", 0.9)  # economy
    rates = topic("interest-rates", "medtop:20000371", 0.4)  # economy, under 0.6 x 0.9
    politics = topic("government", "medtop:20000593", 0.3)  # politics: its category's best
    assert top_level("medtop:20000371") == top_level("medtop:20000373")
    assert main_topics([trade, rates, politics], 0.6) == [trade, politics]
    assert main_topics([trade, rates, politics], 0.0) == [trade, rates, politics]
    assert main_topics([trade, rates, politics], 0.4) == [trade, rates, politics]


def test_a_category_far_below_the_article_s_best_is_a_side_mention():
    def topic(ident: str, code: str, score: float) -> Topic:
        return Topic(ident, ident, [code], score, [])

    trade = topic("trade", "medtop:20000373", 0.9)  # economy
    politics = topic("government", "medtop:20000593", 0.5)  # politics: over 0.4 x 0.9
    sport = topic("sport", "medtop:15000000", 0.33)  # a club named once: under 0.4 x 0.9
    assert main_topics([trade, politics, sport], 0.6, 0.4) == [trade, politics]
    assert main_topics([trade, politics, sport], 0.6, 0.0) == [trade, politics, sport]
    # a user's own topic is never cut so
    assert main_topics([trade, politics, sport], 0.6, 0.4, frozenset({"sport"})) == [
        trade, politics, sport]


def test_a_full_article_drops_side_categories_but_not_a_user_s_topics(blank, tmp_path: Path):
    text = ("Port workers went on strike over pay and the shipping line cancelled its freight "
            "sailings. Dockers, cargo ships and container terminals were idle as the strike "
            "went on, and the port authority said freight exports were stuck. " * 3
            + "One docker said he would rather be at his lakeside cabin.")
    assert len(text.split()) >= 80
    user = tmp_path / "desk.toml"  # an environment topic scoring about 0.35, under 0.4 x 1.0
    user.write_text('[[topic]]\nid = "lakes"\nname = "Lakes"\niptc = ["medtop:06000000"]\n'
                    '[topic.terms]\n"lakeside" = 5.15\n', encoding="utf-8")
    mine = scorer(blank, [user])
    found = {t.id: t.score for t in mine.set_topics(blank(text))._.newsx_topics}
    assert found["shipping"] == 1.0 and 0.3 <= found["lakes"] < 0.4  # a user's topic stays
    mine.own = frozenset()  # were it newsx's own topic, it would be a side mention
    assert "lakes" not in {t.id for t in mine.set_topics(blank(text))._.newsx_topics}


def test_only_a_user_s_files_make_topics_their_own(blank, tmp_path: Path):
    assert scorer(blank).own == frozenset()  # newsx's taxonomy alone: every cut applies
    # the shipped file named again (by another spelling of its path) adds no topic of one's own
    shipped = asset("topics.toml")
    again = shipped.parent / ".." / shipped.parent.name / shipped.name
    assert str(again) != str(shipped) and scorer(blank, [again]).own == frozenset()
    user = tmp_path / "desk.toml"  # one's own version of a topic of newsx is one's own
    user.write_text('[[topic]]\nid = "shipping"\nname = "Ships"\niptc = ["medtop:20000343"]\n'
                    '[topic.terms]\n"ship" = 3\n', encoding="utf-8")
    assert scorer(blank, [user]).own == frozenset({"shipping"})
