"""One entity per GeoNames place: the place entities of an article that newsx_places resolved
to the same GeoNames id ("Washington" and the "D.C." after it, "New Mexico" and "N.M.") are
merged, after newsx_places for one text and in `combine` for a long text's pieces; and
`set_place`, which writes a resolved GeoNames place onto its entity."""

from __future__ import annotations

from collections.abc import Sequence

from newsx.nlp.gazetteer import Candidate
from newsx.nlp.salience import LEAD_BONUS, LEAD_CHARS, with_salience
from newsx.records import Entity


def merge_same_places(entities: list[Entity], credits: Sequence[tuple[int, int]] = (),
                      lead_chars: int = LEAD_CHARS, lead_bonus: float = LEAD_BONUS
                      ) -> list[Entity]:
    """`merged_places`, with salience set again when two entities became one. `credits`: the
    character ranges of by-lines and credits, whose mentions do not count."""
    merged = merged_places(entities)
    if merged is entities:
        return entities
    return with_salience(merged, lead_chars, lead_bonus, credits)


def merged_places(entities: list[Entity]) -> list[Entity]:
    """The entities with those of one GeoNames place merged: mentions and aliases together,
    named as the one named most often (then the longer name); `entities` itself when no two
    share a place. Salience is left as it was."""
    groups: dict[int, list[Entity]] = {}
    out: list[Entity] = []
    for e in entities:
        if e.type == "place" and e.geonames_id is not None:
            if e.geonames_id in groups:
                groups[e.geonames_id].append(e)
                continue
            groups[e.geonames_id] = [e]
        out.append(e)
    if len(out) == len(entities):
        return entities
    for same in groups.values():
        if len(same) > 1:
            first = same[0]
            first.name = max(same, key=lambda e: (e.count, len(e.name))).name
            first.mentions = sorted((m for e in same for m in e.mentions), key=lambda m: m.start)
            first.aliases = list(dict.fromkeys(a for e in same for a in e.aliases))
            first.count = sum(e.count for e in same)
    return out


def set_place(e: Entity, cand: Candidate | None, country: str | None) -> None:
    """Give place entity `e` the GeoNames id, point and region of `cand` (none for None) and
    the country `country`."""
    e.country = country
    e.geonames_id = cand.geonames_id if cand else None
    e.lat = cand.lat if cand else None
    e.lon = cand.lon if cand else None
    e.admin1 = cand.admin1 if cand and cand.feature_code not in {"PCLI", "CONT"} else None
