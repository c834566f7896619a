"""One article's entities from those of its pieces (texts too long for the model at once)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from newsx.nlp.gazetteer import key
from newsx.nlp.places_merge import merged_places
from newsx.nlp.salience import with_salience
from newsx.records import Entity, Mention

_SPACE = re.compile(r"\s+")


def combine(parts: Iterable[tuple[int, list[Entity]]]) -> list[Entity]:
    """One article's entities from those of its pieces (each with its character offset): the
    same type and name are one entity, a lone family name joins the only full name that ends
    with it, and no name has two types. An entity named only in credits (salience 0 in its
    piece) has no salience. Linear in the number of mentions."""
    merged: dict[tuple[str, str], Entity] = {}
    credits: list[tuple[int, int]] = []  # the mentions of entities named only in credits
    for offset, entities in parts:
        for e in entities:
            mentions = [Mention(m.start + offset, m.end + offset, m.text, m.label)
                        for m in e.mentions]
            if e.salience == 0.0:
                credits += [(m.start, m.end) for m in mentions]
            k = (e.type, key(e.name))
            old = merged.get(k)
            if old is None:
                merged[k] = Entity(e.type, e.name, list(e.aliases), e.count, 0.0, e.country,
                                   mentions, e.geonames_id, e.lat, e.lon, e.admin1)
            else:
                _join(old, e.aliases, mentions)
    full: dict[str, list[Entity]] = {}
    for e in merged.values():
        words = e.name.split()
        if e.type == "person" and len(words) > 1:
            full.setdefault(words[-1].casefold(), []).append(e)
    for k, e in list(merged.items()):
        homes = full.get(key(e.name), []) if e.type == "person" and " " not in e.name else []
        if len(homes) == 1:
            _join(homes[0], e.aliases, e.mentions)
            del merged[k]
    # the pieces' places of one GeoNames id ("Washington", "D.C.") are one entity too
    entities = merged_places(one_type_per_alias(list(merged.values())))
    return with_salience(entities, credits=credits)


def one_type_per_alias(entities: list[Entity]) -> list[Entity]:
    """Entities in which no name has two types: the mentions of a name that pieces of an
    article typed differently go to the entity of the type most of its mentions have."""
    where: dict[str, Counter[int]] = {}
    for i, e in enumerate(entities):
        for m in e.mentions:
            where.setdefault(key(_SPACE.sub(" ", m.text)), Counter())[i] += 1
    moves: dict[int, list[Mention]] = {}
    for name, counts in where.items():
        by_type = Counter[str]()
        for i, n in counts.items():
            by_type[entities[i].type] += n
        if len(by_type) < 2:
            continue
        kind = by_type.most_common(1)[0][0]
        home = max((i for i in counts if entities[i].type == kind), key=lambda i: counts[i])
        for i in counts:
            if entities[i].type != kind:
                e = entities[i]
                gone = [m for m in e.mentions if key(_SPACE.sub(" ", m.text)) == name]
                e.mentions = [m for m in e.mentions if m not in gone]
                moves.setdefault(home, []).extend(gone)
    for i, gone in moves.items():
        _join(entities[i], [_SPACE.sub(" ", m.text) for m in gone], gone)
    out = []
    for e in entities:
        e.aliases = [a for a in e.aliases if any(_SPACE.sub(" ", m.text) == a for m in e.mentions)]
        e.count = len(e.mentions)
        if e.mentions:
            out.append(e)
    return out


def _join(home: Entity, aliases: list[str], mentions: list[Mention]) -> None:
    home.aliases = list(dict.fromkeys([*home.aliases, *aliases]))
    home.mentions = sorted([*home.mentions, *mentions], key=lambda m: m.start)
    home.count = len(home.mentions)
