"""Nomination rounds for a body's seats, nominations, secret ballots and results (issue 7)."""
