"""Open newsx's pages in headless Chromium: the HTML report and Datasette on a database.

    python scripts/check_in_browser.py news.db [--out shots/]

Writes the report page of the database, opens it offline in Chromium and prints the number of
charts drawn and any error or blocked request the page recorded; starts `datasette news.db`,
opens the database page and the entities table and prints whether newsx's title, canned
queries and facets are there. Screenshots go to --out. Needs Debian's `chromium` (apt-get
install chromium) and `pip install 'newsx[datasette]'`. Exits 1 if a check fails.
`tests/test_browser.py` runs its checks with this file's `chromium` and `datasette_server`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsx.writers.page import write_html
from newsx.writers.report import Filters, build_report


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(binary: str, *args: str) -> str:
    """Run headless Chromium with `args`; its stdout (the DOM with --dump-dom)."""
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--virtual-time-budget=5000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout


@contextmanager
def datasette_server(db: Path) -> Iterator[str]:
    """`datasette DB` on a free local port, once it answers; yields its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "datasette", str(db), "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--out", type=Path, default=Path("browser-check"))
    args = ap.parse_args()
    binary = find_chromium()
    if binary is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    ok = True
    with sqlite3.connect(args.db) as conn:
        report = build_report(conn, Filters(top=15))
    page = (args.out / "report.html").resolve()
    write_html(report, page)
    dom = chromium(binary, "--dump-dom", page.as_uri())
    charts = re.search(r'data-charts="(\d+)"', dom)
    errors = re.search(r'data-errors="([^"]*)"', dom)
    print(f"report: {charts.group(1) if charts else 'no'} charts, errors "
          f"{errors.group(1) if errors else 'not recorded'}")
    ok &= bool(charts and int(charts.group(1)) == 8 and errors and errors.group(1) == "[]")
    chromium(binary, f"--screenshot={args.out / 'report.png'}", "--window-size=1100,3200",
             page.as_uri())
    name = args.db.stem
    with datasette_server(args.db) as base:
        home = chromium(binary, "--dump-dom", f"{base}/{name}")
        for text in (f"newsx: {name}", "Top people", "Who appears with whom", "Topics by week"):
            found = text in home
            ok &= found
            print(f"datasette: {text!r} {'shown' if found else 'MISSING'}")
        entities = chromium(binary, "--dump-dom", f"{base}/{name}/entities")
        facets = "facet-info" in entities
        ok &= facets
        print(f"datasette: facets on entities {'shown' if facets else 'MISSING'}")
        chromium(binary, f"--screenshot={args.out / 'datasette.png'}", "--window-size=1100,1400",
                 f"{base}/{name}")
    print(f"screenshots in {args.out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
