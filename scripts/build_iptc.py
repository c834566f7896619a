"""Build models/iptc/mediatopics.tsv from the IPTC Media Topics vocabulary (CC BY 4.0).

    python scripts/build_iptc.py ../shared/data/iptc/mediatopics-2025-03-31.jsonl

Keeps active concepts only: qcode, parent, level, name.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "models" / "iptc" / "mediatopics.tsv"


def main(src: str) -> None:
    rows = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not r["retired"]:
                rows.append((r["qcode"], r["parent"] or "", r["level"], r["name"]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["qcode", "parent", "level", "name"])
        w.writerows(sorted(rows))
    print(f"wrote {len(rows)} concepts to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/iptc/mediatopics-2025-03-31.jsonl")
