"""Score newsx topics with the project's scorer (../shared/tools/eval_topics.py).

    python benchmarks/eval_topics.py                     # every task, data from ../shared/data
    python benchmarks/eval_topics.py --tasks bbc,cyber --data DIR
    python benchmarks/eval_topics.py --tasks bbc-short    # BBC cut to title + ~40 words

Each corpus goes through newsx's pipeline and JSON Lines writer (the output users get), then
eval_topics.py scores it: bbc (top-level accuracy), reuters (8 categories, micro-F1), cyber
(recall on cybersecurity headlines), nocyber (share of BBC non-tech and Reuters articles tagged
cyber; lower is better), bbc-short (the BBC articles as short items, made by
../shared/tools/short_items.py: accuracy and the share answered), cyber-long (recall on the
cybersecurity items of 80 words or more: the full articles of that set).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from common import SHARED, is_article, write_records

from newsx.nlp.pipeline import resolve_model
from newsx.run.core import load_pipeline
from newsx.settings import Settings

CORPORA = {
    "bbc": "bbc/articles.jsonl",
    "reuters": "reuters21578/train.jsonl",
    "cyber": "cyber-news/headlines.jsonl",
}
# task -> the corpora whose predictions it scores (bbc-short makes its own)
NEEDS = {"bbc": {"bbc"}, "reuters": {"reuters"}, "cyber": {"cyber"}, "cyber-long": {"cyber"},
         "nocyber": {"bbc", "reuters"}}


def nocyber_gold(data: Path, out: Path) -> None:
    """BBC articles outside tech, and every Reuters article: none is a cyber story."""
    with out.open("w", encoding="utf-8") as f:
        for line in (data / CORPORA["bbc"]).open(encoding="utf-8"):
            if json.loads(line)["category"] != "tech":
                f.write(line)
        for line in (data / CORPORA["reuters"]).open(encoding="utf-8"):
            f.write(line)


def score(scorer: Path, task: str, gold: Path, pred: Path) -> dict:
    cmd = [sys.executable, str(scorer), task, str(gold), str(pred)]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", default="bbc,reuters,cyber,cyber-long,nocyber")
    ap.add_argument("--data", type=Path, default=SHARED / "data")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "eval_topics.py")
    ap.add_argument("--model", default=None)
    ap.add_argument("--min-score", type=float, default=0.3)
    ap.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    args = ap.parse_args()
    tasks = args.tasks.split(",")
    nlp = load_pipeline(Settings(resolve_model(args.model), (), args.min_score))
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        preds: dict[str, Path] = {}
        if "bbc-short" in tasks:
            short = folder / "bbc-short-gold.jsonl"
            with short.open("w") as f:
                subprocess.run([sys.executable, str(SHARED / "tools" / "short_items.py"),
                                str(args.data / CORPORA["bbc"])], stdout=f, check=True)
            preds["bbc-short"] = folder / "bbc-short.jsonl"
            write_records(nlp, short, preds["bbc-short"])
        needed = set().union(*(NEEDS.get(task, set()) for task in tasks))
        for name in CORPORA:
            if name in needed:
                preds[name] = folder / f"{name}.jsonl"
                secs = write_records(nlp, args.data / CORPORA[name], preds[name])
                print(f"# ran {name} in {secs:.1f}s", file=sys.stderr)
        for task in tasks:
            if task == "bbc-short":
                gold, pred = folder / "bbc-short-gold.jsonl", preds["bbc-short"]
                print(task, json.dumps(score(args.scorer, "bbc", gold, pred)), flush=True)
                continue
            if task == "nocyber":
                gold = folder / "nocyber-gold.jsonl"
                nocyber_gold(args.data, gold)
                pred = folder / "nocyber.jsonl"
                pred.write_bytes(preds["bbc"].read_bytes() + preds["reuters"].read_bytes())
            elif task == "cyber-long":
                gold, pred = folder / "cyber-long-gold.jsonl", preds["cyber"]
                with gold.open("w", encoding="utf-8") as f:
                    for line in (args.data / CORPORA["cyber"]).open(encoding="utf-8"):
                        if is_article(json.loads(line)):
                            f.write(line)
                print(task, json.dumps(score(args.scorer, "cyber", gold, pred)), flush=True)
                continue
            else:
                gold, pred = args.data / CORPORA[task], preds[task]
            print(task, json.dumps(score(args.scorer, task, gold, pred)), flush=True)


if __name__ == "__main__":
    main()
