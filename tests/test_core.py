# mypy: disable-error-code="union-attr,list-item"
"""Honest errors and warnings, long texts, and the scoring rules each checked on its own."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from newsx.cli import app
from newsx.io.read import headline, iter_articles
from newsx.nlp.entities import EntityMerger
from newsx.nlp.topics import Scoring, TopicScorer, categories
from newsx.records import Record, Topic
from newsx.writers.stream import JsonlWriter

GOOD = '[[topic]]\nid = "x"\nname = "X"\niptc = ["medtop:20000550"]\n[topic.terms]\n"bee" = 3\n'


def run(runner: CliRunner, args: list[str], **kw):
    return runner.invoke(app, args, catch_exceptions=False, **kw)


@pytest.mark.parametrize("body, field", [
    (GOOD.replace('"bee" = 3', '"summit" = "heavy"'), "'terms', term 'summit'"),
    (GOOD.replace('[topic.terms]\n"bee" = 3\n', 'terms = ["summit"]\n'), "'terms'"),
    (GOOD.replace('id = "x"', "id = 5"), "'id'"),
    (GOOD.replace('iptc = ["medtop:20000550"]', "iptc = [5]"), "'iptc'"),
    (GOOD.replace('iptc = ["medtop:20000550"]', "iptc = []"), "'iptc'"),
    ("topic = 3\n", "'topic'"),
])
def test_every_bad_taxonomy_value_is_a_usage_error_naming_file_topic_and_field(
    runner: CliRunner, tmp_path: Path, body: str, field: str
):
    path = tmp_path / "desk.toml"
    path.write_text(body, encoding="utf-8")
    for command in (["topics", "-f", "json"], ["extract", "-"]):
        result = run(runner, [*command, "--topics", str(path)], input="Talks in Paris.")
        assert result.exit_code == 2, result.stderr
        assert str(path) in result.stderr and field in result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
        if field != "'topic'":
            assert "topic 1" in result.stderr


def test_little_or_no_text_is_reported(runner: CliRunner, tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "script.html").write_text("<html><body><script>var a = 1;</script></body></html>",
                                          encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Talks in Paris between the two leaders ended.",
                                        encoding="utf-8")
    result = run(runner, ["extract", "-f", "jsonl", str(tmp_path / "empty.txt"),
                          str(tmp_path / "script.html")])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2
    assert "empty.txt: no text found" in result.stderr
    assert "script.html: no text found" in result.stderr and "-i text" in result.stderr
    result = run(runner, ["extract", "-i", "html", str(tmp_path / "plain.txt")])
    assert "very little text" in result.stderr or "no text found" in result.stderr
    assert "-i text" in result.stderr
    result = run(runner, ["extract", "-f", "jsonl", "-"], input="")
    assert "stdin: no text found" in result.stderr and json.loads(result.stdout)["id"] == "stdin"


def test_text_in_another_language_is_named_and_warned(runner: CliRunner):
    german = ("Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen. "
              "Der Bundeskanzler sagte, man werde die Ukraine weiter unterstützen.")
    result = run(runner, ["extract", "-f", "jsonl", "-"], input=german)
    assert json.loads(result.stdout)["language"] == "de"
    assert "German (de)" in result.stderr
    english = run(runner, ["extract", "-f", "jsonl", "-"],
                  input="The government imposed new sanctions on Russia on Tuesday, officials said.")
    assert json.loads(english.stdout)["language"] == "en" and english.stderr == ""


def test_languages_skips_other_texts_and_says_so(runner: CliRunner, tmp_path: Path):
    texts = tmp_path / "mixed.jsonl"
    texts.write_text(json.dumps({"id": "de", "text": (
        "Die Bundesregierung hat am Dienstag in Berlin neue Sanktionen gegen Russland "
        "beschlossen. Der Bundeskanzler sagte, man werde die Ukraine weiter unterstützen.")})
        + "\n" + json.dumps({"id": "en", "text": "The government in London imposed new "
                             "sanctions on Russia on Tuesday, officials said."}) + "\n",
        encoding="utf-8")
    db = tmp_path / "news.db"
    result = run(runner, ["extract", "-f", "jsonl", "--languages", "en", "--db", str(db),
                          str(texts)])
    german, english = (json.loads(line) for line in result.stdout.splitlines())
    assert german["language"] == "de" and german["entities"] == german["topics"] == []
    assert "--languages (en)" in german["skipped"] and "skipped" in result.stderr
    assert english["skipped"] is None and english["entities"]
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("select id, skipped from articles").fetchall())
        linked = {a for (a,) in conn.execute("select article_id from article_entities")}
    assert rows["en"] is None and "(de)" in rows["de"] and linked == {"en"}
    analysed = run(runner, ["extract", "-f", "jsonl", "--languages", "de,en", str(texts)])
    assert all(json.loads(line)["entities"] for line in analysed.stdout.splitlines())
    assert "German" not in analysed.stderr  # asked for: no warning
    rows = run(runner, ["extract", "-f", "csv", "--languages", "en", str(texts)]).stdout
    assert "de,skipped,de," in rows
    only_german = run(runner, ["extract", "-f", "jsonl", "--languages", "de", str(texts)])
    assert "English (en), not one of --languages de" in only_german.stderr
    wrong = run(runner, ["extract", "--languages", "german", str(texts)])
    assert wrong.exit_code == 2 and "ISO 639-1" in wrong.stderr


def test_unreadable_folders_are_error_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "a.txt").write_text("Talks in Paris.", encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):  # what os.walk does for a chmod 000 subfolder
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror, **kw)

    monkeypatch.setattr(os, "walk", walk)
    articles = list(iter_articles([str(tmp_path)]))
    assert [a.error.type if a.error else None for a in articles] == ["PermissionDenied", None]
    assert "locked" in articles[0].error.message and "Permission denied" in articles[0].error.message


def test_html_metadata_and_text_headlines(tmp_path: Path):
    page = tmp_path / "story.html"
    body = " ".join(["The two delegations met in Geneva to discuss arms control."] * 20)
    page.write_text(
        '<html><head><title>Arms talks resume</title>'
        '<link rel="canonical" href="https://news.example.org/arms-talks">'
        '<meta property="article:published_time" content="2021-06-16T09:30:00Z">'
        f"</head><body><article><h1>Arms talks resume</h1><p>{body}</p></article></body></html>",
        encoding="utf-8")
    (article,) = iter_articles([str(page)])
    assert article.url == "https://news.example.org/arms-talks"
    assert article.date == "2021-06-16" and article.title == "Arms talks resume"
    assert headline("Arms talks resume\n\nThe two delegations met.") == "Arms talks resume"
    assert headline("The two delegations met.\nThey talked.") is None
    assert headline("One sentence, not a headline.\n\nMore.") is None


def scorer(blank: Language, **scoring) -> TopicScorer:
    return TopicScorer(blank, "t", [], min_score=0.0, scoring=Scoring(**scoring))


def score_of(s: TopicScorer, doc: Doc, topic: str) -> float:
    return next((t.score for t in s(doc)._.newsx_topics if t.id == topic), 0.0)


def test_negative_terms_are_counter_evidence(blank: Language):
    text = ("Hackers and a virus hit the hospital network. The virus spread; patients got a "
            "vaccine for the flu virus, and hackers were blamed.")
    with_cues = score_of(scorer(blank), blank(text), "cybersecurity")
    without = score_of(scorer(blank, negative=False), blank(text), "cybersecurity")
    assert with_cues < without


def test_terms_in_the_lead_weigh_more(blank: Language):
    filler = "The meeting went on for hours and nothing else happened that day. " * 6
    lead = blank("Ransomware and hackers hit the port. " + filler)
    late = blank(filler + "Ransomware and hackers hit the port.")
    s = scorer(blank)
    assert score_of(s, lead, "cybersecurity") > score_of(s, late, "cybersecurity")
    flat = scorer(blank, head_boost=1.0)
    assert score_of(flat, lead, "cybersecurity") == score_of(flat, late, "cybersecurity")


def test_long_articles_are_scaled_down_but_never_to_nothing(blank: Language):
    s = scorer(blank)
    short = blank("Hackers used ransomware against the pipeline. " + "Word. " * 100)
    long = blank("Hackers used ransomware against the pipeline. " + "Word. " * 3000)
    assert score_of(s, long, "cybersecurity") < score_of(s, short, "cybersecurity")
    # 2 MB that repeats a few terms still gets its topics (the length factor is capped)
    index = {t.id: i for i, t in enumerate(s.topics)}
    hits = {index["arms-control"]: {"arms control": [80_000, 0]},
            index["cybersecurity"]: {"ransomware": [80_000, 13]}}
    found = {t.id for t in s.rank(hits, words=330_000)}
    assert {"arms-control", "cybersecurity"} <= found


def test_a_category_scores_as_its_best_topic():
    topics = [Topic("a", "A", ["medtop:20000078"], 0.4, []), Topic("b", "B", ["medtop:16000000"],
                                                                     0.9, [])]
    (cat,) = categories(topics)
    assert cat.iptc == "medtop:16000000" and cat.score == 0.9


def test_an_entity_named_in_the_lead_is_more_salient(blank: Language):
    words = ["Biden", "spoke", "."] + ["Filler"] * 150 + ["Putin", "spoke", "."]
    doc = Doc(blank.vocab, words=words, spaces=[True] * len(words))
    doc.ents = [doc.char_span(0, 5, "PERSON"),
                doc.char_span(doc[-3].idx, doc[-3].idx + 5, "PERSON")]
    ents = {e.name: e.salience for e in EntityMerger("e")(doc)._.newsx_entities}
    assert ents["Biden"] == 1.0 and ents["Putin"] < 1.0
    flat = {e.name: e.salience for e in EntityMerger("e", lead_bonus=0.0)(doc)._.newsx_entities}
    assert flat["Biden"] == flat["Putin"]


def test_jsonl_records_are_flushed_one_by_one():
    class Recorder(io.BytesIO):
        flushes: list[int] = []

        def flush(self) -> None:
            self.flushes.append(len(self.getvalue().splitlines()))

    out = Recorder()
    writer = JsonlWriter(out)
    for i in range(3):
        writer.write(Record(id=str(i), source="x"))
    assert out.flushes == [1, 2, 3]


def test_a_missing_html_library_is_an_error_record_not_a_lost_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import newsx.io.read

    def broken(html: str):
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")

    monkeypatch.setattr(newsx.io.read, "html_to_text", broken)
    (tmp_path / "a.html").write_text("<html><body><p>Talks.</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks in Paris.", encoding="utf-8")
    articles = list(iter_articles([str(tmp_path)]))
    assert [a.error.type if a.error else None for a in articles] == ["MissingDependency", None]
    assert "pip install" in articles[0].error.message


def test_an_article_the_pipeline_fails_on_is_an_error_record(nlp: Language,
                                                             monkeypatch: pytest.MonkeyPatch):
    from newsx.io.read import Article
    from newsx.run.core import annotate

    repair = nlp.get_pipe("newsx_entity_repair")
    real = type(repair).__call__

    def fragile(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        return real(self, doc)

    monkeypatch.setattr(type(repair), "__call__", fragile)
    batch = [Article("a", "x", text="Talks in Paris."), Article("b", "x", text="BOOM in Rome."),
             Article("c", "x", text="Talks in Berlin.")]
    records = annotate(nlp, batch)
    assert [r.error.type if r.error else None for r in records] == [None, "ProcessingError", None]
    assert records[2].entities[0].name == "Berlin"


def test_a_short_item_needs_less_evidence_than_an_article(blank: Language):
    s = scorer(blank)
    headline = blank("Ransomware hits city hospital")
    assert score_of(s, headline, "cybersecurity") > 0.3
    article = blank("The day went on as usual there. " * 20 + "Ransomware hits city hospital.")
    assert score_of(s, article, "cybersecurity") < 0.3
    plain = score_of(scorer(blank, short_words=0), headline, "cybersecurity")
    assert plain < score_of(s, headline, "cybersecurity") - 0.2
