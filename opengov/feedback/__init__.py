"""Feedback on the process, a commitment or the site, answered in public (issue 6)."""
