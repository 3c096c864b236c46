"""Consultations on a draft document, comment by paragraph, answers and revisions (issue 6)."""
