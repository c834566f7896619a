"""Locate the pipeline's own assets (the models/ folder), installed or in a checkout."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any


@cache
def models_dir() -> Path:
    """The installed `newsx.models` package, or models/ beside the source tree."""
    try:
        import newsx.models as pkg

        files = getattr(pkg, "__path__", None)
        if files:
            path = Path(next(iter(files)))
            if (path / "topics.toml").is_file():
                return path
    except ImportError:
        pass
    path = Path(__file__).resolve().parents[2] / "models"
    if (path / "topics.toml").is_file():
        return path
    raise FileNotFoundError(
        "newsx cannot find its models/ assets (topics.toml, gazetteer/). "
        "Reinstall newsx with `pip install .` from a complete checkout."
    )


def asset(name: str) -> Path:
    """The path of an asset under models/ (e.g. "gazetteer/places.tsv")."""
    return models_dir() / name


def load_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict."""
    with path.open("rb") as f:
        return tomllib.load(f)
