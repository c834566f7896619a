"""The hand-annotated web-page entity gold set (benchmarks/gold/PAGES-NER-GUIDELINES.md).

    python benchmarks/pages_ner.py check    # names not in the text, words left unmarked, the draw
    python benchmarks/pages_ner.py input > pages40.jsonl  # the 40 page starts, for newsx
    python benchmarks/pages_ner.py score pred.jsonl     # P / R / F1 per type, one JSON line

Each page's text is what newsx reads from `../shared/data/webpages/pages/ID.html`, cut at the
first line break after character 3,000 (the part that was annotated). The repository keeps
only ids and names (`gold/pages-ner-names.txt`); the names are marked in the text at scoring
time, as `bbc_gold.py build` marks the BBC set's, and scored the same way (eval_ner.py's
normalisation).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from bbc_gold import GOLD_DIR, gold_cli, mark, read_names, score_rows
from common import SHARED

NAMES = GOLD_DIR / "pages-ner-names.txt"
PAGES = SHARED / "data" / "webpages" / "pages"
HEADER = r"# page (\S+)"
GERMAN = "057957bf1b28"  # the one page in German (newsx warns that it is not English)
CUT = 3_000  # annotated: the text up to the first line break after this many characters
CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’.&-]*")


@cache
def names() -> dict[str, list[tuple[str, str]]]:
    """Page id -> [(name, kind)] from the names file, read once."""
    return read_names(NAMES, HEADER)


def cut(text: str) -> str:
    """The annotated start of a page's text."""
    end = text.find("\n", CUT) if len(text) > CUT else -1
    return text if end == -1 else text[:end]


@cache
def texts() -> dict[str, str]:
    """Page id -> the annotated start of the text newsx reads from the page."""
    from newsx.io.read import iter_articles

    ids = set(names())
    files = [str(PAGES / f"{i}.html") for i in sorted(ids)]
    return {Path(a.id).stem: cut(a.text) for a in iter_articles(files)}


def gold_rows() -> list[dict[str, Any]]:
    """The gold mentions of every page, marked in its text."""
    pages = texts()
    return [{"id": i, "entities": mark(pages[i], listed)[0]} for i, listed in names().items()]


def sample(seed: int = 14, size: int = 40) -> list[str]:
    """The pages of the set as they were drawn: `random.Random(seed).sample` over the sorted
    ids of the pages of 80 words or more whose language newsx does not find to be German."""
    import random

    from newsx.io.read import iter_articles

    ids = sorted(Path(a.id).stem for a in iter_articles([str(PAGES)])
                 if len(a.text.split()) >= 80 and Path(a.id).stem != GERMAN)
    return sorted(random.Random(seed).sample(ids, size))


def check() -> list[str]:
    """Names the text does not have, and capitalised words no listed name covers (to read
    again against the guidelines)."""
    problems = []
    pages = texts()
    for ident, listed in names().items():
        text = pages[ident]
        problems += [f"{ident}: {n!r} not in the text" for n in mark(text, listed)[1]]
        covered = [m.span() for n, _ in listed for m in re.finditer(re.escape(n), text)]
        loose = sorted({m.group() for m in CAPITALISED.finditer(text)
                        if not any(a <= m.start() < b for a, b in covered)})
        problems.append(f"{ident}: unmarked capitalised words: {' '.join(loose)}")
    return problems


def write_input(out: Any) -> None:
    """The annotated page starts as newsx input (id and text only)."""
    for ident, text in sorted(texts().items()):
        out.write(json.dumps({"id": ident, "text": text}) + "\n")


def score(pred_path: Path) -> dict[str, Any]:
    """Mention P / R / F1 per type and overall, in eval_ner.py's output shape."""
    return score_rows(pred_path, gold_rows(), texts())


def run_check() -> None:
    """`check`, and whether the names file holds the pages `sample` draws."""
    print("\n".join(check()))
    drawn, listed = sample(), sorted(names())
    print("sample: the names file holds the 40 pages drawn" if drawn == listed
          else f"sample differs: drawn {drawn}, listed {listed}")


def main() -> None:
    gold_cli(__doc__ or "", "check", run_check, write_input, score)


if __name__ == "__main__":
    main()
