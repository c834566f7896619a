"""Salience: how prominent an entity is in its article, from its mentions and where it is
first named."""

from __future__ import annotations

from collections.abc import Sequence

from newsx.nlp.bylines import in_zones
from newsx.records import Entity

LEAD_CHARS = 300  # the headline and first sentence, roughly
LEAD_BONUS = 2.0


def prominence(count: int, first: int, lead_chars: int = LEAD_CHARS,
               lead_bonus: float = LEAD_BONUS) -> float:
    """Mentions, plus `lead_bonus` when first named in the first `lead_chars` characters.
    Salience is this divided by the article's highest value, so the top entity has 1.0."""
    return count + (lead_bonus if first < lead_chars else 0.0)


def with_salience(entities: list[Entity], lead_chars: int = LEAD_CHARS,
                  lead_bonus: float = LEAD_BONUS,
                  credits: Sequence[tuple[int, int]] = ()) -> list[Entity]:
    """Salience set from counts and first mentions, most salient first. Mentions inside
    `credits` (by-lines, picture credits: character ranges) do not count: an entity named only
    there has salience 0."""
    raws = []
    for e in entities:
        counted = [m for m in e.mentions if not in_zones(m.start, m.end, credits)]
        raws.append(prominence(len(counted), counted[0].start, lead_chars, lead_bonus)
                    if counted else 0.0)
    top = max(raws, default=1.0) or 1.0
    for e, raw in zip(entities, raws, strict=True):
        # 0 is kept for names only in by-lines and credits (newsx report leaves them out)
        e.salience = max(round(raw / top, 3), 0.001) if raw > 0 else 0.0
    entities.sort(key=lambda e: (-e.salience, e.mentions[0].start if e.mentions else 0))
    return entities
