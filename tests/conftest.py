from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from typer.testing import CliRunner

from newsx.pipeline import load_pipeline

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "samples"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default pipeline, loaded once per session (the CLI reuses the same cached object)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def blank() -> Language:
    return spacy.blank("en")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def data() -> Path:
    return DATA


@pytest.fixture()
def summit() -> Path:
    return SAMPLES / "summit-talks.txt"
