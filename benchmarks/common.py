"""What the evaluation scripts share: run newsx over a corpus into JSON Lines."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.language import Language

from newsx.io.read import iter_articles
from newsx.run.core import annotate, batched
from newsx.writers.stream import JsonlWriter

SHARED = Path(__file__).resolve().parents[2] / "shared"
# cyber items of at least this many words are articles to newsx (Scoring.short_words): the
# stand-in for full cybersecurity articles, the rest of the set being headlines with a line
ARTICLE_WORDS = 80


def is_article(row: dict) -> bool:
    return len(row["text"].split()) >= ARTICLE_WORDS


def write_records(nlp: Language, corpus: Path, out: Path) -> float:
    """newsx's records for every article of `corpus`, through its own JSON Lines writer (the
    output users get); returns the seconds it took."""
    start = time.perf_counter()
    with out.open("wb") as f:
        writer = JsonlWriter(f)
        for batch in batched(iter_articles([str(corpus)]), 64):
            for record in annotate(nlp, batch):
                writer.write(record)
    return time.perf_counter() - start
