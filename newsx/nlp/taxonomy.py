"""The topic taxonomy (models/topics.toml plus users' files) and the IPTC Media Topics tree."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from newsx.errors import TaxonomyError
from newsx.nlp.assets import asset

__all__ = ["TaxonomyError", "TopicDef", "classifier_labels", "load_taxonomy", "iptc_tree",
           "top_level"]


HELP = "see `newsx topics --help` for the format"


@dataclass(frozen=True)
class TopicDef:
    """One [[topic]] of a taxonomy file, checked."""

    id: str
    name: str
    iptc: tuple[str, ...]
    terms: dict[str, float]  # lower-case phrase -> weight (negative: counter-evidence)
    source: str
    # qcode -> cue phrases: the code applies only when the article has one of them
    iptc_when: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # terms with a common other sense ("series", "dish", "serve"): they count only beside
    # another term of the topic
    ambiguous: frozenset[str] = frozenset()


@cache
def classifier_labels() -> frozenset[str]:
    """The topic ids newsx's shipped classifier (models/topics) scores."""
    import json

    path = asset("topics/textcat_multilabel/cfg")
    if not path.is_file():
        return frozenset()
    return frozenset(json.loads(path.read_text(encoding="utf-8")).get("labels", []))


@dataclass(frozen=True)
class Concept:
    """An IPTC Media Topics concept."""

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
    """The built-in taxonomy (models/topics.toml)."""
    return asset("topics.toml")


def _parse(path: Path) -> list[TopicDef]:
    """The topics of one file, parsed once per version of the file (a run asks three times:
    to check options, to note unknown topics, to build the scorer)."""
    try:
        stat = path.stat()
    except OSError:
        return _parse_file(path)
    return list(_parsed(str(path), stat.st_mtime_ns, stat.st_size))


@cache
def _parsed(path: str, mtime_ns: int, size: int) -> tuple[TopicDef, ...]:
    return tuple(_parse_file(Path(path)))


def _parse_file(path: Path) -> list[TopicDef]:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise TaxonomyError(f"topics file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise TaxonomyError(f"{path} is not valid TOML: {e}") from None
    except OSError as e:
        raise TaxonomyError(f"cannot read topics file {path}: {e.strerror}") from None
    raws = data.get("topic", [])
    if not isinstance(raws, list) or not all(isinstance(r, dict) for r in raws):
        raise TaxonomyError(f"{path}: 'topic' must be [[topic]] tables; {HELP}")
    topics = [_topic(raw, f"{path}, topic {i}", str(path)) for i, raw in enumerate(raws, 1)]
    if not topics:
        raise TaxonomyError(f"{path} defines no [[topic]] tables; {HELP}")
    return topics


def _topic(raw: dict[str, Any], where: str, source: str) -> TopicDef:
    """One [[topic]] table, every field checked; errors name the file, topic and field."""
    if isinstance(raw.get("id"), str):
        where += f" ({raw['id']})"
    missing = [k for k in ("id", "name", "iptc", "terms") if k not in raw]
    if missing:
        raise TaxonomyError(f"{where}: missing {', '.join(missing)}; {HELP}")
    for name in ("id", "name"):
        if not isinstance(raw[name], str) or not raw[name].strip():
            raise TaxonomyError(f"{where}: field '{name}' must be a non-empty string, "
                                f"not {raw[name]!r}")
    iptc = [raw["iptc"]] if isinstance(raw["iptc"], str) else raw["iptc"]
    if not isinstance(iptc, list) or not iptc or not all(isinstance(q, str) for q in iptc):
        raise TaxonomyError(f"{where}: field 'iptc' must be a non-empty list of IPTC qcodes "
                            f"such as [\"medtop:20000639\"], not {raw['iptc']!r}")
    tree = iptc_tree()
    unknown = [q for q in iptc if q not in tree]
    if unknown:
        raise TaxonomyError(
            f"{where}: field 'iptc': unknown or retired IPTC code {', '.join(unknown)}; "
            "use an active qcode such as medtop:20000639"
        )
    if not isinstance(raw["terms"], dict):
        raise TaxonomyError(f"{where}: field 'terms' must be a [topic.terms] table of "
                            f"\"phrase\" = weight, not {raw['terms']!r}")
    terms = {}
    for term, weight in raw["terms"].items():
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise TaxonomyError(f"{where}: field 'terms', term {term!r}: the weight must be a "
                                f"number, not {weight!r}")
        if not term.strip():
            raise TaxonomyError(f"{where}: field 'terms': empty term")
        terms[term.lower()] = float(weight)
    if not any(w > 0 for w in terms.values()):
        raise TaxonomyError(f"{where}: field 'terms' needs at least one positive weight")
    when = raw.get("iptc_when", {})
    if not isinstance(when, dict) or not all(
        isinstance(cues, list) and cues and all(isinstance(c, str) and c.strip() for c in cues)
        for cues in when.values()
    ):
        raise TaxonomyError(f"{where}: field 'iptc_when' must be a [topic.iptc_when] table of "
                            f"qcode = [\"cue\", ...], not {when!r}")
    unknown = [q for q in when if q not in tree]
    if unknown:
        raise TaxonomyError(f"{where}: field 'iptc_when': unknown or retired IPTC code "
                            f"{', '.join(unknown)}")
    cues = {q: tuple(c.lower() for c in cs) for q, cs in when.items()}
    ambiguous = raw.get("ambiguous", [])
    if not isinstance(ambiguous, list) or not all(isinstance(a, str) for a in ambiguous):
        raise TaxonomyError(f"{where}: field 'ambiguous' must be a list of the topic's terms, "
                            f"not {ambiguous!r}")
    strangers = [a for a in ambiguous if terms.get(a.lower(), 0) <= 0]
    if strangers:
        raise TaxonomyError(f"{where}: field 'ambiguous': {', '.join(map(repr, strangers))} "
                            "must be terms of the topic with a positive weight")
    return TopicDef(raw["id"], raw["name"], tuple(iptc), terms, source, cues,
                    frozenset(a.lower() for a in ambiguous))


def load_taxonomy(extra: list[Path] | None = None, base: Path | None = None) -> list[TopicDef]:
    """The default taxonomy, with topics from `extra` files added or replacing same-id ones."""
    topics = {t.id: t for t in _parse(base or default_taxonomy_path())}
    for path in extra or []:
        for t in _parse(Path(path)):
            topics[t.id] = t
    return list(topics.values())
