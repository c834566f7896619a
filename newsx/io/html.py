"""Web pages to text with trafilatura: the main text without navigation, comments or link
lists, and the page's title, canonical URL, date and authors."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

NO_AUTHOR = {"no author", "unknown", "admin", "staff", "anonymous"}  # placeholders, not names
RECALL_CHARS = 500  # main text shorter than this is extracted again, favouring recall
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
          "section", "article", "pre"}


@dataclass
class Page:
    """What a page says about itself, and its main text."""

    text: str = ""
    title: str | None = None
    url: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)


def html_to_text(html: str) -> Page:
    """The main text and metadata of a web page (a second, recall-minded extraction when the
    first finds under RECALL_CHARS characters: a caption or teaser)."""
    import trafilatura  # imported only for HTML input: it is slow to import

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # newsx reports, not its log

    def extract(recall: bool) -> Any:
        return trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                           with_metadata=True, favor_recall=recall)

    doc = extract(False)
    text = getattr(doc, "text", None) or ""
    if len(text) < RECALL_CHARS:
        more = extract(True)
        if len(getattr(more, "text", None) or "") > len(text):
            doc, text = more, more.text
    if doc is None:
        return Page()
    authors = [a.strip() for a in str(getattr(doc, "author", None) or "").split(";")]
    meta = [getattr(doc, k, None) or None for k in ("title", "url", "date")]
    return Page(text, meta[0], meta[1], meta[2],
                [a for a in authors if a and a.lower() not in NO_AUTHOR])


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed item's content): tags dropped, blocks on lines
    of their own, entities decoded."""
    if "<" not in html:
        import html as entities

        return entities.unescape(html).strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # not HTML after all
        return html.strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []
    _walk(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _walk(node: Any, parts: list[str]) -> None:
    """Text of `node` and its children, in document order, a line break around blocks."""
    block = node.tag in BLOCKS
    if block:
        parts.append("\n")
    parts.append(node.text or "")
    for child in node:
        if isinstance(child.tag, str):
            _walk(child, parts)
        parts.append(child.tail or "")
    if block:
        parts.append("\n")
