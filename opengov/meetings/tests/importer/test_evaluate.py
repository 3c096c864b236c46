"""The extractor measured on the hand-written corpus, and the measurement itself."""

from __future__ import annotations

from pathlib import Path

from opengov.meetings.importer.evaluate import compare, corpus_files, evaluate_dir, format_table

CORPUS = Path(__file__).parent / "corpus"


def test_corpus_precision_and_recall_at_least_0_9():
    report = evaluate_dir(CORPUS)
    print()
    print(format_table(report))
    assert len(report.files) >= 15
    assert report.total.precision >= 0.9, report.misses
    assert report.total.recall >= 0.9, report.misses


def test_corpus_has_every_format_and_an_expected_file_for_each_note():
    notes = [note for note, _ in corpus_files(CORPUS)]
    assert {note.suffix for note in notes} >= {".txt", ".md", ".html", ".docx"}
    strays = [p for p in CORPUS.iterdir() if not p.name.endswith(".expected.json")]
    assert len(strays) == len(notes)


def test_compare_counts_true_and_false_positives_and_misses():
    expected = {
        "meeting": {"title": "Board", "date": "2020-01-02"},
        "attendees": [
            {"name": "Ann Lee", "organisation": "X", "role": "chair"},
            {"name": "Bo Chan", "organisation": None, "role": "attendee"},
        ],
        "decisions": [{"text": "The board agreed the budget."}],
        "action_items": [{"text": "Ann to write to the minister", "owner": "Ann", "due": None}],
    }
    actual = {
        "meeting": {"title": "Board", "date": "2020-01-03"},
        "attendees": [
            {"name": "ann  lee", "organisation": "x", "role": "chair"},
            {"name": "Cy Dee", "organisation": None, "role": "attendee"},
        ],
        "decisions": [{"text": "The board agreed the budget"}],
        "action_items": [{"text": "Ann to write to the minister.", "owner": "Ann", "due": "ASAP"}],
    }
    counts, misses = compare(expected, actual)
    assert (counts["title"].tp, counts["date"].fp, counts["date"].fn) == (1, 1, 1)
    assert (counts["attendees"].tp, counts["attendees"].fp, counts["attendees"].fn) == (1, 1, 1)
    assert counts["decisions"].tp == 1
    assert (counts["action_items"].tp, counts["action_items"].fn) == (0, 1)
    assert any("Bo Chan" in m for m in misses)


def test_precision_recall_f1_arithmetic(tmp_path):
    (tmp_path / "a.txt").write_text("Minutes\n\nPresent: Ann Lee, Bo Chan\n\nItem 1: X\n\nY.\n")
    (tmp_path / "a.expected.json").write_text(
        '{"meeting": {"title": "Minutes", "date": null},'
        ' "attendees": [{"name": "Ann Lee", "organisation": null, "role": "attendee"}],'
        ' "sections": [{"heading": "Item 1: X"}, {"heading": "Item 2: Z"}]}'
    )
    report = evaluate_dir(tmp_path)
    attendees, sections = report.fields["attendees"], report.fields["sections"]
    assert (attendees.tp, attendees.fp, attendees.precision) == (1, 1, 0.5)
    assert (sections.tp, sections.fn, sections.recall) == (1, 1, 0.5)
    total = report.total
    assert (total.tp, total.fp, total.fn) == (3, 1, 1)
    assert (total.precision, total.recall, total.f1) == (0.75, 0.75, 0.75)
    assert "TOTAL (micro)" in format_table(report)
