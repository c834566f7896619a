# mypy: disable-error-code="union-attr,list-item"
"""Reading articles from files, folders, HTML and JSON Lines."""

from __future__ import annotations

from pathlib import Path

from newsx.io.read import iter_articles, sniff


def test_text_file_is_one_article_with_its_path_as_id(data: Path):
    (article,) = iter_articles([str(data / "business.txt")])
    assert article.id == str(data / "business.txt") and article.error is None
    assert article.text == (data / "business.txt").read_text(encoding="utf-8")


def test_html_main_text_without_boilerplate(data: Path):
    (article,) = iter_articles([str(data / "page.html")])
    assert article.title and article.title.startswith("Port strike halts container traffic")
    assert "Dock workers at the port of Rotterdam" in article.text
    for boilerplate in ("Subscribe", "betting", "Related stories", "Cookie policy", "gossip"):
        assert boilerplate not in article.text


def test_jsonl_lines_ids_fields_and_errors(data: Path):
    path = str(data / "broken.jsonl")
    articles = list(iter_articles([path]))
    assert [a.id for a in articles] == ["a1", f"{path}:2", f"{path}:3", "a4", f"{path}:6"]
    first = articles[0]
    assert (first.title, first.url, first.date) == ("Talks", "https://example.org/a1", "2026-06-18")
    assert [a.error.type if a.error else None for a in articles] == [
        None, "InvalidJSON", "InvalidRecord", "MissingText", None]
    assert "--text-key" in articles[3].error.message


def test_text_key_renames_the_text_field(tmp_path: Path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"body": "Hello from Oslo."}\n', encoding="utf-8")
    (article,) = iter_articles([str(path)], text_key="body")
    assert article.text == "Hello from Oslo." and article.error is None


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.md").write_text("one", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    texts = [a.text for a in iter_articles([str(tmp_path)])]
    assert texts == ["one", "two"]


def test_empty_folder_missing_file_binary_and_bad_utf8(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 in M\xfcnchen".encode("latin-1"))
    paths = [str(tmp_path / "empty"), str(tmp_path / "nope.txt"), str(tmp_path / "bin.txt"),
             str(tmp_path / "latin.txt")]
    empty, missing, binary, latin = iter_articles(paths)
    assert empty.error.type == "NoArticles"
    assert missing.error.type == "FileNotFound"
    assert binary.error.type == "BinaryFile"
    assert latin.error is None and latin.text == "Caf\xe9 in M\xfcnchen"  # detected
    assert "not UTF-8" in latin.warnings[0] and "decoded as" in latin.warnings[0]


def test_sniffing_of_extensionless_input():
    assert sniff(b'  {"text": "x"}\n') == "jsonl"
    assert sniff(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff(b"Plain words.") == "text"


def test_json_file_with_an_array_or_one_object(tmp_path: Path):
    array = tmp_path / "a.json"
    array.write_text('[{"id": "x", "text": "One."}, {"text": "Two."}, 3]', encoding="utf-8")
    one = tmp_path / "b.json"
    one.write_text('{\n  "title": "T",\n  "text": "Three."\n}\n', encoding="utf-8")
    lines = tmp_path / "c.json"
    lines.write_text('{"text": "Four."}\n{"text": "Five."}\n', encoding="utf-8")
    got = [(a.id, a.text, a.error.type if a.error else None)
           for a in iter_articles([str(array), str(one), str(lines)])]
    assert got == [("x", "One.", None), (f"{array}:2", "Two.", None),
                   (f"{array}:3", "", "InvalidRecord"), (str(one), "Three.", None),
                   (f"{lines}:1", "Four.", None), (f"{lines}:2", "Five.", None)]
