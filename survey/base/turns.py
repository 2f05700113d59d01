"""Script runs take turns in a process: at most SURVEY_RUNS_AT_ONCE (default 1) run at a time.

A run of a page is Python under one interpreter lock, so two runs at once each take about twice as long, and
many at once spend their time handing the interpreter and Streamlit's own locks to each other: in a minute of
50 sessions at the seed's size (bench/load.py), 4.9 actions a second got done with every run at once, 8.2 with
two at a time and 9.8 with one (docs/performance.md).
A run that waits for something long of its own (an import) stands aside meanwhile.

    with turns.turn():       # app.py: the whole run
        ...
        with turns.aside():  # a long import: other sessions' runs go on
            ...
"""
from __future__ import annotations

import contextlib
import logging
import os
import threading

DEFAULT = 1
log = logging.getLogger(__name__)


def runs_at_once() -> int:
    """$SURVEY_RUNS_AT_ONCE, a whole number of at least 1; else DEFAULT (a wrong value is logged)."""
    value = os.environ.get("SURVEY_RUNS_AT_ONCE", "").strip()
    if not value:
        return DEFAULT
    if value.isdigit() and int(value) >= 1:
        return int(value)
    log.warning("SURVEY_RUNS_AT_ONCE=%r is not a whole number of at least 1; %d run at a time", value[:20], DEFAULT)
    return DEFAULT


class Turns:
    def __init__(self, at_once: int) -> None:
        self.free = threading.Semaphore(at_once)
        self.local = threading.local()  # whether this thread holds a turn

    @contextlib.contextmanager
    def turn(self):
        self.free.acquire()
        self.local.held = True
        try:
            yield
        finally:
            self.local.held = False
            self.free.release()

    @contextlib.contextmanager
    def aside(self):
        """Without this thread's turn for a while, if it holds one."""
        held = getattr(self.local, "held", False)
        if held:
            self.local.held = False
            self.free.release()
        try:
            yield
        finally:
            if held:
                self.free.acquire()
                self.local.held = True


_turns = Turns(runs_at_once())
turn, aside = _turns.turn, _turns.aside
