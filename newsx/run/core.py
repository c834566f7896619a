"""The one run core: articles in, records out, in this process.

`annotate(nlp, batch)` gives the records of one batch; `process(settings, work)` is what every
executor runs (inline, in a worker process or on a Dask worker): a batch of articles, or a
`Part` of files that the worker reads itself, with the pipeline of this process
(`pipeline_for`, loaded once per process). Nothing here prints.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsx.io.article import Article
from newsx.io.parts import Part, part_articles
from newsx.nlp.pipeline import load_pipeline
from newsx.records import Error, Quote, Record, RecordWithText, Result
from newsx.settings import BATCH_SIZE, PIECE_CHARS, Settings

if TYPE_CHECKING:  # spaCy is imported only when a model is needed (not for cached runs)
    from spacy.language import Language
    from spacy.tokens import Doc

# a record and the warnings about its article, for the user
Outcome = tuple[Record, list[str]]
# what an executor runs: a batch of articles read here, or a part of files a worker reads
Work = list[Article] | Part | Article

_PIPELINES: dict[Settings, Language] = {}


def pipeline_for(settings: Settings) -> Language:
    """This process's pipeline for `settings`, loaded on first use (the one cache of them)."""
    if settings not in _PIPELINES:
        _PIPELINES[settings] = load_pipeline(settings)
    return _PIPELINES[settings]


def forget_pipelines() -> None:
    """Drops this process's pipelines (a worker that is shutting down)."""
    _PIPELINES.clear()


def batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of `size` articles (the last one shorter), lazily."""
    stream = iter(articles)
    return iter(lambda: list(itertools.islice(stream, size)), [])


def process(settings: Settings, work: Work, batch_size: int = BATCH_SIZE) -> list[Outcome]:
    """The records of one unit of work, in order, with their articles' warnings."""
    if isinstance(work, Article):  # an input that could not even be listed
        return [(to_record(work, None), work.warnings)]
    articles = work if isinstance(work, list) else part_articles(work)
    out: list[Outcome] = []
    for batch in batched(articles, batch_size):
        todo = [a for a in batch if a.error is None]
        records = iter(annotate(pipeline_for(settings), todo) if todo else [])
        for article in batch:
            record = to_record(article, None) if article.error else next(records)
            out.append((record, article.warnings))
    return out


def annotate(nlp: Language, batch: list[Article], piece_chars: int = PIECE_CHARS) -> list[Record]:
    """Records for one batch of articles. Texts over `piece_chars` go through the model in
    pieces, and the rest in groups of at most 2 * piece_chars characters, so that memory
    stays bounded whatever the size of an article."""
    results: dict[int, Result | Error] = {}
    group: list[Article] = []
    chars = 0
    for article in (a for a in batch if a.error is None):
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
        docs = list(nlp.pipe((a.text for a in group), batch_size=max(1, len(group))))
    except Exception:  # one bad article must not cost the others: one at a time
        return {id(a): _guarded(lambda a: result_of(nlp(a.text)), a) for a in group}
    return {id(a): result_of(doc) for a, doc in zip(group, docs, strict=True)}


def result_of(doc: Doc) -> Result:
    """What the pipeline found in a Doc (`nlp(text)`), as the record and the cache hold it."""
    return Result(doc._.newsx_entities or [], doc._.newsx_topics or [],
                  doc._.newsx_categories or [], doc._.newsx_language,
                  list(doc._.get("newsx_authors") or []), list(doc._.get("newsx_quotes") or []))


def _guarded(analyse: Callable[[Article], Result], article: Article) -> Result | Error:
    """The result, or an error for the record (this article only) when the pipeline fails."""
    try:
        return analyse(article)
    except Exception as e:
        return Error("ProcessingError", f"{article.id}: the pipeline failed on this article "
                     f"({type(e).__name__}: {e}); please report it with the input")


def analyse_long(nlp: Language, text: str, piece_chars: int = PIECE_CHARS) -> Result:
    """A long text, one piece at a time: entities merged over the pieces, topic evidence
    added up over them (the topic component's `add` and `score`). Memory depends on the piece
    size and the number of mentions, not on the length of the text."""
    from newsx.nlp.entities import combine
    from newsx.nlp.reflow import plain_tokenizer, unwrap
    from newsx.nlp.topics import TopicScorer, categories

    scorer = nlp.get_pipe("newsx_topics")
    assert isinstance(scorer, TopicScorer)
    tokenize = plain_tokenizer(nlp)  # the whole text is unwrapped once, before it is cut
    pieces = (tokenize(piece) for piece in split_text(unwrap(text), piece_chars))
    tally: Any = None
    offset, parts, language = 0, [], None
    authors: list[str] = []
    quotes: list[Quote] = []
    for i, doc in enumerate(nlp.pipe(pieces, batch_size=1, disable=["newsx_topics"])):
        parts.append((offset, doc._.newsx_entities or []))
        tally = scorer.add(doc, offset, tally)
        language = doc._.newsx_language if i == 0 else language  # from the text's start
        authors += doc._.get("newsx_authors") or []  # "By ..." first, "Reporting by ..." last
        quotes += shifted(doc._.get("newsx_quotes") or [], offset, len(quotes))
        offset += len(doc.text)
    topics = scorer.score(tally) if tally is not None else []
    return Result(combine(parts), topics, categories(topics), language,
                  list(dict.fromkeys(authors)), quotes)


def shifted(quotes: list[Quote], offset: int, index: int) -> list[Quote]:
    """A piece's quotes with offsets into the whole text, and the indices of the quotes
    they continue counted in the whole list."""
    import msgspec

    def move(span: Any) -> Any:
        return None if span is None else msgspec.structs.replace(
            span, start=span.start + offset, end=span.end + offset)

    return [msgspec.structs.replace(
        q, start=q.start + offset, end=q.end + offset, cue=move(q.cue), source=move(q.source),
        continues=None if q.continues is None else q.continues + index) for q in quotes]


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
    """The record of an article: what the pipeline found, or why it could not."""
    error = result if isinstance(result, Error) else None
    if article.error is not None:
        error = Error(article.error.type, article.error.message)
    kind = RecordWithText if article.keep_text else Record
    record = kind(id=article.id, source=article.source, title=article.title, url=article.url,
                  date=article.date, authors=list(article.authors), error=error,
                  date_raw=article.date_raw)
    if isinstance(record, RecordWithText):
        record.text = article.text
    if isinstance(result, Result) and error is None:
        record.entities, record.topics = result.entities, result.topics
        record.categories, record.language = result.categories, result.language
        record.authors = list(dict.fromkeys([*article.authors, *result.authors]))
        record.quotes = result.quotes
    return record
