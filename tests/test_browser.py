"""Pages checked in a real browser: headless Chromium (Debian's `chromium` package).

Skipped, with the reason printed, where Chromium is absent; `.ci/run` installs it.
"""

from __future__ import annotations

from pathlib import Path

import check_in_browser as browser  # scripts/: the same Chromium and Datasette helpers
import pytest
from fakes import fake_records

from newsx.writers.database import load_records
from newsx.writers.page import write_html
from newsx.writers.report import Filters, build_report

CHROMIUM = browser.find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not found (apt-get install chromium)")


def chromium(*args: str) -> str:
    assert CHROMIUM is not None
    return browser.chromium(CHROMIUM, *args)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import sqlite3

    folder = tmp_path_factory.mktemp("report")
    db = folder / "news.db"
    load_records(db, fake_records(400, seed=3))
    with sqlite3.connect(db) as conn:
        report = build_report(conn, Filters(top=10))
    page = folder / "report.html"
    write_html(report, page)
    return page


def test_html_report_renders_offline_with_every_chart(report_page: Path):
    dom = chromium("--dump-dom", report_page.as_uri())
    # the page's own script counts the charts and records errors and blocked requests
    assert 'data-charts="8"' in dom, dom[:500]
    assert 'data-errors="[]"' in dom
    for title in ("People (articles)", "Places (articles)", "Topics (articles)",
                  "Topics by week", "Who appears with whom", "Places (circle area"):
        assert title in dom
    shot = report_page.parent / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1100,3200", report_page.as_uri())
    assert shot.stat().st_size > 10_000


def test_the_page_check_sees_a_network_request(report_page: Path):
    """The check can fail: the same page asking for a remote image records it as blocked."""
    bad = report_page.with_name("bad.html")
    bad.write_text(report_page.read_text().replace(
        "<h1>", '<img src="http://203.0.113.1/tile.png" alt=""><h1>'))
    dom = chromium("--dump-dom", bad.as_uri())
    assert "blocked http://203.0.113.1/tile.png" in dom


def test_datasette_shows_newsx_metadata(tmp_path: Path):
    pytest.importorskip("datasette", reason="the datasette extra is not installed")
    db = tmp_path / "news.db"
    load_records(db, fake_records(100, seed=4))
    with browser.datasette_server(db) as base:
        home = chromium("--dump-dom", f"{base}/news")
        assert "newsx: news" in home
        for query in ("Top people", "Who appears with whom", "Topics by week"):
            assert query in home
        entities = chromium("--dump-dom", f"{base}/news/entities")
        assert "facet-info" in entities and "type" in entities
        top = chromium("--dump-dom", f"{base}/news/top_people")
        assert "Ada Byron" in top or "Alan Turing" in top
