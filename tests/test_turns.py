"""Script runs take turns (survey/base/turns.py): at most the set number at once, and one standing aside lets
another run meanwhile."""
from __future__ import annotations

import threading
import time

import pytest

from survey.base import turns


def test_at_most_the_set_number_of_runs_at_once():
    taking, busy, most = turns.Turns(2), [0], [0]
    lock = threading.Lock()

    def run():
        with taking.turn():
            with lock:
                busy[0] += 1
                most[0] = max(most[0], busy[0])
            time.sleep(0.02)
            with lock:
                busy[0] -= 1

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 2


def test_a_run_standing_aside_lets_another_run_meanwhile():
    taking, order = turns.Turns(1), []
    aside, other_done = threading.Event(), threading.Event()

    def long_import():
        with taking.turn():
            with taking.aside():
                aside.set()
                assert other_done.wait(5)  # the other run got a turn while this one stood aside
            order.append("import")

    def page():
        assert aside.wait(5)
        with taking.turn():
            order.append("page")
        other_done.set()

    threads = [threading.Thread(target=long_import), threading.Thread(target=page)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert order == ["page", "import"]


def test_standing_aside_without_a_turn_changes_nothing():
    taking = turns.Turns(1)
    with taking.aside():
        pass
    with taking.turn():  # still one turn, free
        assert not taking.free.acquire(blocking=False)


@pytest.mark.parametrize("value, expected", [("", 1), ("3", 3), ("0", 1), ("-2", 1), ("many", 1), (" 2 ", 2)])
def test_the_number_of_runs_at_once_comes_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("SURVEY_RUNS_AT_ONCE", value)
    assert turns.runs_at_once() == expected
