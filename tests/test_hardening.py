"""Defaults that hold on the internet: the app's DuckDB connection reads nothing but the survey, passphrase
attempts wait longer after each failure and are logged without what was typed, data is shown as text (wave
names in captions, free texts in their table, text in a table's own download), and uploads are limited."""
from __future__ import annotations

import logging
import tempfile
import tomllib

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import queries
from survey import ui
from survey.analysis import counts
from survey.base import attempts
from survey.texts.i18n import t
from survey.ui import access, client
from tests.conftest import ROOT, html_tables
from tests.test_attempts import clock  # noqa: F401 (a fixture: no failures before the test, a clock it moves)


@pytest.mark.parametrize("statement", [
    "SELECT count(*) FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "COPY (SELECT 1) TO '/tmp/survey-leak.csv'",
    "ATTACH '/tmp/survey-other.duckdb' AS other",
    "INSTALL httpfs",
    "SET enable_external_access = true",
    "RESET lock_configuration",
    "DETACH survey",
    "ATTACH ':memory:' AS other",
    "USE memory",
    "CREATE TABLE survey.main.planted AS SELECT 1",
])
def test_the_apps_connection_touches_no_file_and_cannot_be_unlocked(seed_env, statement):
    con = counts.connection(seed_env).cursor()
    with pytest.raises(duckdb.Error):
        con.execute(statement)
    assert counts.run("respondent_count", db=seed_env, **queries.examples("respondent_count"))["n"].iloc[0] > 0


def viewer_app() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["viewer_passphrase"] = "kunde2010"
    app.run()
    return app


def attempt(app: AppTest, given: str) -> AppTest:
    return app.text_input(key="_viewer_ok_input").input(given).run()


def test_each_failure_doubles_the_wait_before_the_next_attempt_is_checked(seed_env, clock, caplog):
    caplog.set_level(logging.WARNING, logger="survey.access")
    app = viewer_app()
    assert [e.value for e in attempt(app, "gjett1").error] == [t("admin_wrong")]
    attempt(app, "kunde2010")  # the right one, too soon: not even checked
    assert [e.value for e in app.error] == [t("access_wait", seconds=1)] and not app.metric
    clock["now"] += 1
    attempt(app, "gjett2")
    clock["now"] += 1  # the second failure waits 2 s
    assert t("access_wait", seconds=1) in [e.value for e in attempt(app, "kunde2010").error] and not app.metric
    other = viewer_app()  # another session from the same address waits as well
    assert t("access_wait", seconds=1) in [e.value for e in attempt(other, "kunde2010").error]
    clock["now"] += 1
    assert attempt(app, "kunde2010").metric and not app.error
    said = caplog.text
    assert "wrong viewer_ok passphrase from local (failure 1" in said and "refused unchecked" in said
    assert "gjett" not in said and "kunde2010" not in said


def test_three_hundred_guesses_take_hours(clock):
    waited = 0.0
    for _ in range(300):
        waited += attempts.ATTEMPTS.wait("203.0.113.9")
        clock["now"] += attempts.ATTEMPTS.wait("203.0.113.9")
        attempts.ATTEMPTS.failed("203.0.113.9")
    assert waited > 4 * 3600 and attempts.ATTEMPTS.wait("198.51.100.1") == 0


def test_a_tables_own_download_gets_text_escaped_for_spreadsheets():
    shown = ui.as_text(pd.DataFrame({"svar": ["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "-2", "vanlig"],
                                     "n": [1, 2, 3, -4, 5]}))
    assert shown["svar"].tolist() == ["'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)", "'-2", "vanlig"]
    assert shown["n"].tolist() == [1, 2, 3, -4, 5]


def test_the_guidelines_page_shows_free_texts_as_written(seed_env, monkeypatch):
    from survey.analysis import results

    written = "<b>=cmd|' /C calc'!A0</b> **fet** [lenke](http://x) <script>alert(1)</script>"
    texts = pd.DataFrame({"reason": ["not_yet"], "text": [written], "matching": [1], "n": [1]})
    monkeypatch.setattr(results, "_why_not", lambda *args, **kwargs: texts)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/guidelines.py").run()
    assert not app.exception
    (shown,) = html_tables(app)
    assert shown[t("text_column")].tolist() == [written]  # as written, character for character
    body = next(h.proto.body for h in app.get("html") if "data-table" in h.proto.body)
    assert "<b>" not in body and "<script>" not in body and "&lt;b&gt;=cmd|&#x27; /C calc&#x27;!A0" in body


def test_a_table_of_texts_escapes_every_cell_and_names_itself():
    frame = pd.DataFrame({"Gruppe <i>": ["Mann & co", "\"Kvinne\""], "Andel": ["50,2 %", "−3,1"],
                          "Merknad": ["1 av 2", None]})
    written = ui.text.table_html(frame, 'Tabell "x" <y>', scroll=True)
    assert ('<div class="data-wrap scroll" role="region" aria-label="Tabell &quot;x&quot; &lt;y&gt;" tabindex="0">'
            in written)
    assert "<th scope=\"col\">Gruppe &lt;i&gt;</th>" in written and "<td>Mann &amp; co</td>" in written
    assert '<td class="num">50,2 %</td>' in written and '<td class="num">−3,1</td>' in written  # numbers right
    assert '<td class="num">1 av 2</td><' in written and '<td class="num"></td>' in written  # an empty cell stays empty


def test_uploads_are_limited_to_what_an_export_needs():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == 100
    assert client.CLIENT_FILE_MB == 5


HOSTILE_WAVE = "2011 [x](javascript:alert(1)) ![t](http://127.0.0.1:9/p.png) **b**"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """The reconstruction and a wave of ten whose name is markup, as a database written by other means than
    the import (which refuses such a name) would hold it."""
    import csv
    import re

    from survey.analysis import results
    from survey.ingest import validate
    from survey.ingest.imports import build, import_file
    from tests.conftest import SMALL_CSV

    tmp_path = tmp_path_factory.mktemp("hostile")
    db = build(ROOT / "data" / "responses.csv", tmp_path / "survey.duckdb").path
    with open(SMALL_CSV, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    keep = [i for i, c in enumerate(header) if not c.startswith("challenges__") and c != "wave"]
    with open(tmp_path / "hostile.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[header[i] for i in keep], *([r[i] for i in keep] for r in rows)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "WAVE_NAME", re.compile(r".+"))
        import_file(tmp_path / "hostile.csv", db, wave=HOSTILE_WAVE)
    results.clear_cache()
    return db


@pytest.fixture
def hostile_wave_db(hostile_db, monkeypatch):
    """SURVEY_DB at the database of hostile_db (built once for the module)."""
    monkeypatch.setenv("SURVEY_DB", str(hostile_db))
    return hostile_db


@pytest.mark.parametrize("page, query, named", [
    ("overview", {"by": "wave"}, False), ("challenges", {}, True), ("guidelines", {"gender": "female"}, False),
    ("method", {}, False), ("explore", {"by": "wave", "question": "challenges"}, True)])
def test_a_wave_named_like_markup_is_shown_as_text(hostile_wave_db, page, query, named):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(query)
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py").run()
    assert not app.exception
    said = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success")
            for e in app.get(kind)]
    assert any("2011 \\[x\\]" in text for text in said) or not named, said  # the name is there, escaped
    for text in said:
        assert "[x](" not in text and "![t](" not in text and "**b**" not in text, text


def test_a_header_a_client_sent_is_believed_only_where_the_deployment_says_a_proxy_sets_it(monkeypatch):
    spoofed = {"X-Real-Ip": "203.0.113.7"}
    monkeypatch.delenv(attempts.PROXY_SETTING, raising=False)
    assert not attempts.behind_proxy() and attempts.address_of(None, spoofed, attempts.behind_proxy()) == "local"
    monkeypatch.setenv(attempts.PROXY_SETTING, "1")
    assert attempts.behind_proxy() and attempts.address_of(None, spoofed, attempts.behind_proxy()) == "203.0.113.7"
    assert attempts.address_of("198.51.100.4", spoofed, True) == "198.51.100.4", "a connection's own address stands"
    deploy = ROOT / "deploy"
    assert 'SURVEY_BEHIND_PROXY": "1"' in (deploy / "serve.py").read_text(encoding="utf-8")
    assert (deploy / "Procfile").read_text(encoding="utf-8").count("SURVEY_BEHIND_PROXY=1 python") == 2
    assert "Environment=SURVEY_BEHIND_PROXY=1" in (deploy / "systemd" / "survey@.service").read_text(encoding="utf-8")


def test_a_new_session_and_address_for_every_guess_still_waits(seed_env, clock, monkeypatch):
    """The attack: every guess from a new session that claims a new address. The server's own window holds:
    after 20 failures in a minute the right passphrase is not even checked, whoever sends it."""
    addresses = (f"203.0.113.{i}" for i in range(1, 255))
    monkeypatch.setattr(access, "client_address", lambda: next(addresses))
    checked = 0
    for guess in range(60):
        app = attempt(viewer_app(), f"gjett{guess}")
        checked += [e.value for e in app.error] == [t("admin_wrong")]
        clock["now"] += 0.1  # 60 guesses in 6 s
    assert checked == 20
    app = attempt(viewer_app(), "kunde2010")
    assert [e.value for e in app.error] == [t("access_wait", seconds=54)] and not app.metric  # at 6 s of 60
    clock["now"] += 54
    assert attempt(viewer_app(), "kunde2010").metric, "once the minute has passed, the right one is let in"


@pytest.mark.parametrize("headers, expected", [({"X-Real-Ip": "203.0.113.7"}, "203.0.113.7"),
                                               ({"X-Real-Ip": " 2001:db8::1 "}, "2001:db8::1"),
                                               ({"X-Real-Ip": "203.0.113.7, 10.0.0.1"}, None),
                                               ({"X-Real-Ip": "<script>"}, None), ({}, None)])
def test_behind_the_proxy_each_person_has_the_address_the_proxy_passes(headers, expected):
    assert attempts.proxied_address(headers) == expected


class Upload:
    """What Streamlit hands the app for an uploaded file."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.data, self.size = name, data, len(data)

    def getvalue(self) -> bytes:
        return self.data


@pytest.mark.parametrize("which", ["file", "mapping"])
def test_a_client_file_past_its_limit_is_refused_unread_whatever_the_browser_let_through(monkeypatch, which):
    """The limit of the benchmark's uploads holds on the server: a script that sends 6 MB past the browser's
    check gets a sentence, and nothing reads the file."""
    import streamlit as st

    from survey.ingest import clients
    from survey.model import codebook as cb

    monkeypatch.setattr(clients, "read_client", lambda *a, **k: pytest.fail("a file past the limit was read"))
    big = Upload("big.csv" if which == "file" else "big.yaml", b"x" * (6 * client.MB))
    st.session_state[client.client_key("file")] = big if which == "file" else Upload("acme.csv", b"company_size\n")
    st.session_state[client.client_key("mapping")] = big if which == "mapping" else None
    try:
        client.read_client_file(cb.load())
        most = client.CLIENT_FILE_MB if which == "file" else client.CLIENT_MAPPING_MB
        kind, _, said = st.session_state[client.CLIENT_FILE_SAID]
        assert kind == "bad" and said == t("upload_too_big", file=big.name, mb=most)
    finally:
        for key in (client.client_key("file"), client.client_key("mapping"), client.CLIENT_FILE_SAID):
            st.session_state.pop(key, None)


def test_a_client_file_is_written_only_to_memory_where_the_system_has_it(monkeypatch, tmp_path):
    """Read from a private folder in /dev/shm (memory), removed at once; nothing of it in the temporary folder."""
    import streamlit as st

    from survey.ingest import clients
    from survey.model import codebook as cb

    seen = []
    monkeypatch.setattr(clients, "read_client", lambda path, *a, **k: seen.append(path) or pytest.fail("stop"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    st.session_state[client.client_key("file")] = Upload("acme.csv", b"company_size\n20_49\n")
    st.session_state[client.client_key("mapping")] = None
    try:
        with pytest.raises(pytest.fail.Exception):
            client.read_client_file(cb.load())
    finally:
        for key in (client.client_key("file"), client.client_key("mapping"), client.CLIENT_FILE_SAID):
            st.session_state.pop(key, None)
    if client.memory_folder():
        assert seen[0].parent.parent == client.MEMORY and not list(tmp_path.iterdir())
    assert not seen[0].exists() and not seen[0].parent.exists(), "removed once read"
