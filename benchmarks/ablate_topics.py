"""What each step of topic scoring is worth: terms only, the classifier only, both, and the
shipped scoring with one step removed.

    python benchmarks/ablate_topics.py [--data ../shared/data]
    python benchmarks/ablate_topics.py --classifier training/output/topics-half \\
        --only training/corpus/topics-holdout.txt      # articles the classifier never saw

Tokenises BBC (full and short items), Reuters-21578 and the cybersecurity headlines once
(spaCy's English tokenizer, the same as the pipeline's), scores them with newsx_topics and
prints ../shared/tools/eval_topics.py figures: BBC top-level accuracy and `answered` (the share
given any top-level category), Reuters micro-F1, cyber recall (all items, and the items of 80
words or more: the set's full articles) and the share of BBC non-tech + Reuters articles
tagged cyber. No NER runs, so this takes a minute; benchmarks/eval_topics.py
gives the figures of the whole pipeline.

The shipped classifier learnt from the text of these very sets (never their labels); `--only`
keeps the articles listed by `training/train_topics.py prepare --holdout` (ids as
`bbc:ID`, `reuters:ID`, `cyber:ID`), to be scored with the model trained on the other half.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import msgspec
import spacy

import newsx.nlp.topics as T
from newsx.nlp.assets import asset
from newsx.nlp.reflow import unwrap
from newsx.records import Record
from newsx.settings import MIN_SCORE

SHARED = Path(__file__).resolve().parents[2] / "shared"
ARTICLE_WORDS = 80  # as benchmarks/common.py: cyber items this long are the set's articles


def is_article(row: dict) -> bool:
    return len(row["text"].split()) >= ARTICLE_WORDS


CORPORA = {"bbc": "bbc/articles.jsonl", "reuters": "reuters21578/train.jsonl",
           "cyber": "cyber-news/headlines.jsonl"}
CYBER = {"medtop:20001361", "medtop:20000086"}

# variant -> Scoring changes; "model only" also drops the term evidence
VARIANTS: dict[str, dict[str, Any]] = {
    "terms only": {"model_weight": 0.0},
    "model only": {"model_weight": 1.0, "require_terms": False},
    "newsx (terms + model)": {},
    "no short-item floor": {"short_floor": 1.01},
    "no lead weight": {"head_boost": 1.0},
    "no length normalisation": {"length_words": 10**9, "max_words": 10**9},
    "no noise offset": {"offset": 0.0},
    "no negative cues": {"negative": False},
    "no plural/verb forms": {"inflect": False},
    "no short-item offset": {"short_words": 0},
    "no side-mention cut": {"side_share": 0.0},
    "model alone in articles too": {"require_terms": False},
    "repeated lines count again": {"repeats": True},
}


def score(topics: T.TopicScorer, doc: spacy.tokens.Doc, model_only: bool) -> list:
    tally = topics.add(doc)
    hits = {} if model_only else tally.hits
    return topics.rank(hits, tally.words, topics.probs(tally.features), tally.features)


def settings_of(variant: str) -> dict[str, Any]:
    """A named variant, or "key=value;key=value" settings of the factory."""
    if variant in VARIANTS:
        return VARIANTS[variant]
    fields = {f.name: f.type for f in dataclasses.fields(T.Scoring)}
    out: dict[str, Any] = {}
    for pair in variant.split(";"):
        key, _, value = pair.partition("=")
        if key not in fields:
            raise SystemExit(f"unknown variant or setting {key!r}; settings: {', '.join(fields)}")
        out[key] = value.lower() == "true" if fields[key] in (bool, "bool") else float(value)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=SHARED / "data")
    ap.add_argument("--classifier", default=str(asset("topics")))
    ap.add_argument("--only", type=Path, help="score only the articles listed in this file")
    ap.add_argument("--variants", default=",".join(VARIANTS),
                    help="names above, or settings such as offset=2 (several: offset=2;scale=3)")
    ap.add_argument("--per-label", action="store_true",
                    help="also print Reuters' P/R/F1 per label and BBC's F1 per category")
    args = ap.parse_args()
    only = set(args.only.read_text().split()) if args.only else None
    scorer = SHARED / "tools" / "eval_topics.py"
    nlp = spacy.blank("en")
    with tempfile.TemporaryDirectory() as tmp:
        # name -> (scorer task, gold file, id prefix); short items: title + first sentences
        gold = {name: (name, args.data / rel, name) for name, rel in CORPORA.items()}
        short = Path(tmp) / "bbc-short.jsonl"
        with short.open("w") as f:
            subprocess.run([sys.executable, str(SHARED / "tools" / "short_items.py"),
                            str(gold["bbc"][1])], stdout=f, check=True)
        gold["bbc-short"] = ("bbc", short, "bbc")
        gold["cyber-long"] = ("cyber", gold["cyber"][1], "cyber")
        corpora = {}
        for name, (task, path, prefix) in gold.items():
            rows = [json.loads(line) for line in path.open(encoding="utf-8")]
            if name == "cyber-long":
                rows = [r for r in rows if is_article(r)]
            if only is not None:
                rows = [r for r in rows if f"{prefix}:{r['id']}" in only]
            kept = Path(tmp) / f"{name}-gold.jsonl"
            kept.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
            gold[name] = (task, kept, prefix)
            texts = (unwrap(r["text"]) for r in rows)  # as newsx reads them
            corpora[name] = (rows, list(nlp.pipe(texts, batch_size=256)))
        print(f"{'variant':<24} {'bbc':>6} {'short':>6} {'answered':>8} {'reuters':>8} "
              f"{'cyber':>6} {'80+':>6} {'nocyber':>8}")
        for variant in args.variants.split(","):
            # each variant is the factory's config with one setting changed
            topics = T.TopicScorer(nlp, "topics", [], MIN_SCORE,
                                   T.Scoring(**settings_of(variant)), args.classifier)
            out, tagged, checked = {}, 0, 0
            for name, (rows, docs) in corpora.items():
                path = Path(tmp) / f"{name}-out.jsonl"
                with path.open("wb") as f:
                    for row, doc in zip(rows, docs, strict=True):
                        found = score(topics, doc, variant == "model only")
                        record = Record(id=row["id"], source=name, topics=found)
                        f.write(msgspec.json.encode(record) + b"\n")
                        if name == "reuters" or (name == "bbc" and row["category"] != "tech"):
                            checked += 1
                            tagged += any(CYBER & set(t.iptc) for t in record.topics)
                task, gold_path, _ = gold[name]
                cmd = [sys.executable, str(scorer), task, str(gold_path), str(path)]
                out[name] = json.loads(subprocess.run(cmd, capture_output=True, text=True,
                                                      check=True).stdout)
            print(f"{variant:<24} {out['bbc']['accuracy']:>6.3f} "
                  f"{out['bbc-short']['accuracy']:>6.3f} {out['bbc-short']['answered']:>8.3f} "
                  f"{out['reuters']['micro_f1']:>8.3f} {out['cyber']['recall']:>6.3f} "
                  f"{out['cyber-long']['recall']:>6.3f} "
                  f"{100 * tagged / checked:>7.2f}%", flush=True)
            if args.per_label:
                print("  reuters", json.dumps(out["reuters"]["per_label"]))
                print("  bbc", json.dumps(out["bbc"]["per_category"]))


if __name__ == "__main__":
    main()
