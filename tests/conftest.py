from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from typer.testing import CliRunner

import newsx.run.core
from newsx.nlp.pipeline import resolve_model
from newsx.run.core import load_pipeline
from newsx.settings import Settings

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "samples"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default pipeline, loaded once per test session."""
    return load_pipeline()


@pytest.fixture(autouse=True)
def one_pipeline_per_session(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[None]:
    """Commands run in this process (CliRunner) get the session's pipeline when they ask for
    the default settings, instead of loading the model again for every test."""
    real = newsx.run.core.load_pipeline
    default = Settings(resolve_model(None))

    def load(settings: Settings) -> Language:
        if settings == default:
            return request.getfixturevalue("nlp")
        return real(settings)

    monkeypatch.setattr(newsx.run.core, "load_pipeline", load)
    newsx.run.core.forget_pipelines()  # each test asks for its pipeline again
    yield
    newsx.run.core.forget_pipelines()


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
