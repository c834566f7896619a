"""Throughput, start-up and memory of newsx against plain spaCy, measured in one run.

    python benchmarks/throughput.py ../shared/data/bbc/articles.jsonl --limit 600 --rounds 2
    python benchmarks/throughput.py ../shared/data/bbc/articles.jsonl --memory 1000,10000
    python benchmarks/throughput.py ../shared/data/bbc/articles.jsonl --long 1,8
    python benchmarks/throughput.py ../shared/data/bbc/articles.jsonl --startup --rounds 15

Every variant runs as its own process on the same articles (JSON Lines with a "text" field),
in alternating order over --rounds, and includes loading its model:
  spacy-full-1   plain spaCy, the whole default pipeline, 1 process
  spacy-ner-2    plain spaCy, tok2vec + ner only, 2 processes (n_process=2)
  newsx-j1       newsx extract --jobs 1 (JSON Lines to /dev/null)
  newsx-j2       newsx extract --jobs 2
  newsx-cold     newsx extract --jobs 2 --cache NEW.sqlite (the first, cache-filling run)
  newsx-cached   the same command again over the unchanged corpus
Words are whitespace-separated tokens of the texts; peak RSS is that of the largest process
(from wait4). --memory runs newsx --jobs 2 over corpora of N articles (the input cycled) and
prints the peak RSS of each, to show that memory does not grow with the input. --long joins
articles into one text of N MB and runs newsx --jobs 1 on it and on the same articles as
separate ones: time, words/s and peak RSS of each. --topics-cost times newsx in one process
with and without its topic classifier and topic component. --startup runs only the start-up
comparison: `import spacy; spacy.load(model)` in a bare interpreter against newsx on a one-line
file, alternating, median.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import newsx as newsx_package
from newsx.nlp.pipeline import FALLBACKS, resolve_model

SPACY_SCRIPT = """
import json, sys, spacy
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
mode = sys.argv[2]
if mode == "full":
    nlp = spacy.load(sys.argv[3])
    docs = nlp.pipe(texts, batch_size=64)
else:
    nlp = spacy.load(sys.argv[3], exclude=["tagger", "parser", "lemmatizer", "attribute_ruler",
                                          "senter"])
    docs = nlp.pipe(texts, batch_size=64, n_process=2)
n = sum(len(d) for d in docs)
"""


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one command, its output thrown away."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return seconds, usage.ru_maxrss // 1024


def startup_only(model: str, newsx: list[str], one_line: Path, rounds: int) -> None:
    """Loading the model in a bare interpreter against newsx on a one-line file, alternating,
    `rounds` pairs (start-up varies by a tenth of a second from run to run: take many)."""
    load_cmd = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]
    load, one = [], []
    for _ in range(rounds):
        load.append(timed(load_cmd)[0])
        one.append(timed([*newsx, str(one_line)])[0])
    lm, om = statistics.median(load), statistics.median(one)
    print(f"start-up ({rounds} pairs, median): loading the model {lm:.2f} s, newsx on a "
          f"one-line file {om:.2f} s ({om / lm:.2f}x)", flush=True)


def write_corpus(src: Path, dest: Path, n: int, base: int | None = None) -> int:
    """n articles from src (the first `base` of them, cycled, with fresh ids); returns the
    number of words."""
    rows = [json.loads(line) for line in src.open(encoding="utf-8") if line.strip()][:base]
    words = 0
    with dest.open("w", encoding="utf-8") as f:
        for i, row in zip(range(n), itertools.cycle(rows), strict=False):
            f.write(json.dumps({"id": f"a{i}", "text": row["text"]}) + "\n")
            words += len(row["text"].split())
    return words


def topics_cost(src: Path, limit: int, rounds: int) -> None:
    """One process, one pipeline, the same articles: the seconds spent inside newsx's topic
    component (its term matching and scoring, and its classifier) out of the whole run."""
    from newsx.io.read import iter_articles
    from newsx.nlp.topics import TopicScorer
    from newsx.run.core import annotate, load_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = write_corpus(src, corpus, limit)
        articles = list(iter_articles([str(corpus)]))
    nlp = load_pipeline()
    topics = nlp.get_pipe("newsx_topics")
    assert isinstance(topics, TopicScorer)
    spent = {"classifier": 0.0, "terms": 0.0}

    def timer(name: str, method: Any) -> Any:
        def timed_method(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args)
            finally:
                spent[name] += time.perf_counter() - start
        return timed_method

    topics.predict = timer("classifier", topics.predict)  # type: ignore[method-assign]
    topics.set_topics = timer("terms", topics.set_topics)  # type: ignore[method-assign]
    annotate(nlp, articles[:20])  # warm up
    totals = []
    for _ in range(rounds):
        spent.update(classifier=0.0, terms=0.0)
        start = time.perf_counter()
        annotate(nlp, articles)
        totals.append(time.perf_counter() - start)
    total = totals[-1]
    print(f"newsx, 1 process: {total:.2f} s, {words / total:,.0f} words/s; inside the topic "
          f"component {spent['terms'] + spent['classifier']:.2f} s "
          f"({(spent['terms'] + spent['classifier']) / total:.1%}): terms "
          f"{spent['terms'] / total:.1%}, classifier {spent['classifier'] / total:.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--memory", default="", help="comma-separated corpus sizes, e.g. 1000,10000")
    ap.add_argument("--long", default="", help="comma-separated sizes in MB, e.g. 1,8")
    ap.add_argument("--startup", action="store_true",
                    help="only the start-up comparison (--rounds runs of each, alternating)")
    ap.add_argument("--topics-cost", action="store_true",
                    help="the share of newsx's time spent on topics (terms and classifier)")
    args = ap.parse_args()
    if args.topics_cost:
        topics_cost(args.corpus, args.limit, args.rounds)
        return
    # newsx's bytecode compiled first, as `pip install` does (an editable checkout under
    # PYTHONDONTWRITEBYTECODE would otherwise compile its 75 modules at every start)
    compileall.compile_dir(str(Path(newsx_package.__file__).parent), quiet=1)
    model = resolve_model()  # what newsx loads (start-up is compared with loading it)
    base = next(m for m in FALLBACKS if __import__("importlib").util.find_spec(m))  # plain spaCy
    newsx = [sys.executable, "-m", "newsx", "extract", "-q", "-f", "jsonl"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = write_corpus(args.corpus, corpus, args.limit)
        one_line = Path(tmp) / "one.txt"
        one_line.write_text("Joe Biden met Vladimir Putin in Geneva.\n", encoding="utf-8")
        if args.long:
            rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
            for size_mb in map(float, args.long.split(",")):
                texts: list[str] = []
                size = 0
                for row in itertools.cycle(rows):
                    if size >= size_mb * 1_000_000:
                        break
                    texts.append(row["text"])
                    size += len(row["text"]) + 2
                joined, many = Path(tmp) / "long.txt", Path(tmp) / "many.jsonl"
                joined.write_text("\n\n".join(texts), encoding="utf-8")
                many.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts),
                                encoding="utf-8")
                n_words = sum(len(t.split()) for t in texts)
                for label, path in (("one article", joined), ("separate", many)):
                    secs, peak = timed([*newsx, "-j", "1", str(path)])
                    print(f"long: {size_mb:g} MB as {label:<11} {n_words:>9,} words {secs:7.1f} s "
                          f"{n_words / secs:8,.0f} words/s  peak RSS {peak} MB", flush=True)
            return
        if args.startup:
            startup_only(model, newsx, one_line, args.rounds)
            return
        if args.memory:
            counts = [int(n) for n in args.memory.split(",")]
            for n in counts:
                big = Path(tmp) / f"big{n}.jsonl"
                # the same articles cycled, so that only the length of the run differs
                big_words = write_corpus(args.corpus, big, n, base=min(counts))
                secs, peak = timed([*newsx, "-j", "2", str(big)])
                print(f"memory: {n:>6} articles {big_words:>9,} words  {secs:7.1f} s  "
                      f"{big_words / secs:8,.0f} words/s  peak RSS {peak} MB", flush=True)
            return
        startup_only(model, newsx, one_line, max(15, 5 * args.rounds))  # before the load
        variants = {
            "spacy-full-1": [sys.executable, "-c", SPACY_SCRIPT, str(corpus), "full", base],
            "spacy-ner-2": [sys.executable, "-c", SPACY_SCRIPT, str(corpus), "ner", base],
            "newsx-j1": [*newsx, "-j", "1", str(corpus)],
            "newsx-j2": [*newsx, "-j", "2", str(corpus)],
        }
        times: dict[str, list[float]] = {k: [] for k in [*variants, "newsx-cold", "newsx-cached"]}
        rss: dict[str, int] = {}
        for r in range(args.rounds):
            order = list(variants) if r % 2 == 0 else list(reversed(variants))
            for name in order:
                secs, peak = timed(variants[name])
                times[name].append(secs)
                rss[name] = max(rss.get(name, 0), peak)
            db = Path(tmp) / f"cache{r}.sqlite"
            for name in ("newsx-cold", "newsx-cached"):
                secs, peak = timed([*newsx, "-j", "2", "--cache", str(db), str(corpus)])
                times[name].append(secs)
                rss[name] = max(rss.get(name, 0), peak)
        print(f"{args.limit} articles, {words:,} words, newsx model {model}, plain spaCy {base}, "
              f"{args.rounds} rounds "
              f"(median)")
        med = {k: statistics.median(v) for k, v in times.items()}
        for name, secs in med.items():
            print(f"{name:<14} {secs:7.2f} s  {words / secs:8,.0f} words/s  peak RSS {rss[name]} MB")
        full, ner2 = med["spacy-full-1"], med["spacy-ner-2"]
        print(f"newsx-j2 vs spacy-full-1: {full / med['newsx-j2']:.2f}x   "
              f"vs spacy-ner-2: {ner2 / med['newsx-j2']:.2f}x   "
              f"cached re-run vs first run: {med['newsx-cold'] / med['newsx-cached']:.1f}x faster")


if __name__ == "__main__":
    main()
