"""Every default of newsx in one place, and `Settings`: what a run needs, as plain data."""

from __future__ import annotations

from dataclasses import dataclass

MIN_SCORE = 0.3  # topics scoring below are left out
BATCH_SIZE = 64  # articles per batch
MAX_JOBS = 4  # --jobs 0 means one worker per CPU, at most this many
PIECE_CHARS = 100_000  # longer texts go through the model in pieces of at most this size
LITTLE_TEXT_WORDS = 20  # an HTML page with fewer words of main text gets a warning
LANGUAGE_MIN_CHARS = 40  # shorter texts are not language-checked


@dataclass(frozen=True)
class Settings:
    """How to build the pipeline: cheap to import, to compare and to send to worker processes.

    `model` is a resolved model (see `newsx.nlp.pipeline.resolve_model`): a package name or a path.
    """

    model: str
    topic_files: tuple[str, ...] = ()
    min_score: float = MIN_SCORE
