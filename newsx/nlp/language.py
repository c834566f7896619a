"""Which language a text is in: py3langid (langid.py's model, shipped in its wheel), offline.

The model takes about a second to unpack, so `preload()` starts that in a thread while the
spaCy pipeline loads (decompression releases the GIL).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsx.settings import LANGUAGE_MIN_CHARS

if not Doc.has_extension("newsx_language"):
    Doc.set_extension("newsx_language", default=None)

SAMPLE_CHARS = 2_000  # the language of the first characters is the text's
MIN_PROBABILITY = 0.6  # below this, the language is reported as unknown (null)

_lock = threading.Lock()
_identifier: Any = None
_thread: threading.Thread | None = None


def _load() -> None:
    global _identifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    with _lock:
        _identifier = identifier


def preload() -> None:
    """Start loading the model in the background (idempotent)."""
    global _thread
    with _lock:
        if _identifier is not None or _thread is not None:
            return
        _thread = threading.Thread(target=_load, daemon=True, name="newsx-langid")
        _thread.start()


def identifier() -> Any:
    """The py3langid identifier, waiting for `preload()` if it is loading."""
    preload()
    if _thread is not None:
        _thread.join()
    if _identifier is None:  # the thread failed: load here, so the error is raised here
        _load()
    return _identifier


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for short or uncertain texts."""
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < LANGUAGE_MIN_CHARS:
        return None
    code, probability = identifier().classify(sample)
    return str(code) if probability >= MIN_PROBABILITY else None



@Language.factory("newsx_language_v1", assigns=["doc._.newsx_language"])
def make_language(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The newsx_language component: sets `doc._.newsx_language` (ISO 639-1, or None for
    short or uncertain texts)."""
    preload()

    def set_language(doc: Doc) -> Doc:
        doc._.newsx_language = detect(doc.text)
        return doc

    return set_language
