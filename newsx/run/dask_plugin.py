"""The Dask worker plugin that preloads newsx's pipeline (imported only where Dask is)."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from newsx.run.core import forget_pipelines, pipeline_for
from newsx.settings import Settings


class PipelinePlugin(WorkerPlugin):
    """Loads newsx's pipeline when a worker starts, once per worker process."""

    name = "newsx-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        """Loads the pipeline."""
        pipeline_for(self.settings)

    def teardown(self, worker: Any) -> None:
        """Drops it."""
        forget_pipelines()
