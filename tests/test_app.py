"""The app, run headless with Streamlit's AppTest: no exception, and the numbers are the database's."""
import pytest
from streamlit.testing.v1 import AppTest

from survey import codebook as cb
from survey.filters import Filters
from survey.headlines import headlines
from survey.i18n import format_pct, t
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def run_app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_overview_shows_the_headline_figures_of_the_database(seed_env):
    app = run_app()
    expected = headlines(cb.load(), Filters(), seed_env)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {t(h.key): format_pct(h.pct) for h in expected}
    assert metrics[t("headline_company_use")] == "36,2\u00a0%"
    captions = " ".join(c.value for c in app.caption)
    assert "307 av 847" in captions and "n = 256" in captions


def test_overview_says_the_answers_are_a_reconstruction(seed_env):
    app = run_app()
    assert [i.value for i in app.info] == [t("reconstruction_notice")]


def test_real_data_carries_no_reconstruction_notice(small_db, monkeypatch):
    monkeypatch.setenv("SURVEY_DB", str(small_db))
    app = run_app()
    assert not app.info
    assert {m.value for m in app.metric} >= {"70,0\u00a0%"}


def test_a_missing_database_is_a_sentence_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_DB", str(tmp_path / "missing.duckdb"))
    app = run_app()
    assert [e.value for e in app.error] == [t("no_database")]
    assert not app.metric


def test_a_broken_database_is_a_sentence_not_a_traceback(tmp_path, monkeypatch):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\0" * 5000)
    monkeypatch.setenv("SURVEY_DB", str(junk))
    app = run_app()
    assert [e.value for e in app.error] == [t("bad_database")]
