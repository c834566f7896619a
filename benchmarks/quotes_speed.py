"""What quotation finding costs: the newsx_quotes component's share of newsx's time.

    nice -n 10 python benchmarks/quotes_speed.py                      # 300 PolNeAR train articles
    python benchmarks/quotes_speed.py --corpus FILE.jsonl --limit 500 --rounds 3

The articles go through newsx's pipeline without the component (`nlp.pipe`, batches of 16), then
the component runs on each Doc, timed on its own; each is timed `--rounds` times and the fastest
round counts (two shared cores make single rounds noisy). Prints one JSON line: seconds of the
pipeline and of the component, the component's share of the whole, and ms per 100 words.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eval_quotes import SHARED, pipeline, read
from spacy.language import Language
from spacy.tokens import Doc

CORPUS = SHARED / "data" / "quotes" / "polnear-train.jsonl"


def pipeline_seconds(nlp: Language, texts: list[str]) -> tuple[float, list[Doc]]:
    """Seconds newsx's pipeline takes over `texts` without the quotation finder, and the Docs."""
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16, disable=["newsx_quotes"]))
    return time.perf_counter() - start, docs


def quote_seconds(nlp: Language, docs: list[Doc]) -> float:
    """Seconds the quotation finder takes over Docs that went through the rest of the pipeline."""
    finder = nlp.get_pipe("newsx_quotes")
    start = time.perf_counter()
    for doc in docs:
        finder(doc)
    return time.perf_counter() - start


def main() -> None:
    """Time the pipeline and the quotation finder, and print the share."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="JSON Lines with a 'text' field")
    ap.add_argument("--limit", type=int, default=300, help="articles (default 300)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds; the fastest counts")
    args = ap.parse_args()
    texts = [r["text"] for r in read(args.corpus, args.limit)]
    nlp = pipeline({})
    nlp.pipe(texts[:8], disable=["newsx_quotes"])  # warm up
    base = quotes = float("inf")
    for _ in range(args.rounds):
        seconds, docs = pipeline_seconds(nlp, texts)
        base = min(base, seconds)
        quotes = min(quotes, quote_seconds(nlp, docs))
    words = sum(len(t.split()) for t in texts)
    print(json.dumps({
        "articles": len(texts), "words": words,
        "pipeline_s": round(base, 2), "quotes_s": round(quotes, 3),
        "quotes_share": round(quotes / (base + quotes), 3),
        "pipeline_ms_per_100_words": round(1e5 * base / words, 2),
        "quotes_ms_per_100_words": round(1e5 * quotes / words, 3),
        "pipes": nlp.pipe_names,
    }))


if __name__ == "__main__":
    main()
