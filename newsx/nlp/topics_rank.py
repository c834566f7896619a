"""How newsx_topics keeps and groups topics: side mentions, other categories of a short
item, and the IPTC top-level categories of a record."""

from __future__ import annotations

from newsx.nlp.taxonomy import iptc_tree, top_level
from newsx.records import Category, Topic


def other_categories(candidates: list[Topic], kept: list[Topic], floor: float) -> list[Topic]:
    """The best of `candidates` (scoring `floor` or more) in each IPTC top-level category that
    no kept topic falls under."""
    seen = set().union(*(top_levels(t) for t in kept))
    out = []
    for t in candidates:
        cats = top_levels(t)
        if t.score >= floor and cats and not cats & seen:
            out.append(t)
            seen |= cats
    return out


def top_levels(topic: Topic) -> set[str]:
    """The IPTC top-level categories the topic's codes fall under."""
    return {top.qcode for code in topic.iptc if (top := top_level(code)) is not None}


def main_topics(topics: list[Topic], share: float, category_share: float = 0.0,
                keep: frozenset[str] = frozenset()) -> list[Topic]:
    """The topics that lead their IPTC top-level category: each one scoring at least `share`
    of the best topic under the same category ("interest rates" in a trade story is a side
    mention) that is not above it in the IPTC tree (football is not cut by sport); topics in
    different categories do not cut each other, so every category keeps its best topic, of
    the categories that lead the article (`leading_categories`; the topics in `keep`, a
    user's own, are always kept)."""
    if category_share > 0:
        topics = leading_categories(topics, category_share, keep)
    if share <= 0:
        return topics
    tops = [top_levels(t) for t in topics]
    kept = []
    for t, cats in zip(topics, tops, strict=True):
        up = ancestors(t)
        rivals = [u.score for u, other in zip(topics, tops, strict=True)
                  if other & cats and not set(u.iptc) <= up]
        if not cats or t.score >= share * max(rivals, default=t.score):
            kept.append(t)
    return kept


def leading_categories(topics: list[Topic], share: float,
                       keep: frozenset[str] = frozenset()) -> list[Topic]:
    """The topics of the IPTC top-level categories whose best topic scores at least `share` of
    the best topic of all: a story on a court case that names a football club once is not
    about sport. The best category is always kept, so the article's main category never
    changes."""
    best: dict[str, float] = {}
    for t in topics:
        for cat in top_levels(t):
            best[cat] = max(best.get(cat, 0.0), t.score)
    top = max(best.values(), default=0.0)
    return [t for t in topics if t.id in keep
            or not (cats := top_levels(t)) or max(best[c] for c in cats) >= share * top]


def ancestors(topic: Topic) -> set[str]:
    """The IPTC concepts above the topic's codes (not the codes themselves)."""
    tree, out = iptc_tree(), set()
    for code in topic.iptc:
        node = tree.get(code)
        while node is not None and node.parent and node.parent not in out:
            out.add(node.parent)
            node = tree.get(node.parent)
    return out


def categories(topics: list[Topic]) -> list[Category]:
    """IPTC top-level categories, each scored by the best topic under it."""
    best: dict[str, Category] = {}
    for t in topics:
        for code in t.iptc:
            top = top_level(code)
            if top is not None and (top.qcode not in best or best[top.qcode].score < t.score):
                best[top.qcode] = Category(top.qcode, top.name, t.score)
    return sorted(best.values(), key=lambda c: (-c.score, c.iptc))
