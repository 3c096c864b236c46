"""Events (OGP summits and other gatherings) and collective actions with their sign-ups and quorum
(issue 7)."""
