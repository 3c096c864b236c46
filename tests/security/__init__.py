"""Security tests: the attack list of issue 5, each a test that fails if the hole exists."""
