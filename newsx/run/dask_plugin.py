"""The Dask worker plugin (imported only when Dask is installed and used)."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from newsx.settings import Settings


class PipelinePlugin(WorkerPlugin):
    """Loads newsx's pipeline when a worker starts, once per worker process."""

    name = "newsx-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        from newsx.run.dask import pipeline_for

        pipeline_for(self.settings)

    def teardown(self, worker: Any) -> None:
        from newsx.run.dask import _PIPELINES

        _PIPELINES.pop(self.settings, None)
