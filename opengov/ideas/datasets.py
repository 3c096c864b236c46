"""The open datasets of ideas. Merged into the registry by `opengov.api.datasets`."""

from __future__ import annotations

from opengov.api.dataset_types import Dataset

IDEAS_DATASETS: dict[str, Dataset] = {}
