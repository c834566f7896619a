"""A run on this machine: articles read here, looked up in the cache, the rest sent to an
executor (this process or worker processes) in batches; outcomes in input order."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator

from newsx.io.article import Article
from newsx.records import Result
from newsx.run.cache import ResultCache
from newsx.run.core import Outcome, batched, to_record
from newsx.run.executors import Executor, Inline, Pool, in_order
from newsx.settings import Settings


def choose_executor(settings: Settings, jobs: int, batch_size: int,
                    batches: list[list[Article]]) -> Executor:
    """Worker processes when there are `jobs` > 1 and more than one batch to share (one
    process reads a stream at once); this process otherwise."""
    if jobs > 1 and len(batches) > 1:
        return Pool(settings, jobs, batch_size)
    return Inline(settings, batch_size)


def run_local(articles: Iterable[Article], settings: Settings, jobs: int = 1,
              batch_size: int = 64, cache: ResultCache | None = None) -> Iterator[Outcome]:
    """The outcome of every article, in input order. Cached articles skip the model; an
    article that failed is never cached (the next run tries it again)."""
    batches = batched(articles, batch_size)
    # a second batch is read ahead only where it decides whether workers pay off
    head = [b for _, b in zip(range(2 if jobs > 1 else 0), batches, strict=False)]
    executor = choose_executor(settings, jobs, batch_size, head)
    waiting: deque[tuple[list[Article], list[Result | None], list[Article]]] = deque()

    def units() -> Iterator[list[Article]]:
        for batch in itertools.chain(head, batches):
            cached: list[Result | None] = [None] * len(batch)
            if cache is not None:
                cached = cache.get_many([a.text for a in batch])
            todo = [a for a, c in zip(batch, cached, strict=True) if c is None and a.error is None]
            waiting.append((batch, cached, todo))
            yield todo

    try:
        for fresh in in_order(executor.submit, units(), executor.window):
            batch, cached, todo = waiting.popleft()
            done = {id(a): record for a, (record, _) in zip(todo, fresh, strict=True)}
            for article, hit in zip(batch, cached, strict=True):
                record = done.get(id(article)) or to_record(article, hit)
                yield record, article.warnings
            if cache is not None:
                cache.put_many([(a.text, Result(r.entities, r.topics, r.categories, r.language,
                                                [x for x in r.authors if x not in a.authors],
                                                r.quotes))
                                for a, (r, _) in zip(todo, fresh, strict=True) if r.error is None])
    finally:
        executor.close()

