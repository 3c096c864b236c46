"""opengov: run an Open Government Partnership process in public."""
