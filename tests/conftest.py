"""Shared fixtures: the codebook, and databases built into temporary folders (never data/survey.duckdb)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from survey import codebook as cb  # noqa: E402
from survey.build import build  # noqa: E402
from survey.filters import Filters  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SMALL_CSV = FIXTURES / "responses_small.csv"


@pytest.fixture(scope="session")
def codebook() -> cb.Codebook:
    return cb.load()


@pytest.fixture(scope="session")
def no_filters(codebook) -> dict:
    return Filters().params(codebook)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The database of the reconstructed responses, built once for the session."""
    return build(ROOT / "data" / "responses.csv", tmp_path_factory.mktemp("seed") / "survey.duckdb").path


@pytest.fixture(scope="session")
def small_db(tmp_path_factory) -> Path:
    """The database of the ten hand-made respondents in tests/fixtures/responses_small.csv."""
    return build(SMALL_CSV, tmp_path_factory.mktemp("small") / "survey.duckdb").path


@pytest.fixture
def seed_env(seed_db, monkeypatch) -> Path:
    """SURVEY_DB points at the seed database, as the app and the command line read it."""
    monkeypatch.setenv("SURVEY_DB", str(seed_db))
    return seed_db


@pytest.fixture
def published_db(tmp_path) -> Path:
    """A database of the small fixture, in a folder of its own, to be rebuilt or broken by a test."""
    return build(SMALL_CSV, tmp_path / "survey.duckdb").path


def copy_fixture(tmp_path: Path) -> Path:
    target = tmp_path / "responses.csv"
    shutil.copy(SMALL_CSV, target)
    return target


@pytest.fixture
def exact_counts(tmp_path, monkeypatch):
    """The project's rules with no noise in any wave's counts (survey.protection), here and in the command
    line the test runs: for tests of arithmetic on hand-counted imported waves."""
    rules = tmp_path / "statistics.yaml"
    text = (ROOT / "data" / "statistics.yaml").read_text(encoding="utf-8")
    rules.write_text(text.replace("\nperturbation: imported", "\nperturbation: none"), encoding="utf-8")
    monkeypatch.setenv("SURVEY_STATISTICS", str(rules))
    yield rules
