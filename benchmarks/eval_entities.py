"""Score newsx entities on a BIO corpus with the project's scorer (../shared/tools/eval_ner.py).

    python benchmarks/eval_entities.py ../shared/data/conll2003/dev.txt
    python benchmarks/eval_entities.py GOLD.bio --variants plain,full --scheme onto

For each variant the corpus goes through newsx's own JSON Lines writer, and eval_ner.py scores
the file over all documents and over the non-sport news documents. Variants:
  plain        the model's entities, merged but not repaired (what plain spaCy gives)
  full         newsx as shipped
  no-gazetteer full without gazetteer additions
  propagate    full with finding names again across the article (off by default)
  no-repair-rules  only gazetteer additions and propagation (boundary/type rules off)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from common import SHARED, write_records

from newsx.pipeline import load_pipeline

SCORER = SHARED / "tools" / "eval_ner.py"
VARIANTS = {
    "plain": None,
    "full": {},
    "no-gazetteer": {"add_from_gazetteer": False},
    "propagate": {"propagate": True},
    "no-repair-rules": {"rules": False},
}


def run_variant(name: str, articles: Path, out: Path, model: str | None) -> float:
    nlp = load_pipeline(model)
    config = VARIANTS[name]
    if config is None:
        nlp.disable_pipe("newsx_entity_repair")
    else:
        repair = nlp.get_pipe("newsx_entity_repair")
        for k, v in config.items():
            setattr(repair, k, v)
    return write_records(nlp, articles, out)


def score(scorer: Path, gold: Path, pred: Path, scheme: str, subset: str) -> dict:
    cmd = [sys.executable, str(scorer), "score", str(gold), str(pred), "--scheme", scheme,
           "--subset", subset]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--variants", default="plain,full")
    ap.add_argument("--scheme", default="conll", choices=["conll", "onto"])
    ap.add_argument("--model", default=None)
    ap.add_argument("--scorer", type=Path, default=SCORER)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        with articles.open("w") as f:
            subprocess.run([sys.executable, str(args.scorer), "input", str(args.gold)],
                           stdout=f, check=True)
        print(f"{'variant':<16} {'all F1':>7} {'news F1':>8} {'P':>6} {'R':>6}  per type (news)  secs")
        for name in args.variants.split(","):
            pred = Path(tmp) / f"{name}.jsonl"
            secs = run_variant(name, articles, pred, args.model)
            every = score(args.scorer, args.gold, pred, args.scheme, "all")
            news = score(args.scorer, args.gold, pred, args.scheme, "news")
            types = " ".join(f"{t[:3]}={news[t]['F']:.3f}" for t in ("person", "place", "organisation"))
            print(f"{name:<16} {every['all']['F']:>7.3f} {news['all']['F']:>8.3f} "
                  f"{news['all']['P']:>6.3f} {news['all']['R']:>6.3f}  {types}  {secs:.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
