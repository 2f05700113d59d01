"""The waits after failed passphrase attempts (survey.base.attempts), without Streamlit: each failure of an address
or a session doubles the wait before the next attempt is checked, the server checks few failures a minute
whoever sends them, an attempt is compared in constant time only once the wait is over, and the log never
holds what was typed."""
import logging
import subprocess
import sys

import pytest

from survey.base import attempts
from survey.base.attempts import MAX_WAIT, SESSION, Attempts, Window, check
from tests.conftest import ROOT


@pytest.fixture
def clock(monkeypatch):
    """No failures before the test, and a clock the test moves."""
    attempts.ATTEMPTS.seen.clear()
    attempts.SERVER.times.clear()
    moved = {"now": 1000.0}
    monkeypatch.setattr(attempts, "now", lambda: moved["now"])
    yield moved
    attempts.ATTEMPTS.seen.clear()
    attempts.SERVER.times.clear()


def test_the_module_imports_without_streamlit():
    code = "import sys; sys.modules['streamlit'] = None\nimport survey.base.attempts\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_each_failure_in_a_row_doubles_the_wait_up_to_a_minute(clock):
    seen = Attempts()
    waits = []
    for _ in range(9):
        seen.failed("203.0.113.9")
        waits.append(seen.wait("203.0.113.9"))
    assert waits == [1, 2, 4, 8, 16, 32, MAX_WAIT, MAX_WAIT, MAX_WAIT]
    assert seen.failures("203.0.113.9") == 9 and seen.wait("198.51.100.1") == 0
    clock["now"] += 30
    assert seen.wait("203.0.113.9") == MAX_WAIT - 30
    seen.succeeded("203.0.113.9")
    assert seen.wait("203.0.113.9") == 0 and seen.failures("203.0.113.9") == 0


def test_the_server_checks_at_most_so_many_failures_in_its_window(clock):
    window = Window(most=3, seconds=60.0)
    for _ in range(3):
        assert window.wait() == 0
        window.failed()
        clock["now"] += 5
    assert window.wait() == 60 - 15  # until the first of the three is out of the window
    clock["now"] += 45
    assert window.wait() == 0


def test_a_wrong_passphrase_counts_for_the_address_the_session_and_the_server(clock):
    session = Attempts()
    assert check("gjett", "kunde2010", "203.0.113.9", session, "viewer_ok") == attempts.Checked(right=False)
    assert attempts.ATTEMPTS.failures("203.0.113.9") == 1 and session.failures(SESSION) == 1
    assert len(attempts.SERVER.times) == 1


def test_while_a_wait_lasts_even_the_right_passphrase_is_not_checked(clock, monkeypatch):
    session = Attempts()
    check("gjett", "kunde2010", "203.0.113.9", session, "viewer_ok")
    compared = []
    monkeypatch.setattr(attempts.hmac, "compare_digest", lambda *given: compared.append(given) or True)
    assert check("kunde2010", "kunde2010", "203.0.113.9", session, "viewer_ok") == \
        attempts.Checked(right=False, wait_left=1.0)
    assert not compared
    other = Attempts()  # another session from the same address waits as well
    assert check("kunde2010", "kunde2010", "203.0.113.9", other, "viewer_ok").wait_left == 1.0
    assert check("kunde2010", "kunde2010", "198.51.100.1", session, "viewer_ok").wait_left == 1.0, \
        "the session's own wait holds at another address"
    clock["now"] += 1
    assert check("kunde2010", "kunde2010", "203.0.113.9", session, "viewer_ok").right
    assert compared == [(b"kunde2010", b"kunde2010")], "compared once, in constant time"


def test_the_right_passphrase_clears_the_addresss_failures(clock):
    session = Attempts()
    check("gjett", "kunde2010", "203.0.113.9", session, "admin_ok")
    clock["now"] += 1
    assert check("kunde2010", "kunde2010", "203.0.113.9", session, "admin_ok") == attempts.Checked(right=True)
    assert attempts.ATTEMPTS.failures("203.0.113.9") == 0


def test_many_addresses_and_sessions_still_wait_for_the_servers_window(clock):
    checked = 0
    for guess in range(60):
        checked += check(f"gjett{guess}", "kunde2010", f"203.0.113.{guess + 1}", Attempts(), "viewer_ok").wait_left == 0
        clock["now"] += 0.1
    assert checked == attempts.SERVER.most
    assert check("kunde2010", "kunde2010", "198.51.100.1", Attempts(), "viewer_ok").wait_left == pytest.approx(54)


def test_the_log_says_who_failed_and_how_long_the_next_waits_never_what_was_typed(clock, caplog):
    caplog.set_level(logging.WARNING, logger="survey.access")
    session = Attempts()
    check("gjett1", "kunde2010", "203.0.113.9", session, "viewer_ok")
    check("kunde2010", "kunde2010", "203.0.113.9", session, "viewer_ok")
    said = caplog.text
    assert "wrong viewer_ok passphrase from 203.0.113.9 (failure 1 from the address, 1 in the session); the next " \
           "attempt is checked after 1 s" in said
    assert "viewer_ok passphrase attempt from 203.0.113.9 refused unchecked: 1 s of waiting left" in said
    assert "gjett" not in said and "kunde2010" not in said


@pytest.mark.parametrize("ip, headers, proxied, expected", [
    ("198.51.100.4", {"X-Real-Ip": "203.0.113.7"}, True, "198.51.100.4"),  # a connection's own address stands
    (None, {"X-Real-Ip": "203.0.113.7"}, False, "local"),  # a header a client could have sent itself
    (None, {"X-Real-Ip": "203.0.113.7"}, True, "203.0.113.7"),
    ("", {"X-Real-Ip": "not an address"}, True, "local"),
])
def test_who_an_attempt_is_from(ip, headers, proxied, expected):
    assert attempts.address_of(ip, headers, proxied) == expected
