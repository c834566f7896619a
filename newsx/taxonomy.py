"""The topic taxonomy (models/topics.toml plus users' files) and the IPTC Media Topics tree."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsx.assets import asset


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class TopicDef:
    id: str
    name: str
    iptc: tuple[str, ...]
    terms: dict[str, float]  # lower-case phrase -> weight (negative: counter-evidence)
    source: str


@dataclass(frozen=True)
class Concept:
    qcode: str
    parent: str | None
    level: int
    name: str


@cache
def iptc_tree() -> dict[str, Concept]:
    """Active IPTC Media Topics concepts by qcode (IPTC, CC BY 4.0)."""
    with asset("iptc/mediatopics.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return {
            r["qcode"]: Concept(r["qcode"], r["parent"] or None, int(r["level"]), r["name"])
            for r in rows
        }


def top_level(qcode: str) -> Concept | None:
    """The level-1 ancestor of a qcode (itself when it is top level)."""
    tree = iptc_tree()
    node = tree.get(qcode)
    seen = set()
    while node is not None and node.parent and node.qcode not in seen:
        seen.add(node.qcode)
        node = tree.get(node.parent)
    return node


def default_taxonomy_path() -> Path:
    return asset("topics.toml")


def _parse(path: Path) -> list[TopicDef]:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise TaxonomyError(f"topics file not found: {path}") from None
    except tomllib.TOMLDecodeError as e:
        raise TaxonomyError(f"{path} is not valid TOML: {e}") from None
    tree = iptc_tree()
    topics = []
    for i, raw in enumerate(data.get("topic", []), 1):
        where = f"{path}, topic {i} ({raw.get('id', 'no id')})"
        missing = [k for k in ("id", "name", "iptc", "terms") if k not in raw]
        if missing:
            raise TaxonomyError(f"{where}: missing {', '.join(missing)}; see `newsx topics --help`")
        iptc = [raw["iptc"]] if isinstance(raw["iptc"], str) else list(raw["iptc"])
        unknown = [q for q in iptc if q not in tree]
        if unknown:
            raise TaxonomyError(
                f"{where}: unknown or retired IPTC code {', '.join(unknown)}; "
                "use an active qcode such as medtop:20000639"
            )
        terms = {str(k).lower(): float(v) for k, v in raw["terms"].items()}
        if not any(w > 0 for w in terms.values()):
            raise TaxonomyError(f"{where}: needs at least one term with a positive weight")
        topics.append(TopicDef(raw["id"], raw["name"], tuple(iptc), terms, str(path)))
    if not topics:
        raise TaxonomyError(f"{path} defines no [[topic]] tables")
    return topics


def load_taxonomy(extra: list[Path] | None = None, base: Path | None = None) -> list[TopicDef]:
    """The default taxonomy, with topics from `extra` files added or replacing same-id ones."""
    topics = {t.id: t for t in _parse(base or default_taxonomy_path())}
    for path in extra or []:
        for t in _parse(Path(path)):
            topics[t.id] = t
    return list(topics.values())
