"""Score the countries newsx resolves places to, against Reuters-21578 place labels.

    python benchmarks/eval_places.py [../shared/data/reuters21578/train.jsonl] [--before]

--before removes newsx_places (places resolved in context) from the default pipeline, to
compare with the gazetteer's first guess alone. Runs newsx over the articles (its JSON Lines writer, the
output users get) and prints
../shared/tools/eval_places.py: micro precision / recall / F of each article's set of countries.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from common import SHARED, write_records

from newsx.run.core import load_pipeline  # type: ignore[attr-defined, unused-ignore]


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--before"]
    gold = Path(args[0]) if args else SHARED / "data/reuters21578/train.jsonl"
    nlp = load_pipeline()
    if "--before" in sys.argv[1:]:  # without resolution in context
        nlp.remove_pipe("newsx_places")
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "out.jsonl"
        write_records(nlp, gold, pred)
        scorer = SHARED / "tools" / "eval_places.py"
        subprocess.run([sys.executable, str(scorer), str(gold), str(pred)], check=True)


if __name__ == "__main__":
    main()
