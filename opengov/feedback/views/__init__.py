"""Pages of feedback: public (the form, the list, a feedback page) and managing (the inbox,
answering, moderating)."""
