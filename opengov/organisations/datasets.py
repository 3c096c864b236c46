"""The open datasets of posts, tenures and network projects. Merged into the registry by
`opengov.api.datasets`."""

from __future__ import annotations

from opengov.api.dataset_types import Dataset

ORGANISATIONS_DATASETS: dict[str, Dataset] = {}
