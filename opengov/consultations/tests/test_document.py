"""Splitting a document into paragraphs, carrying keys across versions, and the differences."""

from opengov.consultations.document import compare, match_keys, split_blocks, word_pieces


def test_split_blocks_keeps_lists_and_headings_whole():
    text = "# Title\n\nFirst paragraph\nwith two lines.\n\n\n- one\n- two\n\n  \n> quote"
    assert split_blocks(text) == [
        "# Title",
        "First paragraph\nwith two lines.",
        "- one\n- two",
        "> quote",
    ]


def test_split_blocks_of_blank_text_is_empty():
    assert split_blocks(" \n\n \r\n ") == []


def test_unchanged_paragraphs_keep_their_keys():
    old = [("a", "One."), ("b", "Two."), ("c", "Three.")]
    keys = match_keys(old, ["One.", "New paragraph entirely.", "Two.", "Three."])
    assert keys[0] == "a" and keys[2] == "b" and keys[3] == "c"
    assert keys[1] not in {"a", "b", "c"}


def test_a_lightly_edited_paragraph_keeps_its_key_a_rewritten_one_does_not():
    old = [("a", "We will publish minutes within two weeks of each meeting."), ("b", "Intro.")]
    edited = match_keys(old, ["We will publish minutes within ten days of each meeting.", "Intro."])
    assert edited[0] == "a"
    rewritten = match_keys(old, ["Budgets appear quarterly in open formats always.", "Intro."])
    assert rewritten[0] != "a" and rewritten[1] == "b"


def test_a_moved_paragraph_keeps_its_key():
    old = [("a", "Alpha."), ("b", "Beta."), ("c", "Gamma.")]
    assert match_keys(old, ["Gamma.", "Alpha.", "Beta."]) == ["c", "a", "b"]


def test_whitespace_changes_do_not_change_the_key():
    assert match_keys([("a", "One  two\nthree")], ["One two three"]) == ["a"]


def test_new_keys_are_distinct():
    keys = match_keys([], ["x", "y", "z"])
    assert len(set(keys)) == 3


def test_word_pieces_mark_added_and_removed_words():
    pieces = word_pieces("within two weeks", "within ten days")
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "within "),
        ("removed", "two weeks"),
        ("added", "ten days"),
    ]


def test_compare_by_key():
    old = [("a", "Same."), ("b", "Old text here."), ("c", "Gone.")]
    new = [("a", "Same."), ("b", "New text here."), ("d", "Added.")]
    kinds = [(c.kind, c.key) for c in compare(old, new)]
    assert kinds == [("same", "a"), ("changed", "b"), ("removed", "c"), ("added", "d")]
    changed = compare(old, new)[1]
    assert ("removed", "Old ") in [(p.kind, p.text) for p in changed.pieces]
