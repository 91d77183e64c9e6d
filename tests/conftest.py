"""Shared fixtures: the bundled sample and lexicons, built once per session."""

from __future__ import annotations

import pytest

from framing.corpus import load_sample_corpus
from framing.lexicon.model import bundled_lexicons
from framing.scoring.matcher import TermMatcher
from framing.scoring.scores import match_table


@pytest.fixture(scope="session")
def sample():
    """The bundled corpus as ``{article id: Article}``."""
    return {a.id: a for a in load_sample_corpus()}


@pytest.fixture(scope="session")
def lexicons():
    return bundled_lexicons()


@pytest.fixture(scope="session")
def matcher(lexicons):
    return TermMatcher(lexicons)


@pytest.fixture(scope="session")
def sample_matches(sample, matcher):
    return match_table(list(sample.values()), matcher=matcher)


@pytest.fixture(autouse=True, scope="session")
def isolated_store(tmp_path_factory):
    """Point the default article store at a temporary file for the whole test run.

    Commands without PATH read the store; tests must never touch the user's own.
    """
    import os

    path = tmp_path_factory.mktemp("store") / "framing.db"
    previous = os.environ.get("FRAMING_DB")
    os.environ["FRAMING_DB"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("FRAMING_DB", None)
    else:
        os.environ["FRAMING_DB"] = previous


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell a failed test
    (the browser tests then save what the page showed)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
