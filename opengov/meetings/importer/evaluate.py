"""Measure the extractor against notes with hand-written expected JSON.

A corpus is a folder of notes (`name.txt|.md|.html|.docx`, or anything else) each beside a
`name.expected.json` in the `Extraction.to_json()` shape (section `text`, update `title`/`text`
and `warnings` may be left out: they are not compared). Items are matched one to one, per field:

- meeting title and date: exact (each a single item when not null);
- attendees: name + organisation + role; apologies: name + organisation (case and spacing aside);
- sections: heading; commitment updates: number;
- decisions: text, fuzzy ratio ≥ 90 (rapidfuzz); action items: text ratio ≥ 85, owner and due
  exact.

Precision, recall and F1 per field and micro-averaged over all fields (true positives, false
positives and false negatives summed)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

FIELDS = (
    "title", "date", "attendees", "apologies", "sections", "commitment_updates", "decisions",
    "action_items",
)  # fmt: skip
EXPECTED_SUFFIX = ".expected.json"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    files: dict[str, dict[str, Counts]] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.fields.values():
            total.add(counts)
        return total

    def as_dict(self) -> dict[str, Any]:
        def row(c: Counts) -> dict[str, float | int]:
            return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4), "f1": round(c.f1, 4)}  # fmt: skip

        return {
            "fields": {name: row(c) for name, c in self.fields.items()},
            "total": row(self.total),
            "files": {
                name: {f: row(c) for f, c in counts.items()} for name, counts in self.files.items()
            },
            "misses": self.misses,
        }


def _clean(value: Any) -> str:
    return " ".join(str(value).replace("’", "'").split()).casefold() if value is not None else ""


def _match(
    expected: list[Any], actual: list[Any], same: Callable[[Any, Any], bool], label: str,
    misses: list[str],
) -> Counts:  # fmt: skip
    """Greedy one-to-one matching in order; what is left over is a miss."""
    unmatched = list(actual)
    counts = Counts()
    for item in expected:
        hit = next((a for a in unmatched if same(item, a)), None)
        if hit is None:
            counts.fn += 1
            misses.append(f"{label}: missing {item!r}")
        else:
            unmatched.remove(hit)
            counts.tp += 1
    counts.fp = len(unmatched)
    misses.extend(f"{label}: unexpected {a!r}" for a in unmatched)
    return counts


def _same_action(e: dict[str, Any], a: dict[str, Any]) -> bool:
    return (
        fuzz.ratio(_clean(e.get("text")), _clean(a.get("text"))) >= 85
        and _clean(e.get("owner")) == _clean(a.get("owner"))
        and _clean(e.get("due")) == _clean(a.get("due"))
    )


def compare(
    expected: dict[str, Any], actual: dict[str, Any]
) -> tuple[dict[str, Counts], list[str]]:
    """Per-field counts for one note, and a readable list of what did not match."""
    misses: list[str] = []
    counts: dict[str, Counts] = {}
    for key in ("title", "date"):
        e, a = (expected.get("meeting") or {}).get(key), (actual.get("meeting") or {}).get(key)
        counts[key] = _match([e] if e else [], [a] if a else [],
                             lambda x, y: _clean(x) == _clean(y), key, misses)  # fmt: skip
    rules: dict[str, Callable[[Any, Any], bool]] = {
        "attendees": lambda e, a: all(
            _clean(e.get(k)) == _clean(a.get(k)) for k in ("name", "organisation", "role")
        ),
        "apologies": lambda e, a: all(
            _clean(e.get(k)) == _clean(a.get(k)) for k in ("name", "organisation")
        ),
        "sections": lambda e, a: _clean(e.get("heading")) == _clean(a.get("heading")),
        "commitment_updates": lambda e, a: _clean(e.get("number")) == _clean(a.get("number")),
        "decisions": lambda e, a: fuzz.ratio(_clean(e.get("text")), _clean(a.get("text"))) >= 90,
        "action_items": _same_action,
    }
    for key, same in rules.items():
        counts[key] = _match(expected.get(key) or [], actual.get(key) or [], same, key, misses)
    return counts, misses


def corpus_files(directory: Path) -> list[tuple[Path, Path]]:
    """(note, expected JSON) pairs in a folder, sorted by name."""
    pairs = []
    for path in sorted(directory.iterdir()):
        if path.name.endswith(EXPECTED_SUFFIX) or not path.is_file():
            continue
        expected = path.with_name(path.name.rsplit(".", 1)[0] + EXPECTED_SUFFIX)
        if expected.exists():
            pairs.append((path, expected))
    return pairs


def evaluate_dir(directory: Path | str) -> Report:
    """Run `extract` on every note of a corpus folder and compare with its expected JSON."""
    from . import extract

    report = Report()
    for note, expected_path in corpus_files(Path(directory)):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        options = expected.get("options") or {}
        import datetime

        given = options.get("meeting_date")
        actual = extract(
            note.read_bytes(),
            filename=note.name,
            meeting_date=datetime.date.fromisoformat(given) if given else None,
            series=options.get("series"),
        ).to_json()
        counts, misses = compare(expected, actual)
        report.files[note.name] = counts
        if misses:
            report.misses[note.name] = misses
        for key, value in counts.items():
            report.fields[key].add(value)
    return report


def format_table(report: Report) -> str:
    """The report as a fixed-width table, one line per field and a micro-averaged total."""
    lines = [f"{'field':<20}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'f1':>7}"]
    rows = [*report.fields.items(), ("TOTAL (micro)", report.total)]
    for name, c in rows:
        lines.append(
            f"{name:<20}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.precision:>11.3f}{c.recall:>8.3f}{c.f1:>7.3f}"
        )
    return "\n".join(lines)
