"""The hand-annotated BBC entity gold set (benchmarks/gold/, see GUIDELINES.md there).

    python benchmarks/bbc_gold.py build                # names file -> gold/bbc-ner.jsonl
    python benchmarks/bbc_gold.py input > bbc45.jsonl  # the 45 articles, for newsx
    python benchmarks/bbc_gold.py score pred.jsonl     # P / R / F1 per type, one JSON line

The article text is read from ../shared/data/bbc/articles.jsonl; the repository keeps only ids,
offsets, types and names. Scoring follows eval_ner.py: person / place / organisation mentions,
exact offsets after its normalisation (imported from the scorer, so the protocol is the same).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import SHARED

GOLD_DIR = Path(__file__).resolve().parent / "gold"
NAMES = GOLD_DIR / "bbc-ner-names.txt"
GOLD = GOLD_DIR / "bbc-ner.jsonl"
ARTICLES = SHARED / "data" / "bbc" / "articles.jsonl"
KINDS = {"PER": "person", "PLACE": "place", "ORG": "organisation", "SKIP": None}
TYPES = ("person", "place", "organisation")


def read_names(path: Path = NAMES, header: str = r"# (bbc-\S+)"
               ) -> dict[str, list[tuple[str, str]]]:
    """Article id -> [(name, kind)] from a hand-written names file, whose sections start with
    a line matching `header` (its group is the id: "# bbc-business-003"; other "#" lines are
    comments)."""
    names: dict[str, list[tuple[str, str]]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        section = re.fullmatch(header, line)
        if section:
            current = section.group(1)
            names[current] = []
        elif line and not line.startswith("#"):
            kind, _, listed = line.partition(":")
            if current is None or kind not in KINDS:
                raise ValueError(f"{path}: cannot read line {raw!r}")
            names[current] += [(n.strip(), kind) for n in listed.split("|")]
    return names


def read_texts(ids: set[str], path: Path = ARTICLES) -> dict[str, str]:
    texts = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in ids:
                texts[row["id"]] = row["text"]
    return texts


def mark(text: str, names: list[tuple[str, str]]) -> tuple[list[list[Any]], list[str]]:
    """Every whole-word, case-sensitive occurrence of each name, longest name first, none
    overlapping; returns the mentions and the names never found."""
    taken: list[tuple[int, int]] = []
    mentions: list[list[Any]] = []
    unfound = []
    for name, kind in sorted(names, key=lambda item: -len(item[0])):
        pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z0-9])")
        found = 0
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            found += 1
            if KINDS[kind]:
                mentions.append([start, end, KINDS[kind], name])
        if not found:
            unfound.append(name)
    return sorted(mentions), unfound


def build() -> list[dict[str, Any]]:
    names = read_names()
    texts = read_texts(set(names))
    gold, problems = [], []
    for ident, listed in names.items():
        mentions, unfound = mark(texts[ident], listed)
        problems += [f"{ident}: {n!r} not in the text" for n in unfound]
        gold.append({"id": ident, "entities": mentions})
    if problems:
        raise SystemExit("\n".join(problems))
    return gold


def read_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def scorer_norm() -> Any:
    """eval_ner.py's span normalisation (leading "the ", trailing "'s")."""
    spec = importlib.util.spec_from_file_location("eval_ner", SHARED / "tools" / "eval_ner.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.norm


def score(pred_path: Path, gold_path: Path = GOLD) -> dict[str, Any]:
    """Mention P / R / F1 per type and overall, in eval_ner.py's output shape."""
    gold_rows = read_gold(gold_path)
    return score_rows(pred_path, gold_rows, read_texts({g["id"] for g in gold_rows}))


def score_rows(pred_path: Path, gold_rows: list[dict[str, Any]], texts: dict[str, str]
               ) -> dict[str, Any]:
    """`score` of gold rows ({"id", "entities": [[start, end, type, name]]}) on `texts`."""
    norm = scorer_norm()
    preds = {}
    with pred_path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                preds[rec.get("id")] = rec
    gold_set, pred_set, missing = set(), set(), 0
    for row in gold_rows:
        ident, text = row["id"], texts[row["id"]]
        for start, end, kind, _ in row["entities"]:
            gold_set.add((ident, *norm(text, start, end), kind))
        rec = preds.get(ident)
        if rec is None:
            missing += 1
            continue
        for ent in rec.get("entities") or []:
            if ent.get("type") in TYPES:
                for m in ent.get("mentions") or []:
                    pred_set.add((ident, *norm(text, m["start"], m["end"]), ent["type"]))
    out: dict[str, Any] = {}
    for kind in (*TYPES, None):
        g = {x for x in gold_set if kind is None or x[3] == kind}
        p = {x for x in pred_set if kind is None or x[3] == kind}
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec_ = tp / len(g) if g else 0.0
        f1 = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
        out[kind or "all"] = {"P": round(prec, 3), "R": round(rec_, 3), "F": round(f1, 3),
                              "gold": len(g)}
    out["missing_docs"] = missing
    return out


def write_input(out: Any, gold_path: Path = GOLD) -> None:
    """The gold articles as newsx input (id and text only, so offsets match the gold's)."""
    ids = [g["id"] for g in read_gold(gold_path)]
    texts = read_texts(set(ids))
    for ident in ids:
        out.write(json.dumps({"id": ident, "text": texts[ident]}) + "\n")


def gold_cli(doc: str, first: str, run_first: Callable[[], None],
             write: Callable[[Any], None], scored: Callable[[Path], dict[str, Any]]) -> None:
    """The command line of a gold set: `first` (build or check), `input`, `score PRED`."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser(first)
    sub.add_parser("input")
    sc = sub.add_parser("score")
    sc.add_argument("pred", type=Path)
    args = ap.parse_args()
    if args.cmd == first:
        run_first()
    elif args.cmd == "input":
        write(sys.stdout)
    else:
        print(json.dumps(scored(args.pred)))


def write_gold() -> None:
    """`build`: marks the names file into gold/bbc-ner.jsonl."""
    gold = build()
    with GOLD.open("w", encoding="utf-8") as f:
        for row in gold:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = {t: sum(e[2] == t for g in gold for e in g["entities"]) for t in TYPES}
    print(f"{len(gold)} articles, {sum(counts.values())} mentions {counts}", file=sys.stderr)


def main() -> None:
    gold_cli(__doc__ or "", "build", write_gold, write_input, score)


if __name__ == "__main__":
    main()
