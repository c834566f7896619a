"""The run layer: one object that owns the pipeline, the worker processes and the cache.

    with Runner(Settings(resolve_model(None)), jobs=2, cache_path="cache.db") as runner:
        for article, record in runner.run(iter_articles(["news/"])):
            ...

Records come out in input order and are the same for every number of jobs. At most
2 * jobs batches are in flight, so memory does not grow with the number of articles. The
model is loaded only when an article needs it (a fully cached run never imports spaCy).
"""

from __future__ import annotations

import itertools
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from newsx.io.read import Article
from newsx.records import Record, Result
from newsx.run.cache import ResultCache, config_key
from newsx.run.core import annotate, batched, load_pipeline, to_record
from newsx.settings import BATCH_SIZE, Settings

if TYPE_CHECKING:
    from spacy.language import Language

Pending = tuple[list[Article], list[Result | None], list[Article], Any]


class Runner:
    def __init__(
        self,
        settings: Settings,
        jobs: int = 1,
        batch_size: int = BATCH_SIZE,
        cache_path: str | Path | None = None,
    ) -> None:
        self.settings = settings
        self.jobs = max(1, jobs)
        self.batch_size = batch_size
        self.cache: ResultCache | None = None
        if cache_path:
            from newsx.nlp.taxonomy import load_taxonomy

            load_taxonomy([Path(p) for p in settings.topic_files])  # a bad file: its own error
            self.cache = ResultCache(cache_path, config_key(settings))
        self._nlp: Language | None = None
        self._pool: Any = None

    @property
    def nlp(self) -> Language:
        """The pipeline, loaded on first use."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.settings)
        return self._nlp

    def check(self) -> list[str]:
        """Load what a run needs now, so that a bad model is a usage error before any output.
        With a cache the model waits until an article is not in it. Returns notes for the
        user: topics of their files that the classifier does not know."""
        from newsx.nlp.taxonomy import classifier_labels, load_taxonomy

        files = [Path(p) for p in self.settings.topic_files]
        taxonomy = load_taxonomy(files)
        if self.cache is None:
            self.nlp  # noqa: B018
        sources = {str(p) for p in files}
        alone = [t.id for t in taxonomy if t.source in sources and t.id not in classifier_labels()]
        if not alone:
            return []
        shown = ", ".join(alone[:5]) + (", ..." if len(alone) > 5 else "")
        return [f"{len(alone)} of your topics ({shown}) are not known to newsx's classifier: "
                "they score from their terms alone"]

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Record]]:
        """(article, record) for every article, in input order; failed inputs get an error
        record and never load the model."""
        batches = batched(articles, self.batch_size)
        # workers only pay off for more than one batch (one process reads a stream at once)
        head = [b for _, b in zip(range(2 if self.jobs > 1 else 0), batches, strict=False)]
        parallel = len(head) > 1
        pending: deque[Pending] = deque()
        for batch in itertools.chain(head, batches):
            todo, cached = self._lookup(batch)
            job = None
            if todo and parallel:
                job = self._workers().apply_async(_worker_annotate, (todo,))
            elif todo:
                job = annotate(self.nlp, todo)
            pending.append((batch, cached, todo, job))
            while len(pending) > 2 * self.jobs or (pending and not _is_async(pending[0][3])):
                yield from self._finish(pending.popleft())
        while pending:
            yield from self._finish(pending.popleft())

    def _lookup(self, batch: list[Article]) -> tuple[list[Article], list[Result | None]]:
        """The articles that need the model (no error, not cached), and the cached results."""
        cached: list[Result | None] = [None] * len(batch)
        if self.cache is not None:
            cached = self.cache.get_many([a.text for a in batch])
        todo = [a for a, c in zip(batch, cached, strict=True) if c is None and a.error is None]
        return todo, cached

    def _finish(self, item: Pending) -> Iterator[tuple[Article, Record]]:
        batch, cached, todo, job = item
        fresh: list[Record] = job.get() if _is_async(job) else (job or [])
        done = dict(zip(map(id, todo), fresh, strict=True))
        for article, hit in zip(batch, cached, strict=True):
            yield article, done.get(id(article)) or to_record(article, hit)
        if self.cache is not None:
            self.cache.put_many([  # an error record is never cached: the next run tries again
                (a.text, Result(r.entities, r.topics, r.categories, r.language))
                for a, r in zip(todo, fresh, strict=True) if r.error is None
            ])

    def _workers(self) -> Any:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            if ctx.get_start_method() == "fork":
                _worker_state["nlp"] = self.nlp  # loaded once here, shared by forked workers
            self._pool = ctx.Pool(self.jobs, initializer=_worker_init, initargs=(self.settings,))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        _worker_state.clear()
        if self.cache is not None:
            self.cache.close()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _is_async(job: Any) -> bool:
    return isinstance(job, AsyncResult)


# A worker process's own pipeline: inherited from the parent (fork) or loaded (spawn).
_worker_state: dict[str, Any] = {}


def _worker_init(settings: Settings) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    if "nlp" not in _worker_state:
        _worker_state["nlp"] = load_pipeline(settings)


def _worker_annotate(batch: list[Article]) -> list[Record]:
    return annotate(_worker_state["nlp"], batch)
