"""Properties over any input: one record per input, mentions that index the text exactly."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsx.io.read import iter_articles
from newsx.run.core import annotate

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
WORDS = ["Joe", "Biden", "met", "Vladimir", "Putin", "in", "Geneva", "the", "United", "States",
         "NATO", "said", ".", ",", "-", "'s", "\n", "\n\n", "Mr", "(", ")", "Reuters", "é", "—",
         "ransomware", "treaty", "New", "START", "Microsoft", "Corp", "U.S.", "  "]


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".md", ".json"]))
def test_any_bytes_give_exactly_one_article_per_file(tmp_path: Path, data: bytes, suffix: str):
    path = tmp_path / f"in{suffix}"
    path.write_bytes(data)
    articles = list(iter_articles([str(path)]))
    if suffix == ".json":  # a .json file may hold an array of articles: at least one record
        assert len(articles) >= 1
    else:
        assert len(articles) == 1
    assert all(a.error is not None or isinstance(a.text, str) for a in articles)


@SETTINGS
@given(lines=st.lists(st.one_of(
    st.text(max_size=60),
    st.dictionaries(st.sampled_from(["id", "text", "title", "body"]),
                    st.one_of(st.text(max_size=40), st.integers(), st.none()), max_size=4)
    .map(json.dumps),
), max_size=12))
def test_any_jsonl_gives_one_article_per_non_blank_line(tmp_path: Path, lines: list[str]):
    path = tmp_path / "in.jsonl"
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = list(iter_articles([str(path)]))
    expected = sum(1 for raw in path.read_bytes().split(b"\n") if raw.strip())
    assert len(articles) == max(1, expected)  # a file with no articles is one error record
    if expected == 0:
        assert articles[0].error is not None and articles[0].error.type == "NoArticles"


@SETTINGS
@given(words=st.lists(st.sampled_from(WORDS), max_size=80))
def test_every_mention_indexes_the_text_exactly(nlp: Language, words: list[str]):
    from newsx.io.read import Article

    text = " ".join(words)
    (record,) = annotate(nlp, [Article("x", "x", text=text)], piece_chars=120)
    for entity in record.entities:
        assert entity.count == len(entity.mentions)
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
