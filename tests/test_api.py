"""newsx from Python: `nlp(text)` gives what a record says, and the API under the commands."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import msgspec
from spacy.language import Language
from typer.testing import CliRunner

from newsx import api
from newsx.cli import app
from newsx.run.core import result_of

# hard-wrapped at 62 columns, with a line break inside "New York"
WRAPPED = textwrap.fill(
    "Officials from the United States and Russia met in Geneva on Monday to resume talks on "
    "arms control, after President Joe Biden and Vladimir Putin agreed at a summit that their "
    "governments should discuss cyber attacks on the banks of New York and nuclear weapons. "
    "The talks will continue in Vienna next week and will include officials of the European "
    "Union and NATO, diplomats said.", 62) + "\n"


def test_nlp_of_a_text_gives_what_extract_writes(nlp: Language, runner: CliRunner):
    """Reflow, language, entities, topics and categories all come from `nlp(text)`."""
    assert "New\nYork" in WRAPPED
    doc = nlp(WRAPPED)
    assert "New York" in {e.name for e in doc._.newsx_entities}  # read across the line break
    assert doc._.newsx_language == "en"
    result = runner.invoke(app, ["extract", "-f", "jsonl", "-"], input=WRAPPED)
    record = json.loads(result.stdout)
    mine = msgspec.to_builtins(result_of(doc))
    for key in ("entities", "topics", "categories", "language"):
        assert record[key] == mine[key], key


def test_extract_yields_records_and_reports_warnings(tmp_path: Path):
    articles = tmp_path / "a.jsonl"
    articles.write_text(
        json.dumps({"id": "en", "text": "Ministers met in Paris to talk about trade."}) + "\n"
        + json.dumps({"id": "de", "text": "Die Minister trafen sich in Berlin, um über den "
                      "Handel und die Zölle zu sprechen."}) + "\n"
        + "{broken\n", encoding="utf-8")
    said: list[str] = []
    records = list(api.extract([str(articles)], api.ExtractOptions(types=("place",)),
                               warn=said.append))
    assert [r.id for r in records[:2]] == ["en", "de"] and records[2].error is not None
    assert {e.type for r in records for e in r.entities} == {"place"}
    assert any("German" in m for m in said) and any("not valid JSON" in m for m in said)


def test_extract_into_a_database_then_report(tmp_path: Path):
    articles = tmp_path / "a.jsonl"
    rows = [{"id": f"a{i}", "date": f"2024-03-0{i + 1}",
             "text": "Joe Biden met Vladimir Putin in Geneva to discuss arms control."}
            for i in range(3)]
    articles.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "news.db"
    summary = api.extract_into([str(articles)], api.ExtractOptions(db=str(db)),
                               warn=lambda m: None)
    assert (summary.records, summary.failed) == (3, 0)
    report = api.report(str(db), api.ReportFilters(types=("person",), top=5))
    assert report.articles == 3
    assert {e.name for e in report.entities} == {"Joe Biden", "Vladimir Putin"}
    assert [d.date for d in report.dates] == ["2024-03-01", "2024-03-02", "2024-03-03"]
    schema = api.schema("report")
    assert schema["title"] == "newsx report" and "Report" in json.dumps(schema)


def test_report_reads_a_folder_of_record_files(tmp_path: Path, runner: CliRunner):
    """An --output-dir, say: every .jsonl file in it."""
    folder = tmp_path / "parts"
    folder.mkdir()
    for i in range(2):
        text = json.dumps({"id": f"p{i}", "text": "Angela Merkel spoke in Berlin."})
        out = runner.invoke(app, ["extract", "-f", "jsonl", "-"], input=text + "\n").stdout
        (folder / f"part-{i:05d}.jsonl").write_text(out, encoding="utf-8")
    result = runner.invoke(app, ["report", str(folder), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 2


def test_authors_come_from_the_by_line_and_the_page(tmp_path: Path):
    story = ("Hospital opens new wing\n\nBy Katrin Weber\n\nThe city hospital in Leeds opened a "
             "new cancer wing on Monday. Health minister Wes Streeting said the wing would treat "
             "4,000 patients a year.\n")
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Bridge reopens</title>"
                    '<meta name="author" content="Ola Nordmann"></head><body><article><p>'
                    + "The old bridge in Bergen reopened on Friday after two years of repairs, "
                      "the mayor of Bergen, Marte Mjos Persen, told reporters. " * 4
                    + "</p></article></body></html>", encoding="utf-8")
    text = tmp_path / "story.txt"
    text.write_text(story, encoding="utf-8")
    by_line, html = api.extract([str(text), str(page)], warn=lambda m: None)
    assert by_line.authors == ["Katrin Weber"]
    weber = [e for e in by_line.entities if e.name == "Katrin Weber"]
    assert not weber or weber[0].salience == 0.0  # the reporter is not what it is about
    assert html.authors == ["Ola Nordmann"]


QUOTED = ('"We will not back down," said Maria Lopez, the mayor of Seville. The council said '
          'the plan would cost millions. "It is a mistake," Lopez added. According to Carlos '
          'Ruiz, the vote was close.')


def test_database_and_report_count_the_quotes_of_the_records(tmp_path: Path):
    articles = tmp_path / "a.jsonl"
    articles.write_text("".join(json.dumps({"id": f"q{i}", "text": QUOTED}) + "\n"
                                for i in range(3)), encoding="utf-8")
    db = tmp_path / "news.db"
    records: list = []
    api.extract_into([str(articles)], api.ExtractOptions(db=str(db)),
                     writers=[_Keep(records)], warn=lambda m: None)
    quotes = [q for r in records for q in r.quotes]
    assert quotes and any(q.speaker and q.speaker.name == "Maria Lopez" for q in quotes)
    import sqlite3

    rows = sqlite3.connect(db).execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert rows == len(quotes)
    report = api.report(str(db))
    want: dict[str, int] = {}
    for q in quotes:
        if q.speaker and q.speaker.type in ("person", "organisation"):
            want[q.speaker.name] = want.get(q.speaker.name, 0) + 1
    assert {s.name: s.quotes for s in report.quoted} == want


class _Keep:
    """A writer that keeps the records it is given."""

    def __init__(self, into: list) -> None:
        self.into = into

    def write(self, record) -> None:
        self.into.append(record)

    def close(self) -> None:
        pass


def test_a_topic_typo_in_report_names_the_near_ids(tmp_path: Path, runner: CliRunner):
    text = json.dumps({"id": "a", "text": "Hackers used ransomware against the hospital "
                       "network, and the cyber attack encrypted patient records."})
    out = runner.invoke(app, ["extract", "-f", "jsonl", "-"], input=text + "\n").stdout
    (tmp_path / "r.jsonl").write_text(out, encoding="utf-8")
    result = runner.invoke(app, ["report", str(tmp_path / "r.jsonl"), "--topic",
                                 "cybersecurty"])
    assert result.exit_code == 2 and "did you mean cybersecurity" in result.stderr
