"""Which language a text is in: py3langid (langid.py's model, shipped in its wheel), offline.

The model takes about a second to unpack, so `preload()` starts that in a thread while the
spaCy pipeline loads (decompression releases the GIL).
"""

from __future__ import annotations

import threading
from typing import Any

from newsx.settings import LANGUAGE_MIN_CHARS

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
