"""What each step of topic scoring is worth: the topic component alone, with one step removed.

    python benchmarks/ablate_topics.py [--data ../shared/data]

Tokenises BBC, Reuters-21578 and the cybersecurity headlines once (spaCy's English tokenizer,
the same as the pipeline's), scores them with newsx_topics as shipped and without each step,
and prints ../shared/tools/eval_topics.py figures: BBC top-level accuracy, Reuters micro-F1,
cyber recall and the share of BBC non-tech + Reuters articles tagged cyber. No NER runs, so
this takes seconds; benchmarks/eval_topics.py gives the figures of the whole pipeline.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import msgspec
import spacy
from common import SHARED

import newsx.components.topics as T
from newsx.schema import Record
from newsx.settings import MIN_SCORE

CORPORA = {"bbc": "bbc/articles.jsonl", "reuters": "reuters21578/train.jsonl",
           "cyber": "cyber-news/headlines.jsonl"}
CYBER = {"medtop:20001361", "medtop:20000086"}


VARIANTS: dict[str, dict[str, Any]] = {
    "newsx": {},
    "no lead weight": {"head_boost": 1.0},
    "no length normalisation": {"length_words": 10**9, "max_words": 10**9},
    "no noise offset": {"offset": 0.0},
    "no negative cues": {"negative": False},
    "no plural/verb forms": {"inflect": False},
    "no short-item offset": {"short_words": 0},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=SHARED / "data")
    args = ap.parse_args()
    scorer = SHARED / "tools" / "eval_topics.py"
    nlp = spacy.blank("en")
    with tempfile.TemporaryDirectory() as tmp:
        # name -> (scorer task, gold file); short items: title + first sentences (~40 words)
        gold = {name: (name, args.data / rel) for name, rel in CORPORA.items()}
        short = Path(tmp) / "bbc-short.jsonl"
        with short.open("w") as f:
            subprocess.run([sys.executable, str(SHARED / "tools" / "short_items.py"),
                            str(gold["bbc"][1])], stdout=f, check=True)
        gold["bbc-short"] = ("bbc", short)
        corpora = {}
        for name, (_, path) in gold.items():
            rows = [json.loads(line) for line in path.open(encoding="utf-8")]
            corpora[name] = (rows, list(nlp.pipe((r["text"] for r in rows), batch_size=256)))
        print(f"{'variant':<24} {'bbc':>6} {'short':>6} {'answered':>8} {'reuters':>8} "
              f"{'cyber':>6} {'nocyber':>8}")
        for variant, changes in VARIANTS.items():
            # each variant is the factory's config with one setting changed
            topics = T.TopicScorer(nlp, "topics", [], MIN_SCORE, T.Scoring(**changes))
            out, tagged, checked = {}, 0, 0
            for name, (rows, docs) in corpora.items():
                path = Path(tmp) / f"{name}-out.jsonl"
                with path.open("wb") as f:
                    for row, doc in zip(rows, docs, strict=True):
                        doc = topics(doc)
                        record = Record(id=row["id"], source=name, topics=doc._.newsx_topics,
                                        categories=doc._.newsx_categories)
                        f.write(msgspec.json.encode(record) + b"\n")
                        if name == "reuters" or (name == "bbc" and row["category"] != "tech"):
                            checked += 1
                            tagged += any(CYBER & set(t.iptc) for t in record.topics)
                task, gold_path = gold[name]
                cmd = [sys.executable, str(scorer), task, str(gold_path), str(path)]
                out[name] = json.loads(subprocess.run(cmd, capture_output=True, text=True,
                                                      check=True).stdout)
            print(f"{variant:<24} {out['bbc']['accuracy']:>6.3f} "
                  f"{out['bbc-short']['accuracy']:>6.3f} {out['bbc-short']['answered']:>8.3f} "
                  f"{out['reuters']['micro_f1']:>8.3f} {out['cyber']['recall']:>6.3f} "
                  f"{100 * tagged / checked:>7.2f}%", flush=True)


if __name__ == "__main__":
    main()
