"""`newsx report --html`: one self-contained page (inline SVG and CSS, no network at view time).

Charts are drawn here as SVG, so the page needs no script library: bars for the top entities of
each type and for topics, lines for topics by week, a who-with-whom network (entities on a
circle, a line per pair, thicker for more shared articles) and a world map (equirectangular;
the land is drawn from the gazetteer's GeoNames places, one grey cell per 2 degrees that holds
a town, and each place is a circle sized by its articles). A content security policy forbids
every request, and a few lines of script record any violation on the page (tests read them).
"""

from __future__ import annotations

import html
import math
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from newsx.writers.report import Report

COLOURS = {"person": "#1f77b4", "place": "#2ca02c", "organisation": "#d62728"}
LINE_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:")
CHECK = """
<script>
  // every blocked request or error is written on the page, where a test can read it
  const seen = [];
  document.addEventListener("securitypolicyviolation", e => seen.push("blocked " + e.blockedURI));
  window.addEventListener("error", e => seen.push("error " + e.message));
  window.addEventListener("load", () => {
    document.body.dataset.charts = document.querySelectorAll("svg.chart").length;
    document.body.dataset.errors = JSON.stringify(seen);
  });
</script>"""


def esc(text: Any) -> str:
    """Text escaped for HTML."""
    return html.escape(str(text), quote=True)


def empty(title: str, why: str) -> str:
    """A chart with nothing to draw still has its place on the page, saying why."""
    return (f'<section><h2>{esc(title)}</h2><svg class="chart" viewBox="0 0 640 40" width="640" '
            f'height="40"><text x="0" y="24">{esc(why)}</text></svg></section>')


def bars(title: str, rows: list[tuple[str, int]], colour: str) -> str:
    """A bar chart section."""
    if not rows:
        return empty(title, "none in these articles")
    width, bar_h, label_w = 640, 22, 220
    most = max(n for _, n in rows) or 1
    parts = []
    for i, (label, n) in enumerate(rows):
        y = i * bar_h
        w = (width - label_w - 60) * n / most
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{esc(label[:34])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{bar_h - 6}" '
            f'fill="{colour}"><title>{esc(label)}: {n}</title></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{n}</text>')
    height = bar_h * len(rows)
    return (f'<section><h2>{esc(title)}</h2><svg class="chart" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}">{"".join(parts)}</svg></section>')


def lines(weeks: list[dict[str, Any]]) -> str:
    """The weekly topics chart section."""
    title = "Topics by week (articles)"
    periods = sorted({w["week"] for w in weeks})
    if len(periods) < 2:
        return empty(title, "not enough dated articles (dates come from HTML pages and "
                     "JSON Lines \"date\" fields)")
    topics = sorted({w["topic"] for w in weeks})
    counts = {(w["week"], w["topic"]): w["articles"] for w in weeks}
    width, height, pad = 640, 240, 40
    most = max(counts.values())
    x = {p: pad + (width - 2 * pad) * i / (len(periods) - 1) for i, p in enumerate(periods)}
    parts = [f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
             'stroke="#999"/>',
             f'<text x="{pad}" y="{height - pad + 16}">{esc(periods[0])}</text>',
             f'<text x="{width - pad}" y="{height - pad + 16}" text-anchor="end">'
             f'{esc(periods[-1])}</text>',
             f'<text x="{pad - 4}" y="{pad}" text-anchor="end">{most}</text>']
    for i, topic in enumerate(topics):
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        points = " ".join(
            f"{x[p]:.1f},{height - pad - (height - 2 * pad) * counts.get((p, topic), 0) / most:.1f}"
            for p in periods)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                     f'points="{points}"><title>{esc(topic)}</title></polyline>')
        parts.append(f'<text x="{width - pad + 4}" y="{pad + 14 * i}" fill="{colour}">'
                     f'{esc(topic)}</text>')
    return (f'<section><h2>{title}</h2><svg class="chart" viewBox="0 0 {width + 120} {height}" '
            f'width="{width + 120}" height="{height}">{"".join(parts)}</svg></section>')


def network(pairs: list[dict[str, Any]]) -> str:
    """The section of entities named together, as a network."""
    title = "Who appears with whom (shared articles)"
    if not pairs:
        return empty(title, "no two entities share an article")
    nodes: dict[str, str] = {}
    for p in pairs:
        nodes.setdefault(p["a"], p["a_type"])
        nodes.setdefault(p["b"], p["b_type"])
    size, radius = 640, 220
    centre = size / 2
    pos = {name: (centre + radius * math.cos(2 * math.pi * i / len(nodes)),
                  centre + radius * math.sin(2 * math.pi * i / len(nodes)))
           for i, name in enumerate(nodes)}
    most = max(p["articles"] for p in pairs)
    parts = []
    for p in pairs:
        (x1, y1), (x2, y2) = pos[p["a"]], pos[p["b"]]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="#888" stroke-opacity="0.6" '
                     f'stroke-width="{1 + 5 * p["articles"] / most:.1f}"><title>'
                     f'{esc(p["a"])} + {esc(p["b"])}: {p["articles"]}</title></line>')
    for name, kind in nodes.items():
        x, y = pos[name]
        anchor = "start" if x >= centre else "end"
        dx = 9 if x >= centre else -9
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{COLOURS.get(kind, "#555")}">'
                     f'<title>{esc(name)} ({esc(kind)})</title></circle>'
                     f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
                     f'{esc(name[:28])}</text>')
    return (f'<section><h2>{title}</h2><svg class="chart" viewBox="-120 0 {size + 240} {size}" '
            f'width="{size + 240}" height="{size}">{"".join(parts)}</svg></section>')


@cache
def land_cells() -> list[tuple[int, int]]:
    """Cells of 2 degrees that hold a GeoNames town: a silhouette of the inhabited land
    (land.txt beside this module, made by scripts/build_land.py)."""
    text = (Path(__file__).parent / "land.txt").read_text(encoding="utf-8")
    pairs = (line.split() for line in text.splitlines() if line and not line.startswith("#"))
    return [(int(lat), int(lon)) for lat, lon in pairs]


def world_map(places: list[dict[str, Any]]) -> str:
    """The map section: places as circles on the inhabited land."""
    title = "Places (circle area: articles)"
    width, height = 720, 360  # 2 px per degree

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon + 180) * width / 360, (90 - lat) * height / 180

    cells = "".join(f'<rect x="{xy(lat + 2, lon)[0]:.0f}" y="{xy(lat + 2, lon)[1]:.0f}" '
                    'width="4" height="4"/>' for lat, lon in land_cells())
    most = max((p["articles"] for p in places), default=1)
    dots = []
    for p in sorted(places, key=lambda p: -p["articles"]):
        x, y = xy(p["lat"], p["lon"])
        r = 2 + 14 * math.sqrt(p["articles"] / most)
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#2ca02c" '
                    f'fill-opacity="0.55" stroke="#1a661a"><title>{esc(p["name"])}'
                    f'{" (" + esc(p["country"]) + ")" if p.get("country") else ""}: '
                    f'{p["articles"]} articles</title></circle>')
    return (f'<section><h2>{title}</h2><svg class="chart" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}"><rect width="{width}" height="{height}" '
            f'fill="#eef4fa"/><g fill="#cfcfcf">{cells}</g>{"".join(dots)}</svg></section>')


def render(typed: Report) -> str:
    """The report as one self-contained HTML page (no script or style from elsewhere)."""
    report: dict[str, Any] = msgspec.to_builtins(typed)
    f = report["filters"]
    scope = ", ".join(f"{k} {v}" for k, v in (("topic", f["topic"]), ("since", f["since"]),
                                                 ("until", f["until"])) if v)
    sections = []
    names = {"person": "People", "place": "Places", "organisation": "Organisations"}
    for kind in f["types"]:
        rows = [(e["name"], e["articles"]) for e in report["entities"] if e["type"] == kind]
        sections.append(bars(f"{names[kind]} (articles)", rows, COLOURS[kind]))
    sections.append(bars("Topics (articles)",
                         [(t["name"], t["articles"]) for t in report["topics"]], "#9467bd"))
    sections.append(bars("Most quoted (quotes)",
                         [(q["name"], q["quotes"]) for q in report["quoted"]], "#8c564b"))
    sections.append(lines(report["weeks"]))
    sections.append(network(report["pairs"]))
    sections.append(world_map(report["places"]))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>newsx report</title>
<style>
  body {{ font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 1000px;
          color: #222; }}
  svg {{ font: 11px system-ui, sans-serif; max-width: 100%; height: auto; }}
  h2 {{ font-size: 16px; margin-top: 2em; }}
</style>
{CHECK}
</head>
<body>
<h1>newsx report</h1>
<p>{report["articles"]:,} articles{esc(" (" + scope + ")") if scope else ""}.</p>
{"".join(sections)}
</body>
</html>
"""


def write_html(report: Report, path: Path) -> None:
    """Writes the report's page to `path`."""
    path.write_text(render(report), encoding="utf-8")
