"""Shared fixtures: the codebook, and databases built into temporary folders (never data/survey.duckdb).

The tests count by hand, so they run with the project's rules but no noise in any wave's counts
(survey.stats.protection): $SURVEY_STATISTICS points at such a copy of data/statistics.yaml for the whole session,
and the command lines and servers the tests start inherit it. An imported wave's record keys are random, so
its noise would differ from run to run. The tests of the noise itself (test_protection.py, test_attacks.py)
use the project's own file: the fixture project_rules.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from survey.ingest.imports import build
from survey.model import codebook as cb
from survey.model.filters import Filters

ROOT = Path(__file__).resolve().parent.parent

FIXTURES = ROOT / "tests" / "fixtures"
SMALL_CSV = FIXTURES / "responses_small.csv"
PROJECT_RULES = ROOT / "data" / "statistics.yaml"
EXACT_RULES = Path(tempfile.mkdtemp(prefix="survey-rules-")) / "statistics.yaml"
EXACT_RULES.write_text(PROJECT_RULES.read_text(encoding="utf-8").replace("\nperturbation: imported",
                                                                          "\nperturbation: none"), encoding="utf-8")
os.environ["SURVEY_STATISTICS"] = str(EXACT_RULES)


class _TableReader(HTMLParser):
    """The cells of the tables survey.ui.text.table draws, as written (the parser unescapes them)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "data-table") in attrs:
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td") and self.tables:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def html_tables(app) -> list[pd.DataFrame]:
    """The tables of texts on a page run by AppTest (st.html), each as a frame of its cells' texts."""
    reader = _TableReader()
    for element in app.get("html"):
        reader.feed(element.proto.body)
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in reader.tables]


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
def project_rules(monkeypatch):
    """The project's own rules, noise included, here and in the command lines the test runs."""
    monkeypatch.setenv("SURVEY_STATISTICS", str(PROJECT_RULES))
    yield PROJECT_RULES
