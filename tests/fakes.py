"""Records written for the tests (random entities, topics and dates), never from real news."""

from __future__ import annotations

import random

from newsx.records import Category, Entity, Error, Evidence, Mention, Record, Topic

PEOPLE = ["Ada Byron", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"]
PLACES = [("Paris", "FR", 48.85, 2.35), ("Georgia", "US", 32.7, -83.4),
          ("Georgia", "GE", 41.8, 43.9), ("Europe", None, None, None)]
ORGS = ["Analytical Engines Ltd", "Bletchley Park Trust", "COBOL Committee"]
TOPICS = [("elections", "Elections", "medtop:20000574"), ("sport", "Sport", "medtop:15000000"),
          ("trade", "International trade", "medtop:20000373")]


def fake_records(n: int, seed: int = 0) -> list[Record]:
    """Records written for these tests: random entities, topics and dates."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        entities = []
        for name in rng.sample(PEOPLE, rng.randint(0, 3)):
            entities.append(Entity("person", name, [name], rng.randint(1, 4),
                                   round(rng.random(), 3), None,
                                   [Mention(0, len(name), name, "PERSON")]))
        for name in rng.sample(ORGS, rng.randint(0, 2)):
            entities.append(Entity("organisation", name, [name], 2, 0.3, None, []))
        for name, country, lat, lon in rng.sample(PLACES, rng.randint(0, 2)):
            entities.append(Entity("place", name, [name], 1, 0.5, country, [], None, lat, lon))
        topics = [Topic(t, name, [code], round(rng.uniform(0.3, 1), 3), [Evidence(t, 1)], 0.5,
                        0.2) for t, name, code in rng.sample(TOPICS, rng.randint(0, 2))]
        categories = [Category("medtop:11000000", "politics", 0.5)] if topics else []
        date = f"2024-0{rng.randint(1, 3)}-{rng.randint(10, 28)}" if rng.random() < 0.8 else None
        error = Error("EmptyText", "no text") if i % 17 == 16 else None
        out.append(Record(f"a{i}", "test", f"Story {i} about {rng.choice(PEOPLE)}", None, date,
                          "en", entities if not error else [], topics if not error else [],
                          categories if not error else [], error))
    return out
