"""The open datasets of feedback. Merged into the registry by `opengov.api.datasets`."""

from __future__ import annotations

from opengov.api.dataset_types import Dataset

FEEDBACK_DATASETS: dict[str, Dataset] = {}
