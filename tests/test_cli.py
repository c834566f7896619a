"""The command line, driven through Typer's CliRunner (stdout and stderr apart)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsx.cli import app
from newsx.cli import common as cli


def run(runner, args, **kw):
    return runner.invoke(app, args, catch_exceptions=False, **kw)


def by_name(record: dict) -> dict:
    return {(e["type"], e["name"]): e for e in record["entities"]}


def test_summit_report_as_json(runner, nlp, summit: Path):
    result = run(runner, ["extract", "--format", "json", str(summit)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    (record,) = json.loads(result.stdout)
    ents = by_name(record)
    names = [(e["type"], e["name"]) for e in record["entities"]]
    assert len(names) == len(set(names))  # every entity once
    for person in ("Joe Biden", "Vladimir Putin", "Wendy Sherman", "Sergei Ryabkov",
                   "Jake Sullivan", "Dmitry Peskov"):
        assert ("person", person) in ents
    assert ents[("person", "Joe Biden")]["count"] == 3  # Joe Biden, Biden-Putin, Mr Biden
    countries = {e["name"]: e["country"] for e in record["entities"] if e["type"] == "place"}
    assert countries["United States"] == "US" and countries["Russia"] == "RU"
    assert countries["Geneva"] == "CH" and countries["Moscow"] == "RU"
    assert countries["Vienna"] == "AT"
    assert set(ents[("place", "United States")]["aliases"]) >= {"US", "United States", "America"}
    assert "Russian Federation" in ents[("place", "Russia")]["aliases"]
    assert set(ents[("organisation", "The New York Times")]["aliases"]) == {"New York Times", "NYT"}
    # the model's known mistakes do not survive
    for wrong in ("National Security Affairs", "Geneva Summit", "Biden-Putin", "New START"):
        assert not any(wrong in n for _, n in names), wrong
    text = summit.read_text(encoding="utf-8")
    for e in record["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"] == m["text"].strip()
    topics = [t["id"] for t in record["topics"]]
    assert {"cybersecurity", "arms-control", "diplomacy"} <= set(topics)
    assert "sport" not in topics and "crime" not in topics[:3]
    for t in record["topics"]:
        assert 0 < t["score"] <= 1 and t["evidence"] and t["iptc"]


def test_stdin_text_and_jsonl(runner, nlp):
    result = run(runner, ["extract"], input="Angela Merkel flew to Paris.\n")
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "stdin"
    assert {(e["type"], e["name"]) for e in record["entities"]} >= {("person", "Angela Merkel"),
                                                                    ("place", "Paris")}
    lines = '{"id": "x1", "text": "Emmanuel Macron met Olaf Scholz in Berlin."}\n' \
            '{"id": "x2", "text": "Nothing here."}\n'
    result = run(runner, ["extract", "-", "--format", "jsonl"], input=lines)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["x1", "x2"]
    assert records[1]["entities"] == []


def test_jsonl_offsets_index_the_text_value_as_given(runner, nlp):
    text = "Café owners in Zürich\u2014and Kyiv\u2019s mayor Vitali Klitschko\u2014said so."
    result = run(runner, ["extract", "-f", "jsonl", "-"], input=json.dumps({"text": text}) + "\n")
    record = json.loads(result.stdout)
    mentions = [m for e in record["entities"] for m in e["mentions"]]
    assert mentions and all(text[m["start"]:m["end"]] == m["text"] for m in mentions)


def test_broken_inputs_get_error_records_and_exit_1(runner, nlp, data: Path):
    result = run(runner, ["extract", "-f", "jsonl", str(data / "broken.jsonl"), "missing.txt"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6
    errors = [r["error"]["type"] for r in records if r["error"]]
    assert errors == ["InvalidJSON", "InvalidRecord", "MissingText", "FileNotFound"]
    assert records[0]["title"] == "Talks" and records[0]["url"] == "https://example.org/a1"
    assert by_name(records[0])[("place", "France")]["country"] == "FR"
    stderr = result.stderr.splitlines()
    assert len(stderr) == 5 and stderr[-1] == "newsx: 4 of 6 inputs failed"
    assert "Traceback" not in result.stderr


def test_csv_rows_per_entity_and_topic(runner, nlp, data: Path):
    result = run(runner, ["extract", "--format", "csv", str(data / "business.txt")])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    kinds = {r["kind"] for r in rows}
    assert kinds >= {"entity", "topic", "category"}
    assert all(r["id"] == str(data / "business.txt") for r in rows)
    topics = {r["type"] for r in rows if r["kind"] == "topic"}
    assert "mergers-acquisitions" in topics


def test_table_at_80_columns_without_colour(runner, nlp, summit: Path):
    result = run(runner, ["extract", "--format", "table", str(summit)], env={"COLUMNS": "80"})
    out = result.stdout
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    for heading in ("People", "Places", "Organisations", "Topics"):
        assert heading in out
    assert "Joe Biden" in out and "Arms control" in out and "CH" in out


def test_html_and_sport_articles(runner, nlp, data: Path):
    result = run(runner, ["extract", "-f", "json", str(data / "page.html"), str(data / "sport.txt")])
    page, sport = json.loads(result.stdout)
    assert page["title"].startswith("Port strike")
    assert "shipping" in {t["id"] for t in page["topics"]}
    assert "sport" not in {t["id"] for t in page["topics"]}
    sport_topics = [t["id"] for t in sport["topics"]]
    assert sport_topics[0] == "sport" and "armed-conflict" not in sport_topics


def test_min_score_and_user_topics(runner, nlp, summit: Path, tmp_path: Path):
    result = run(runner, ["extract", "-f", "jsonl", "--min-score", "0.9", str(summit)])
    assert all(t["score"] >= 0.9 for t in json.loads(result.stdout)["topics"])
    user = tmp_path / "desk.toml"
    user.write_text('[[topic]]\nid = "lakes"\nname = "Lakes"\niptc = ["medtop:06000000"]\n'
                    '[topic.terms]\n"lakeside" = 3\n"villa" = 2\n', encoding="utf-8")
    result = run(runner, ["extract", "-f", "jsonl", "--topics", str(user), str(summit)])
    lakes = next(t for t in json.loads(result.stdout)["topics"] if t["id"] == "lakes")
    # the classifier does not know a user's topic: terms alone, and the user is told
    assert lakes["model"] is None and lakes["model_share"] is None
    assert "1 topic of yours (lakes) the classifier does not know" in result.stderr


def test_long_article_is_processed_in_pieces_with_true_offsets(nlp):
    from newsx.run.core import analyse_long, split_text

    paragraph = ("Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday. "
                 "Scholz said Germany and France agreed on arms control.\n\n")
    text = paragraph * 40
    pieces = list(split_text(text, 500))
    assert "".join(pieces) == text and max(map(len, pieces)) <= 500
    # cut after a paragraph whenever one ends in the second half of the piece
    assert all(p.endswith("\n\n") for p in pieces)
    result = analyse_long(nlp, text, piece_chars=500)
    whole = nlp(text)
    scholz = next(e for e in result.entities if e.name == "Olaf Scholz")
    assert scholz.count == 80
    assert all(text[m.start:m.end] == m.text for e in result.entities for m in e.mentions)
    # the same entities and counts as the text in one piece
    assert {(e.type, e.name, e.count) for e in result.entities} == {
        (e.type, e.name, e.count) for e in whole._.newsx_entities}
    assert "arms-control" in {t.id for t in result.topics}
    # the classifier's probabilities are averaged over the pieces: the same as for one piece
    one = {t.id: t.model for t in whole._.newsx_topics}
    assert {t.id: t.model for t in result.topics if t.id in one} == pytest.approx(
        {k: v for k, v in one.items() if k in {t.id for t in result.topics}}, abs=0.02)


def test_split_text_prefers_paragraphs_then_lines_then_sentences():
    from newsx.run.core import split_text

    text = "aaaa bbbb. cccc\ndddd\n\neeee ffff. gggg\nhhhh"
    assert list(split_text(text, 30))[0] == "aaaa bbbb. cccc\ndddd\n\n"
    assert list(split_text("aaaa bbbb. cccc\ndddd eeee", 24))[0] == "aaaa bbbb. cccc\n"
    assert list(split_text("aaaaaa bbbb. cccc dddd eeee", 20))[0] == "aaaaaa bbbb. "
    assert list(split_text("x" * 50, 20)) == ["x" * 20, "x" * 20, "x" * 10]


def test_usage_errors_exit_2(runner, nlp, monkeypatch, summit: Path, tmp_path: Path):
    monkeypatch.setattr(cli, "stdin_is_terminal", lambda: True)
    result = run(runner, ["extract"])
    assert result.exit_code == 2 and "no input" in result.stderr
    result = run(runner, ["extract", "--model", "xx_no_such_pipeline", str(summit)])
    assert result.exit_code == 2
    assert "xx_no_such_pipeline" in result.stderr and "pip install" in result.stderr
    result = run(runner, ["extract", "--format", "yaml", str(summit)])
    assert result.exit_code == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[[topic]]\nid = 'x'\n", encoding="utf-8")
    result = run(runner, ["extract", "--topics", str(bad), str(summit)])
    assert result.exit_code == 2 and "missing" in result.stderr


def test_model_without_ner_is_refused(runner, tmp_path: Path):
    import spacy

    path = tmp_path / "no-ner"
    spacy.blank("en").to_disk(path)
    result = run(runner, ["extract", "--model", str(path), "-"], input="x")
    assert result.exit_code == 2 and "no 'ner' component" in result.stderr


@pytest.mark.parametrize("args", [["schema"], ["schema", "--report"]])
def test_every_schema_field_is_described(runner, args):
    schema = json.loads(run(runner, args).stdout)
    bare = [f"{name}.{field}" for name, struct in schema["$defs"].items()
            for field, spec in struct["properties"].items() if not spec.get("description")]
    assert not bare


def test_schema_and_topics_commands(runner):
    schema = json.loads(run(runner, ["schema"]).stdout)
    record = schema["$defs"]["Record"]
    assert set(record["properties"]) >= {"id", "source", "title", "entities", "topics", "error"}
    listed = [json.loads(line) for line in run(runner, ["topics", "-f", "jsonl"]).stdout.splitlines()]
    assert any(t["id"] == "arms-control" and "medtop:20000078" in t["iptc"] for t in listed)
    assert next(t for t in listed if t["id"] == "sport")["model"] is True
    rows = list(csv.DictReader(io.StringIO(run(runner, ["topics", "-f", "csv"]).stdout)))
    cyber = next(r for r in rows if r["id"] == "cybersecurity")
    assert cyber["iptc"] == "medtop:20000086" and "ransomware=3" in cyber["terms"]
    tree = run(runner, ["topics", "-f", "table"]).stdout
    assert "conflict, war and peace" in tree and "cybersecurity" in tree


@pytest.mark.parametrize("args, expected", [
    (["--help"], "extract"),
    (["extract", "--help"], "newsx extract news/ > records.jsonl"),
    (["--version"], "newsx 0.1.0"),
])
def test_help_and_version(runner, args, expected):
    result = run(runner, args, env={"COLUMNS": "120"})
    assert result.exit_code == 0 and expected in result.stdout


def test_help_renders_brackets_flags_and_completion(runner):
    topics = run(runner, ["topics", "--help"], env={"COLUMNS": "100"}).stdout
    assert "[[topic]]" in topics and "[topic.terms]" in topics
    assert "tree" in topics  # the shared --format help names the tree
    extract = run(runner, ["extract", "--help"], env={"COLUMNS": "100"}).stdout
    assert "-q, --quiet" in extract and "<bool>" not in extract and "130" in extract
    assert "--install-completion" in run(runner, ["--help"]).stdout


@pytest.mark.parametrize("command", ["extract", "load", "report", "topics", "schema"])
def test_help_names_values_not_python_types(runner, command):
    text = run(runner, [command, "--help"], env={"COLUMNS": "100"}).stdout
    assert "<list[" not in text and "<str>" not in text and "range>" not in text, text


def test_one_table_per_article_readable_at_80_columns(runner, summit: Path):
    out = run(runner, ["extract", "-f", "table", str(summit)], env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert out.count("┃ Name") == 1  # one table
    for heading in ("People", "Places", "Organisations", "Topics", "Categories"):
        assert heading in out
    assert "US and Russian officials" in out  # the text file's headline is its title
    assert "arms control ×2" in out  # a term is never wrapped in the middle
    assert "conflict, war and peace" in out and "country CH" in out


def test_entity_filters(runner, summit: Path):
    result = run(runner, ["extract", "-f", "jsonl", "-t", "person,place", "--min-salience", "0.5",
                          "--no-mentions", str(summit)])
    record = json.loads(result.stdout)
    assert record["entities"] and record["topics"]
    assert {e["type"] for e in record["entities"]} <= {"person", "place"}
    assert all(e["salience"] >= 0.5 and e["mentions"] == [] for e in record["entities"])
    full = json.loads(run(runner, ["extract", "-f", "jsonl", str(summit)]).stdout)
    assert len(full["entities"]) > len(record["entities"])
    bad = run(runner, ["extract", "-t", "people", str(summit)])
    assert bad.exit_code == 2 and "unknown entity type people" in bad.stderr
