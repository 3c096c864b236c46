"""The load driver's growth budget (bench/driver_report.py): judged on the interleaved measurement
(both scales served at once) when a run has one, else on the separate phases."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH_DIR = Path(__file__).resolve().parents[3] / "bench"


@pytest.fixture(scope="module")
def report() -> Any:
    # The driver's modules import each other as scripts run from bench/ do.
    sys.path.insert(0, str(BENCH_DIR))
    try:
        yield importlib.import_module("driver_report")
    finally:
        sys.path.remove(str(BENCH_DIR))


def phase_result(scale: int, p50: dict[str, float]) -> dict[str, Any]:
    """One database at one scale, as bench/run writes it, with only what growth reads."""
    floor = p50["floor"]
    kinds = {"floor": "floor", "commitments csv": "csv"}
    c1 = {
        name: {"kind": kinds.get(name, "html"), "p50_ms": value, "p50_vs_floor": value / floor}
        for name, value in p50.items()
    }
    return {"database": {"engine": "postgresql"}, "scale": scale, "routes": {"c1": c1}}


# The shape of the last full run on PostgreSQL: the machine slowed down between the phases (the
# floor, which runs no query, went 1.27 ×), and two routes came out over 1.3 ×.
DRIFTED = [
    phase_result(1, {"floor": 4.2, "plan": 3.1, "api idea": 2.9, "commitments csv": 62}),
    phase_result(100, {"floor": 5.3, "plan": 4.4, "api idea": 4.1, "commitments csv": 4956}),
]


def paired(report: Any, p50: dict[str, tuple[float, float]]) -> dict[str, Any]:
    kinds = {"floor": "floor"}
    routes = {
        name: report.interleaved_entry(
            kinds.get(name, "html"),
            [
                {"p50_ms": low, "p95_ms": low * 2, "count": 900, "errors": 0},
                {"p50_ms": high, "p95_ms": high * 2, "count": 899, "errors": 0},
            ],
        )
        for name, (low, high) in p50.items()
    }
    return {
        "postgresql": {
            "from_scale": 1,
            "to_scale": 100,
            "seconds_per_route": 20,
            "started_at": "2026-11-27T18:40:00+0000",
            "finished_at": "2026-11-27T18:52:00+0000",
            "routes": routes,
        }
    }


def growth_budget(report: Any, results: list[dict[str, Any]], interleaved: Any) -> dict:
    grown = report.growth(results, interleaved)
    (budget,) = [b for b in report.budgets(results, grown) if b["budget"].startswith("Growth")]
    return budget


def test_without_an_interleaved_measurement_the_separate_phases_are_judged(report: Any) -> None:
    budget = growth_budget(report, DRIFTED, None)

    assert budget["status"] == "FAIL"
    assert budget["failures"] == ["plan: 1.42 ×", "api idea: 1.41 ×"]
    assert "separate phases" in budget["scope"]


def test_the_interleaved_ratio_is_judged_when_the_run_measured_it(report: Any) -> None:
    interleaved = paired(report, {"floor": (4.0, 4.1), "plan": (3.0, 3.2), "api idea": (2.8, 3.0)})

    budget = growth_budget(report, DRIFTED, interleaved)

    assert budget["status"] == "PASS"
    assert budget["scope"] == "S=1 → S=100, interleaved"
    grown = report.growth(DRIFTED, interleaved)["postgresql"]
    assert grown["routes"]["plan"]["ratio"] == 1.42  # the phases' figure is kept alongside
    assert grown["routes"]["plan"]["interleaved"]["ratio"] == 1.07


def test_an_interleaved_ratio_over_the_budget_fails_and_names_the_route(report: Any) -> None:
    interleaved = paired(report, {"floor": (4.0, 4.0), "plan": (3.0, 4.2), "api idea": (2.8, 2.9)})

    budget = growth_budget(report, DRIFTED, interleaved)

    assert budget["status"] == "FAIL"
    assert budget["failures"] == ["plan: 1.4 ×"]


def test_the_floor_is_measured_but_not_judged(report: Any) -> None:
    interleaved = paired(report, {"floor": (4.0, 6.0), "plan": (3.0, 3.0), "api idea": (3.0, 3.0)})

    budget = growth_budget(report, DRIFTED, interleaved)

    assert budget["status"] == "PASS"


def test_a_route_the_interleaved_phase_missed_fails(report: Any) -> None:
    interleaved = paired(report, {"floor": (4.0, 4.0), "plan": (3.0, 3.0)})

    budget = growth_budget(report, DRIFTED, interleaved)

    assert budget["failures"] == ["api idea: None ×"]


def test_a_route_with_no_answer_on_one_side_fails(report: Any) -> None:
    entry = report.interleaved_entry("api", [{"p50_ms": 3.0, "count": 10, "errors": 0}, None])
    assert entry == {
        "kind": "api",
        "p50_ms": [3.0, None],
        "p95_ms": [None, None],
        "count": [10, 0],
        "errors": [0, 0],
        "ratio": None,
    }
    interleaved = paired(report, {"plan": (3.0, 3.0)})
    interleaved["postgresql"]["routes"]["api idea"] = entry

    budget = growth_budget(report, DRIFTED, interleaved)

    assert budget["failures"] == ["api idea: None ×"]


def test_a_growth_only_run_is_judged_and_printed_without_phases(report: Any) -> None:
    results = [
        {"database": {"engine": "postgresql"}, "scale": scale, "counts": {}} for scale in (1, 100)
    ]
    interleaved = paired(report, {"floor": (4.0, 4.1), "plan": (3.0, 3.3)})
    grown = report.growth(results, interleaved)

    budget = growth_budget(report, results, interleaved)
    table = report.growth_table("postgresql", grown["postgresql"])

    assert budget["status"] == "PASS"
    assert "| plan | 3.0 | 3.3 | 1.10 × | 900 | 899 |" in table
    assert "phases" not in table


def test_the_markdown_says_how_growth_was_measured(report: Any) -> None:
    interleaved = paired(report, {"floor": (4.0, 4.1), "plan": (3.0, 3.2)})
    combined = {
        "stamp": "2026-11-27-1840",
        "command": "bench/run growth --scales 1,100 --postgres",
        "machine": {},
        "settings": {"seconds": 10, "workers": 2},
        "results": DRIFTED,
        "interleaved_growth": interleaved,
        "growth": report.growth(DRIFTED, interleaved),
        "budgets": [],
    }

    text = report.render(combined)

    assert "served at once by two servers, each route for 20 s" in text
    assert "| plan | 3.1 | 4.4 | 1.42 × | 1.12 × | 3.0 | 3.2 | 1.07 × | 900 | 899 |" in text


def with_full_renders(report: Any, interleaved: Any, p50: dict[str, tuple[float, float]]) -> Any:
    for name, (low, high) in p50.items():
        interleaved["postgresql"]["routes"][name]["full_render"] = report.interleaved_entry(
            "html",
            [
                {"p50_ms": low, "p95_ms": low, "count": 300, "errors": 0},
                {"p50_ms": high, "p95_ms": high, "count": 290, "errors": 0},
            ],
        )
    return interleaved


def test_full_renders_have_a_growth_budget_of_their_own(report: Any) -> None:
    """Cached pages can hide a render that grows with the data: a signed-in person gets that."""
    interleaved = with_full_renders(
        report,
        paired(report, {"floor": (4.0, 4.0), "plan": (3.0, 3.0), "api idea": (2.8, 2.8)}),
        {"floor": (4.0, 9.0), "plan": (40.0, 80.0), "api idea": (20.0, 21.0)},
    )
    grown = report.growth(DRIFTED, interleaved)

    budgets = [b for b in report.budgets(DRIFTED, grown) if b["budget"].startswith("Growth")]
    table = report.growth_table("postgresql", grown["postgresql"])

    assert [b["status"] for b in budgets] == ["PASS", "FAIL"]
    assert budgets[1]["budget"].startswith("Growth of full renders")
    assert budgets[1]["failures"] == ["plan: 2.0 ×"]
    assert "| 40.0 | 80.0 | 2.00 × | 300 | 290 |" in table


def test_a_run_without_full_renders_has_no_such_budget(report: Any) -> None:
    interleaved = paired(report, {"floor": (4.0, 4.0), "plan": (3.0, 3.0), "api idea": (2.8, 2.8)})
    grown = report.growth(DRIFTED, interleaved)

    names = [b["budget"] for b in report.budgets(DRIFTED, grown)]

    assert not any(name.startswith("Growth of full renders") for name in names)
