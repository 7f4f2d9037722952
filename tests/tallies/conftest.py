"""Fixtures of the tally tests: the desk's commune with its staff (tests/desk/conftest.py)."""

from tests.desk.conftest import desk  # noqa: F401 - the fixture is used by name
