"""Build the spaCy pipeline and run it over articles in this process: `load_pipeline()`,
`annotate()` and `extract()`. Nothing here prints; `newsx.run.local` adds workers and the cache."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsx.errors import ModelError
from newsx.io.read import Article
from newsx.nlp import language
from newsx.nlp.choice import INSTALL_HINT, resolve_model
from newsx.nlp.reflow import unwrap
from newsx.records import Error, Record, Result
from newsx.settings import BATCH_SIZE, PIECE_CHARS, Settings

if TYPE_CHECKING:  # spaCy is imported only when a model is needed (not for cached runs)
    from spacy.language import Language
    from spacy.tokens import Doc

# Components whose output newsx never reads: not loaded at all.
UNUSED = ["parser", "tagger", "lemmatizer", "attribute_ruler", "senter", "morphologizer"]
NEWSX_PIPES = ("newsx_entity_repair", "newsx_entities", "newsx_topics")


def load_pipeline(settings: Settings | str | None = None) -> Language:
    """A new pipeline: the model's NER (and what it listens to), then newsx's components.

    `settings` may be Settings, a model name or path, or None for the default model. Every
    call builds its own pipeline: callers may change it without touching anyone else's.
    """
    import spacy

    # importing the modules registers newsx's factories
    from newsx.nlp import entities, repair, topics  # noqa: F401

    if not isinstance(settings, Settings):
        settings = Settings(resolve_model(settings))
    language.preload()  # unpacks while spaCy loads
    name = settings.model
    try:
        nlp = spacy.load(name, exclude=UNUSED)
    except (OSError, ValueError) as e:
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
        "newsx_topics_v2",
        name="newsx_topics",
        config={"extra": list(settings.topic_files), "min_score": settings.min_score},
    )
    return nlp


def _feeds_ner(nlp: Language, pipe_name: str) -> bool:
    if pipe_name == "ner" or "ruler" in pipe_name:
        return True
    listeners = getattr(nlp.get_pipe(pipe_name), "listening_components", None)
    return bool(listeners and "ner" in listeners)


def batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    stream = iter(articles)
    return iter(lambda: list(itertools.islice(stream, size)), [])


def extract(
    nlp: Language, articles: Iterable[Article], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Article, Record]]:
    """(article, record) for every article, in order, processed in this process."""
    for batch in batched(articles, batch_size):
        yield from zip(batch, annotate(nlp, batch), strict=True)


def annotate(nlp: Language, batch: list[Article], piece_chars: int = PIECE_CHARS) -> list[Record]:
    """Records for one batch of articles. Texts over `piece_chars` go through the model in
    pieces, and the rest in groups of at most 2 * piece_chars characters, so that memory
    stays bounded whatever the size of an article."""
    results: dict[int, Result | Error] = {}
    group: list[Article] = []
    chars = 0
    todo = [a for a in batch if a.error is None]
    for article in todo:
        if len(article.text) > piece_chars:
            results[id(article)] = _guarded(lambda a: analyse_long(nlp, a.text, piece_chars),
                                            article)
            continue
        if group and chars + len(article.text) > 2 * piece_chars:
            results.update(_analyse_group(nlp, group))
            group, chars = [], 0
        group.append(article)
        chars += len(article.text)
    results.update(_analyse_group(nlp, group))
    return [to_record(a, results.get(id(a))) for a in batch]


def _analyse_group(nlp: Language, group: list[Article]) -> dict[int, Result | Error]:
    try:
        docs = list(nlp.pipe((unwrap(a.text) for a in group), batch_size=max(1, len(group))))
    except Exception:  # one bad article must not cost the others: one at a time
        return {id(a): _guarded(lambda a: _result(a, nlp(unwrap(a.text))), a) for a in group}
    return {id(a): _result(a, doc) for a, doc in zip(group, docs, strict=True)}


def _result(article: Article, doc: Doc) -> Result:
    return Result(doc._.newsx_entities or [], doc._.newsx_topics or [],
                  doc._.newsx_categories or [], language.detect(article.text))


def _guarded(analyse: Callable[[Article], Result], article: Article) -> Result | Error:
    """The result, or an error for the record (this article only) when the pipeline fails."""
    try:
        return analyse(article)
    except Exception as e:
        return Error("ProcessingError", f"{article.id}: the pipeline failed on this article "
                     f"({type(e).__name__}: {e}); please report it with the input")


def analyse_long(nlp: Language, text: str, piece_chars: int = PIECE_CHARS) -> Result:
    """A long text, one piece at a time: entities merged over the pieces, topic evidence
    added up over them. Memory depends on the piece size and the number of mentions, not on
    the length of the text."""
    from newsx.nlp.entities import combine
    from newsx.nlp.topics import TopicScorer, categories

    scorer = nlp.get_pipe("newsx_topics")
    assert isinstance(scorer, TopicScorer)
    tally = None
    offset = 0
    parts = []
    docs = nlp.pipe(split_text(unwrap(text), piece_chars), batch_size=1, disable=["newsx_topics"])
    for doc in docs:  # a Doc's text is its piece exactly, so the offsets add up
        parts.append((offset, doc._.newsx_entities or []))
        tally = scorer.add(doc, offset, tally)
        offset += len(doc.text)
    topics = scorer.score(tally) if tally is not None else []
    return Result(combine(parts), topics, categories(topics), language.detect(text))


def split_text(text: str, limit: int) -> Iterator[str]:
    """Pieces of at most `limit` characters, cut after a paragraph, else a line, else a
    sentence, else a space, in the second half of the piece."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > limit // 2:
                cut += len(sep)
                break
        if cut <= limit // 2:
            cut = limit
        yield text[start : start + cut]
        start += cut
    yield text[start:]


def to_record(article: Article, result: Result | Error | None) -> Record:
    record = Record(
        id=article.id, source=article.source, title=article.title, url=article.url,
        date=article.date, error=result if isinstance(result, Error) else article.error,
    )
    if isinstance(result, Result) and article.error is None:
        record.entities, record.topics = result.entities, result.topics
        record.categories, record.language = result.categories, result.language
    return record
