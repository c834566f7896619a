"""How to build the pipeline, as plain data: cheap to import, to pass to worker processes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Settings:
    """What `load_pipeline()` is called with: enough to build the pipeline in a worker."""

    model: str | None = None
    topic_files: tuple[str, ...] = ()
    min_score: float = 0.3

    def load(self) -> Language:
        from newsx.pipeline import load_pipeline

        return load_pipeline(self.model, self.topic_files, self.min_score)
