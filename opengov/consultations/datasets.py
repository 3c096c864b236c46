"""The open datasets of consultations. Merged into the registry by `opengov.api.datasets`."""

from __future__ import annotations

from opengov.api.dataset_types import Dataset

CONSULTATIONS_DATASETS: dict[str, Dataset] = {}
