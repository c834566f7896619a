"""Where the run core's work runs: one interface, three places.

An executor takes units of work (`newsx.run.core.Work`) with `submit()` and gives back a handle
whose `result()` is the unit's outcomes (records with their warnings). `in_order()` keeps a
bounded number of units in flight and yields their outcomes in input order, whatever the
executor: `Inline` (this process), `Pool` (worker processes; a worker that dies costs at most
the articles it was reading, never a hang) and `newsx.run.dask.DaskExecutor`.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol, TypeVar

from newsx.io.article import Article
from newsx.records import Error, Record
from newsx.run.core import Outcome, Work, pipeline_for, process, to_record
from newsx.settings import BATCH_SIZE, Settings

RECYCLE_AFTER = 16  # units (batches) a pool runs before new workers, forked afresh, take over:
# spaCy's string store grows in a long-lived process


T = TypeVar("T", covariant=True)


class Handle(Protocol[T]):
    """A submitted unit of work."""

    def result(self) -> T:
        """The unit's outcomes, waiting for them if need be."""
        ...


class Executor(Protocol):
    """Runs units of work somewhere; `workers` say how many run at once, `window` how many
    may be in flight (beyond that the oldest is waited for)."""

    workers: int
    window: int

    def submit(self, work: Work) -> Handle[list[Outcome]]:
        """Starts a unit of work."""
        ...

    def close(self) -> None:
        """Stops the workers."""
        ...


U = TypeVar("U")


def in_order(submit: Callable[[Work], Handle[U]], units: Iterable[Work],
             window: int) -> Iterator[U]:
    """The result of each unit in input order, with at most `window` units in flight (2 per
    worker, say), so that memory does not grow with the input."""
    pending: deque[Handle[U]] = deque()
    for work in units:
        pending.append(submit(work))
        while len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class Done:
    """A unit that was run when it was submitted."""

    def __init__(self, outcomes: list[Outcome]) -> None:
        self.outcomes = outcomes

    def result(self) -> list[Outcome]:
        """The outcomes."""
        return self.outcomes


class Inline:
    """Runs each unit in this process when it is submitted."""

    workers = window = 1  # a record is written before the next article is read

    def __init__(self, settings: Settings, batch_size: int = BATCH_SIZE) -> None:
        self.settings, self.batch_size = settings, batch_size

    def submit(self, work: Work) -> Handle[list[Outcome]]:
        """Runs the unit now."""
        return Done(process(self.settings, work, self.batch_size))

    def close(self) -> None:
        """Nothing to stop."""


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


class Pool:
    """Worker processes, forked from this one after it loaded the pipeline (so that no
    worker loads it again; spawned where fork is missing). A unit whose worker dies is run
    again once in new workers; if that dies too, each of its articles is run alone, and an
    article that kills its worker every time becomes a `WorkerDied` error record. Workers
    are replaced after `recycle_after` units, so a long run's memory stays flat."""

    def __init__(self, settings: Settings, jobs: int, batch_size: int = BATCH_SIZE,
                 recycle_after: int = RECYCLE_AFTER) -> None:
        self.settings, self.workers, self.batch_size = settings, jobs, batch_size
        self.window = 2 * jobs
        self.recycle_after = recycle_after
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.pool: ProcessPoolExecutor | None = None
        self.generation = 0  # which pool: a failure on an old one does not restart the new
        self.submitted = 0

    def _current(self) -> ProcessPoolExecutor:
        if self.pool is not None and self.submitted >= self.recycle_after:
            self.pool.shutdown(wait=False)  # its running units finish; new ones go to new workers
            self.pool = None
        if self.pool is None:
            if self.context.get_start_method() == "fork":
                pipeline_for(self.settings)  # loaded once here, inherited by every worker
            self.pool = ProcessPoolExecutor(self.workers, mp_context=self.context,
                                            initializer=_worker_init)
            self.generation += 1
            self.submitted = 0
        return self.pool

    def _start(self, work: Work) -> tuple[Future[list[Outcome]], int]:
        try:
            future = self._current().submit(process, self.settings, work, self.batch_size)
        except BrokenProcessPool:  # a worker died since the last unit was sent: new workers
            self._broken(self.generation)
            future = self._current().submit(process, self.settings, work, self.batch_size)
        self.submitted += 1
        return future, self.generation

    def _broken(self, generation: int) -> None:
        """The pool of `generation` lost a worker: new workers for what follows."""
        if generation == self.generation and self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def submit(self, work: Work) -> Handle[list[Outcome]]:
        """Sends the unit to a worker (nothing to do: answered here)."""
        if isinstance(work, list) and not any(a.error is None for a in work):
            return Done(process(self.settings, work, self.batch_size))
        return PoolHandle(self, work, *self._start(work))

    def run_again(self, work: Work, generation: int) -> list[Outcome]:
        """A unit whose worker died: once more, then article by article."""
        self._broken(generation)
        future, generation = self._start(work)
        try:
            return future.result()
        except BrokenProcessPool:
            self._broken(generation)
        if not isinstance(work, list | Article):  # a part of files: not ours to split
            raise BrokenProcessPool(f"a worker died twice on {work}")
        out: list[Outcome] = []
        for article in work if isinstance(work, list) else [work]:
            future, generation = self._start([article])
            try:
                out += future.result()
            except BrokenProcessPool:
                self._broken(generation)
                out.append((_died(article), article.warnings))
        return out

    def close(self) -> None:
        """Stops the workers at once (pending units are dropped)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class PoolHandle:
    """A unit sent to a pool's worker."""

    def __init__(self, pool: Pool, work: Work, future: Future[list[Outcome]],
                 generation: int) -> None:
        self.pool, self.work, self.future, self.generation = pool, work, future, generation

    def result(self) -> list[Outcome]:
        """The outcomes; the unit is run again if its worker died."""
        try:
            return self.future.result()
        except BrokenProcessPool:
            return self.pool.run_again(self.work, self.generation)


def _died(article: Article) -> Record:
    return to_record(article, Error(
        "WorkerDied", f"{article.id}: the worker process reading this article died twice "
        "(killed, out of memory, or a crash in native code); the rest of the run went on"))
