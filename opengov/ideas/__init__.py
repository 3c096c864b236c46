"""Calls for ideas, ideas, supports, comments, prioritisation and reasoned responses (issue 6)."""
