"""The words that head the standard parts of minutes: actions and decisions (typos are matched
fuzzily by `text.fuzzy_label`)."""

from __future__ import annotations

ACTION_LABELS = {
    label: label
    for label in (
        "actions", "action", "action points", "action items", "actions arising", "agreed actions",
        "summary of actions", "new actions", "next steps", "action log", "outstanding actions",
        "actions and next steps", "action list", "follow up actions", "actions agreed",
        "summary of action points", "actions from this meeting", "actions and decisions",
        "key actions", "action tracker",
    )
}  # fmt: skip
DECISION_LABELS = {
    label: label
    for label in (
        "decisions", "decision", "decisions taken", "summary of decisions", "decisions made",
        "decision log", "resolutions", "agreed", "decisions agreed", "key decisions",
    )
}  # fmt: skip
