"""Feedback on the process, a commitment or the site, answered in public (issue 6).

Anyone may send feedback, signed in or not, with a name to show (or none: "Anonymous") and,
optionally, a contact address. The decisions, and why:

- **Published after a moderator's look** (pre-moderation). New feedback awaits moderation: it is
  seen by those who handle feedback (government contacts, the secretariat, administrators), and
  nothing of it is public until a moderator (the secretariat or an administrator) publishes it,
  or answers it, which publishes it with its answer. This is the government's own site: abuse,
  spam or someone's personal details must not appear on it even for an hour, and the forms are
  open to anonymous senders. Moderators can also hide feedback later (abuse noticed after it was
  published), with a reason shown publicly in its place; the text, name and answer of hidden
  feedback are seen by moderators alone. States, as the permission matrix has them: awaiting
  moderation = draft, hidden = hidden.
- **Who answers**: government contacts (the government's reasoned response), the secretariat and
  administrators, for an organisation chosen on the form; feedback is answered once, publicly.
- **The contact address** is private: no page (not even a manager's), API representation,
  download or audit event holds it. It is erased as soon as it has served: once the answer is
  sent, or when the feedback is hidden (no answer will come). The e-mail says only the site's own
  words and the link, never what anyone typed: the address is not verified, so it must not be a
  way to send someone else text of one's choosing. A sender signed in without an address is told
  through their account's notifications. Their feedback is in their data download
  (`privacy.feedback_sent`), and deleting their account empties its name (`privacy.erase_for`).
- **Spam** (spam.py): a honeypot field that a filled-in submission trips silently (it looks
  accepted, so a robot learns nothing, and stores nothing), and a rate limit per client address
  (429 with Retry-After, nothing stored), before a moderator ever sees it.
- The API is read-only: feedback is sent through the form, where the honeypot and the rate limit
  stand, and handled on the managing pages."""
