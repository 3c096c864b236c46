"""The open datasets of events and collective actions. Merged into the registry by
`opengov.api.datasets`."""

from __future__ import annotations

from opengov.api.dataset_types import Dataset

COLLECTIVE_ACTIONS_DATASETS: dict[str, Dataset] = {}
