"""The inputs researchers have: web archives, feeds, compressed files, old encodings, dates
in every format; and edges a new user hit. Every file here is written by the test."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsx.cli import app
from newsx.io.parts import Part, _block
from newsx.io.read import iter_articles

PAGE = ("<html><head><title>{title}</title></head><body><article><p>"
        + "Ministers from France and Germany met in Brussels on Monday to agree new rules on "
          "trade with China, officials said. " * 5 + "</p></article></body></html>")


def warc(path: Path, pages: int = 2, truncate: bool = False) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(pages):
        uri = f"https://news.example/{i}"
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(
            b"GET / HTTP/1.1\r\n\r\n")))
        body = PAGE.format(title=f"Story {i}").encode("utf-8")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=http))
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) - 200] if truncate else data)
    return path


def test_a_web_archive_gives_its_html_pages(tmp_path: Path):
    articles = list(iter_articles([str(warc(tmp_path / "crawl.warc.gz"))]))
    assert [a.id.rsplit("#", 1)[1] for a in articles] == ["https://news.example/0",
                                                           "https://news.example/1"]
    assert all(a.error is None and "Brussels" in a.text for a in articles)
    assert articles[0].title == "Story 0" and articles[0].url == "https://news.example/0"
    assert articles[0].date and articles[0].date[:2] == "20"  # the record's WARC-Date
    assert any("skipped 2 request records" in w for w in articles[-1].warnings)


def test_a_truncated_archive_gives_what_it_holds_and_one_error(tmp_path: Path):
    articles = list(iter_articles([str(warc(tmp_path / "cut.warc.gz", 3, truncate=True))]))
    assert [a.error.type for a in articles if a.error] == ["TruncatedArchive"]
    assert sum(a.error is None for a in articles) == 2


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Ministers meet in Paris</title><link>https://wire.example/1</link>
<guid>wire-1</guid><pubDate>Mon, 01 Jun 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Ministers from &lt;b&gt;France&lt;/b&gt; met in Paris.&lt;/p&gt;</description>
</item><item><title>Second</title><link>https://wire.example/2</link>
<pubDate>sometime soon</pubDate><description>Trade talks resumed.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Blog</title><entry><title>Bridge reopens</title><id>tag:blog,1</id>
<link href="https://blog.example/bridge"/><updated>2024-06-02T08:30:00+02:00</updated>
<author><name>Ola Nordmann</name></author>
<content type="html">&lt;p&gt;The bridge in Bergen reopened.&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom_items_are_articles_with_iso_dates(tmp_path: Path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "blog.xml").write_text(ATOM, encoding="utf-8")
    rss = list(iter_articles([str(tmp_path / "wire.rss")]))
    assert [a.id for a in rss] == ["wire-1", "https://wire.example/2"]
    assert rss[0].date == "2024-06-01T10:00:00+00:00" and rss[0].url == "https://wire.example/1"
    assert "<" not in rss[0].text and "France met in Paris" in rss[0].text.replace("\n", " ")
    assert rss[1].date is None and rss[1].date_raw == "sometime soon" and rss[1].warnings
    (atom,) = iter_articles([str(tmp_path / "blog.xml")])
    assert atom.date == "2024-06-02T06:30:00+00:00" and atom.authors == ["Ola Nordmann"]
    (tmp_path / "notes.xml").write_text("<notes><n>hi</n></notes>", encoding="utf-8")
    (bad,) = iter_articles([str(tmp_path / "notes.xml")])
    assert bad.error is not None and bad.error.type == "NotAFeed"


def test_compressed_inputs_are_streamed(tmp_path: Path):
    lines = "".join(json.dumps({"id": f"a{i}", "text": f"Story {i} from Rome."}) + "\n"
                    for i in range(3)).encode()
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(lines))
    (tmp_path / "b.jsonl.bz2").write_bytes(bz2.compress(lines))
    (tmp_path / "c.txt.xz").write_bytes(lzma.compress(b"Headline\n\nA story from Oslo."))
    articles = list(iter_articles([str(tmp_path)]))
    assert [a.id for a in articles] == ["a0", "a1", "a2", "a0", "a1", "a2",
                                        str(tmp_path / "c.txt.xz")]
    assert articles[-1].title == "Headline" and all(a.error is None for a in articles)
    (tmp_path / "broken.jsonl.gz").write_bytes(gzip.compress(lines)[:-12])
    broken = list(iter_articles([str(tmp_path / "broken.jsonl.gz")]))
    assert broken[-1].error is not None and broken[-1].error.type == "ReadError"


def test_old_encodings_are_detected_or_given(tmp_path: Path):
    text = "Jean-Luc Mélenchon criticised Le Pen’s plan – again, said the “minister”."
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes("Le président Macron à Brest.".encode("latin-1"))
    (one,) = iter_articles([str(tmp_path / "cp1252.txt")])
    assert one.text == text and "cp1252" in one.warnings[0]
    (two,) = iter_articles([str(tmp_path / "latin1.txt")], encoding="latin-1")
    assert two.text == "Le président Macron à Brest." and "latin-1" in two.warnings[0]
    # short texts that detection cannot place: the encoding named is the one that reads them
    for i, short in enumerate(["Jean-Luc Mélenchon said Le Pen’s party lost in Marseille.",
                               "Le président François Hollande visited Besançon."]):
        (tmp_path / f"short{i}.txt").write_bytes(short.encode("cp1252"))
        (three,) = iter_articles([str(tmp_path / f"short{i}.txt")])
        assert three.text == short and "decoded as cp1252" in three.warnings[0]


def test_a_bom_and_dates_of_every_kind_in_json_lines(tmp_path: Path):
    rows = [{"id": "a", "text": "x", "date": "Mon, 01 Jun 2024 10:00:00 GMT"},
            {"id": "b", "text": "x", "date": "2024-06-01 10:00:00"},
            {"id": "c", "text": "x", "date": "2024-06-01"},
            {"id": "d", "text": "x", "date": "the day after"},
            {"id": "e", "text": "x", "date": "whenever"}]
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "".join(json.dumps(r) + "\n" for r in rows).encode())
    got = list(iter_articles([str(path)]))
    assert [a.date for a in got] == ["2024-06-01T10:00:00+00:00", "2024-06-01T10:00:00",
                                     "2024-06-01", None, None]
    assert [a.date_raw for a in got[3:]] == ["the day after", "whenever"]
    assert sum(len(a.warnings) for a in got) == 1  # once per file


def test_until_compares_dates_whatever_their_time_part(tmp_path: Path, runner: CliRunner):
    rows = [{"id": f"a{i}", "date": d, "text": "Joe Biden met Vladimir Putin in Geneva."}
            for i, d in enumerate(["2024-06-01T23:59:00+00:00", "2024-06-02T00:01:00+00:00",
                                   "Mon, 03 Jun 2024 10:00:00 GMT"])]
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    records = runner.invoke(app, ["extract", "-f", "jsonl", str(path)]).stdout
    (tmp_path / "r.jsonl").write_text(records, encoding="utf-8")
    report = runner.invoke(app, ["report", str(tmp_path / "r.jsonl"), "-f", "json",
                                 "--until", "2024-06-01"])
    assert json.loads(report.stdout)["articles"] == 1
    report = runner.invoke(app, ["report", str(tmp_path / "r.jsonl"), "-f", "json",
                                 "--since", "2024-06-02", "--until", "2024-06-03"])
    assert json.loads(report.stdout)["articles"] == 2


def test_csv_values_with_commas_and_quotes_survive(tmp_path: Path, runner: CliRunner):
    text = 'Smith, Jones & Co said "no", and Acme, Inc. agreed in Paris.'
    result = runner.invoke(app, ["extract", "-f", "csv", "-"], input=text)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(set(r) == set(rows[0]) for r in rows)  # no row split by a comma
    assert any(r["kind"] == "entity" for r in rows)


def test_with_text_gives_the_text_the_offsets_index(tmp_path: Path, runner: CliRunner):
    page = tmp_path / "p.html"
    page.write_text(PAGE.format(title="Talks"), encoding="utf-8")
    record = json.loads(runner.invoke(app, ["extract", "-f", "jsonl", "--with-text",
                                            str(page)]).stdout)
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert record["text"][m["start"]:m["end"]] == m["text"]
    plain = json.loads(runner.invoke(app, ["extract", "-f", "jsonl", str(page)]).stdout)
    assert "text" not in plain


def test_a_quoted_glob_and_a_wrong_text_key(tmp_path: Path, runner: CliRunner):
    for i in range(2):
        (tmp_path / f"p{i}.txt").write_text(f"Story {i} from Madrid.", encoding="utf-8")
    found = list(iter_articles([str(tmp_path / "*.txt")]))
    assert [Path(a.id).name for a in found] == ["p0.txt", "p1.txt"]
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"id": i, "body": "x"}) + "\n" for i in range(5)),
                    encoding="utf-8")
    result = runner.invoke(app, ["extract", "-f", "jsonl", str(path)])
    assert result.exit_code == 1
    assert "its fields: body, id" in result.stderr
    assert result.stderr.count("no field 'text'") <= 3  # not once per line


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="ab\n", max_size=30), min_size=1, max_size=40),
       st.integers(min_value=1, max_value=64))
def test_byte_ranges_of_a_json_lines_file_are_the_file(tmp_path_factory, lines, block):
    """However a file is cut into ranges, the lines the ranges give are the file's lines."""
    path = tmp_path_factory.mktemp("ranges") / "a.jsonl"
    data = "".join(line.replace("\n", "") + "\n" for line in lines).encode()
    path.write_bytes(data)
    parts = [Part(jsonl=str(path), start=s, end=min(len(data), s + block))
             for s in range(0, len(data), block)]
    assert b"".join(_block(p) for p in parts) == data
