"""The open datasets of nominations and elections. Merged into the registry by
`opengov.api.datasets`."""

from __future__ import annotations

from opengov.api.dataset_types import Dataset

NOMINATIONS_DATASETS: dict[str, Dataset] = {}
