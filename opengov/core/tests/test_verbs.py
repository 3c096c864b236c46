"""Every audit verb a service records has a readable label for histories and feeds."""

import re
from pathlib import Path

from opengov.core.verbs import VERB_LABELS, verb_label

ROOT = Path(__file__).resolve().parents[2]


def recorded_verbs() -> set[str]:
    verbs: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        verbs |= set(re.findall(r'verb="([a-z_]+\.[a-z_]+\.[a-z_]+)"', path.read_text()))
    return verbs


def test_every_recorded_verb_has_a_label():
    verbs = recorded_verbs()
    assert len(verbs) > 20
    assert verbs - set(VERB_LABELS) == set()


def test_unknown_verbs_fall_back_to_their_code():
    assert verb_label("something.new.happened") == "something.new.happened"
