"""The load test's client, against a running server in a short run: it speaks Streamlit's websocket protocol as
the browser does (a page, a filter, the compare-by, another page, each shown in what the script draws), and a
few sessions at once give latencies, no errors, memory and CPU."""
from __future__ import annotations

import asyncio

import pytest

from bench import load
from deploy.wsclient import Session
from survey.texts.i18n import t


@pytest.fixture(scope="module")
def running(seed_db):
    with load.server(seed_db) as (url, process):
        yield url, process


def test_a_session_changes_filters_compare_by_and_pages_as_a_person_would(running):
    url, _ = running

    async def visit():
        async with Session(url) as session:
            first = await session.open("", "lang=en")
            chose = await session.choose("Gender", ["Female"])
            moved = await session.goto("usage")
            compared = await session.choose("Compare by", ["Age"])
            return session, first, chose, moved, compared

    session, first, chose, moved, compared = asyncio.run(visit())
    assert [r.error for r in (first, chose, moved, compared)] == [None] * 4
    assert any(text.startswith("Selection: all respondents.") for text in first.texts)
    assert any(text.startswith("Selection: Gender: Female.") for text in chose.texts)
    assert session.page == "usage" and any(t("usage_intro", "en") in text for text in moved.texts)
    assert any(text.startswith("Selection: Gender: Female.") for text in moved.texts)  # the view went along
    assert any("Under 30" in text for text in compared.texts)  # each age group's base in the captions


def test_an_exception_drawn_by_the_script_is_an_error():
    from streamlit.proto.Element_pb2 import Element

    element = Element()
    element.exception.type, element.exception.message = "KeyError", "'gender'"
    assert Session("http://127.0.0.1:1").read(element, [], set()) == "KeyError: 'gender'"


def test_a_few_sessions_at_once_give_the_measures(running):
    url, process = running
    measured = asyncio.run(load.crowd(url, process.pid, sessions=3, seconds=8, think=(0.3, 0.8)))
    assert measured["errors"] == 0, measured["first_errors"]
    assert measured["actions"] > 3 and measured["p50_ms"] > 0 and measured["p99_ms"] >= measured["p50_ms"]
    assert measured["memory_peak_mb"] >= measured["memory_before_mb"] > 50 and measured["cpu_cores"] > 0


def test_the_report_says_what_the_second_replica_bought():
    from bench.report import second_replica

    row = {"respondents": 847, "sessions": 10, "p95_ms": 3802.8, "actions_per_second": 1.98}
    rows = [row, {**row, "replicas": 2, "p95_ms": 950.4, "actions_per_second": 3.1},
            {**row, "sessions": 50, "replicas": 1}]  # a row measured before replicas counts as one server
    assert second_replica(rows) == ("What the second replica bought (one server → two behind nginx): at 847 "
                                    "respondents and 10 sessions, p95 3802.8 → 950.4 ms and 1.98 → 3.1 actions a "
                                    "second.")
    assert second_replica(rows[2:]) == ""


def test_the_report_says_between_which_loads_p95_passes_one_second():
    from bench.report import passes

    rows = [{"replicas": 1, "sessions": 10, "p95_ms": 600.0}, {"replicas": 1, "sessions": 20, "p95_ms": 1400.0},
            {"replicas": 2, "sessions": 10, "p95_ms": 300.0}, {"replicas": 2, "sessions": 40, "p95_ms": 900.0}]
    said = passes(rows)
    assert "one server, p95 passes 1 s between 10 and 20 sessions" in said
    assert "2 replicas behind nginx, p95 stayed under 1 s up to 40 sessions" in said
    assert "over 1 s already at 10" in passes([{"replicas": 1, "sessions": 10, "p95_ms": 1200.0}])
