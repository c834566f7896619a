"""The hand-annotated BBC entity gold set in benchmarks/gold/ is well formed (its text stays in
../shared/data; here only ids, offsets, types and names are checked)."""

from __future__ import annotations

import json
import re
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "benchmarks" / "gold"


def test_gold_set_is_complete_and_consistent():
    rows = [json.loads(line) for line in (GOLD / "bbc-ner.jsonl").read_text().splitlines()]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) >= 40
    categories = {m.group(1) for i in ids if (m := re.match(r"bbc-(\w+)-\d+$", i))}
    assert categories == {"business", "entertainment", "politics", "sport", "tech"}
    names = (GOLD / "bbc-ner-names.txt").read_text()
    for row in rows:
        assert f"# {row['id']}" in names
        last = -1
        for start, end, kind, name in row["entities"]:
            assert kind in {"person", "place", "organisation"}
            assert end - start == len(name) and start >= last  # sorted, no overlap
            last = end
    # the repository keeps names, never article text: no line of the gold is a sentence
    assert not any(len(e[3].split()) > 8 for r in rows for e in r["entities"])


def test_page_gold_set_is_well_formed():
    """benchmarks/gold/pages-ner-names.txt: 40 page sections, known kinds, names not sentences,
    each page once (the text is read from ../shared/data at scoring time)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in (GOLD / "pages-ner-names.txt").read_text(encoding="utf-8").splitlines():
        if m := re.fullmatch(r"# page ([0-9a-f]{12})", line.strip()):
            assert m.group(1) not in sections
            current = m.group(1)
            sections[current] = []
        elif line.strip() and not line.startswith("#"):
            kind, _, listed = line.partition(":")
            assert current is not None and kind in {"PER", "PLACE", "ORG", "SKIP"}, line
            sections[current] += [n.strip() for n in listed.split("|")]
    assert len(sections) == 40
    names = [n for listed in sections.values() for n in listed]
    assert names and all(n and len(n.split()) <= 8 for n in names)
