"""Score newsx entities on a BIO corpus with the project's scorer (../shared/tools/eval_ner.py).

    python benchmarks/eval_entities.py ../shared/data/conll2003/dev.txt
    python benchmarks/eval_entities.py GOLD.bio --variants plain,full --scheme onto
    python benchmarks/eval_entities.py ../shared/data/conll2003/dev.txt --bbc   # + BBC gold set
    python benchmarks/eval_entities.py ../shared/data/conll2003/dev.txt --bbc --pages  # + pages
    python benchmarks/eval_entities.py GOLD.bio --wrap 70 --variants full,no-unwrap

For each variant the corpus goes through newsx's own JSON Lines writer, and eval_ner.py scores
the file over all documents and over the non-sport news documents; with --bbc, the 45 articles
of the hand-annotated BBC gold set too (benchmarks/bbc_gold.py), with --pages the 40 web pages'
starts of the web-page gold set (benchmarks/pages_ner.py). Variants:
  plain        the model's entities, merged but not repaired (what plain spaCy gives)
  full         newsx as shipped
  no-gazetteer full without gazetteer additions
  propagate    full with finding names again across the article (off by default)
  no-repair-rules  only gazetteer additions and propagation (boundary/type rules off)
  no-RULE      full without one rule of newsx_entity_repair (RULE one of
               newsx.nlp.repair.RULES: particles, cuts, long-names, pairs, retype, laws,
               events, job-titles, indexes, openers, credits, boilerplate, one-type,
               datelines, gazetteer, acronyms, units; the former names types and false are
               accepted too);
               `--variants audit` runs full and every no-RULE
  no-unwrap    full, but hard-wrapped lines go to the model as they are (newsx.nlp.reflow off)
--wrap N hard-wraps every document at N columns first, as wire copy and plain-text archives are:
spaces become line breaks and line breaks spaces, so the text keeps its length and its offsets.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import bbc_gold
import pages_ner
from common import SHARED, write_records

from newsx.nlp.reflow import plain_tokenizer
from newsx.nlp.repair import RULE_ALIASES, RULES
from newsx.run.core import load_pipeline

SCORER = SHARED / "tools" / "eval_ner.py"
VARIANTS = {
    "plain": None,
    "full": {},
    "no-gazetteer": {"add_from_gazetteer": False},
    "propagate": {"propagate": True},
    "no-repair-rules": {"rules": False},
    "no-unwrap": {},
    **{f"no-{rule}": {"skip": {rule}} for rule in (*RULES, *RULE_ALIASES)},
}
AUDIT = ["full", *(f"no-{rule}" for rule in RULES), "propagate"]


def run_variant(name: str, articles: Path, out: Path, model: str | None) -> float:
    """Write the records of one variant for `articles` to `out`; the seconds it took."""
    nlp = load_pipeline(model)
    if name == "no-unwrap":  # the tokenizer without its reflow
        nlp.tokenizer = plain_tokenizer(nlp)
    config = VARIANTS[name]
    if config is None:
        nlp.disable_pipe("newsx_entity_repair")
    else:
        repair = nlp.get_pipe("newsx_entity_repair")
        for k, v in config.items():
            setattr(repair, k, v)
    return write_records(nlp, articles, out)


def score(scorer: Path, gold: Path, pred: Path, scheme: str, subset: str) -> dict:
    """The scorer's figures for `pred` against `gold` on one subset (all, news, sport)."""
    cmd = [sys.executable, str(scorer), "score", str(gold), str(pred), "--scheme", scheme,
           "--subset", subset]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    """Score the variants asked for and print one line each."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--variants", default="plain,full")
    ap.add_argument("--scheme", default="conll", choices=["conll", "onto"])
    ap.add_argument("--model", default=None)
    ap.add_argument("--scorer", type=Path, default=SCORER)
    ap.add_argument("--bbc", action="store_true", help="also score the BBC gold set")
    ap.add_argument("--pages", action="store_true", help="also score the web-page gold set")
    ap.add_argument("--wrap", type=int, default=0, help="hard-wrap documents at N columns")
    args = ap.parse_args()
    extra = {name: module for name, module, on in (("BBC", bbc_gold, args.bbc),
                                                   ("pages", pages_ner, args.pages)) if on}
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        with articles.open("w") as f:
            subprocess.run([sys.executable, str(args.scorer), "input", str(args.gold)],
                           stdout=f, check=True)
        if args.wrap:
            wrap_file(articles, args.wrap)
        for name, module in extra.items():
            with (Path(tmp) / f"{name}.jsonl").open("w") as f:
                module.write_input(f)
            if args.wrap:
                wrap_file(Path(tmp) / f"{name}.jsonl", args.wrap)
        head = f"{'variant':<16} {'all F1':>7} {'news F1':>8} {'P':>6} {'R':>6}  per type (news)"
        for name in extra:
            head += f"   {name} F1 (P / R)  per type ({name})"
        print(head)
        names = [n for v in args.variants.split(",") for n in (AUDIT if v == "audit" else [v])]
        for name in names:
            pred = Path(tmp) / f"{name}.jsonl"
            run_variant(name, articles, pred, args.model)
            every = score(args.scorer, args.gold, pred, args.scheme, "all")
            news = score(args.scorer, args.gold, pred, args.scheme, "news")
            line = (f"{name:<16} {every['all']['F']:>7.3f} {news['all']['F']:>8.3f} "
                    f"{news['all']['P']:>6.3f} {news['all']['R']:>6.3f}  {per_type(news)}")
            for set_name, module in extra.items():
                run_variant(name, Path(tmp) / f"{set_name}.jsonl", pred, args.model)
                got = module.score(pred)
                line += (f"   {got['all']['F']:.3f} ({got['all']['P']:.3f} / "
                         f"{got['all']['R']:.3f})  {per_type(got)}")
            print(line, flush=True)


def wrap_file(path: Path, width: int) -> None:
    """Hard-wrap the text of every article in a JSON Lines file, in place, keeping lengths."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    with path.open("w") as f:
        for row in rows:
            row["text"] = hard_wrap(row["text"], width)
            f.write(json.dumps(row) + "\n")


def hard_wrap(text: str, width: int) -> str:
    """Each paragraph (text between blank lines) filled to `width` columns, greedily: a space
    becomes a line break where the next word would pass the width, and a line break inside a
    paragraph becomes a space. The text keeps its length and so its offsets."""
    out = list(text)
    line_start = 0
    for i, ch in enumerate(text):
        if ch == "\n" and (text[i + 1 : i + 2] == "\n" or text[i - 1 : i] == "\n"):
            line_start = i + 1  # a paragraph break stays
            continue
        if ch in " \n":
            out[i] = " "
            end = len(text)
            for j in range(i + 1, len(text)):
                if text[j] in " \n":
                    end = j
                    break
            if end - line_start > width and i > line_start:
                out[i] = "\n"
                line_start = i + 1
    return "".join(out)


def per_type(result: dict) -> str:
    """F1 per type, in one short string."""
    return " ".join(f"{t[:3]}={result[t]['F']:.3f}" for t in ("person", "place", "organisation"))


if __name__ == "__main__":
    main()
