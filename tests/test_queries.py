"""The SQL modules: every file runs, parameters are checked and bound, and the numbers are right."""
import threading
import time

import duckdb
import pandas as pd
import pytest

import queries
from survey.analysis import counts
from survey.analysis.results import share_rows
from survey.ingest.imports import build
from survey.model import codebook as cb
from survey.model.filters import Filters
from survey.stats import protection
from tests.conftest import SMALL_CSV

RULES = protection.rules()  # the project's (data/statistics.yaml)

HOSTILE = "' OR 1=1 --"


@pytest.mark.parametrize("name", queries.names())
def test_every_query_runs_with_its_example_parameters(seed_db, name):
    examples = queries.examples(name)
    assert set(examples) == queries.parameters(name), "every parameter has an example in the header"
    frame = counts.run(name, db=seed_db, **examples)
    assert len(frame) > 0


def test_unknown_names_and_wrong_parameters_raise(seed_db, no_filters):
    for bad in ("nope", "../survey/cli", "_macros", "Option_share"):
        with pytest.raises(queries.QueryError, match="no query named"):
            counts.run(bad, db=seed_db)
    with pytest.raises(queries.QueryError, match="missing search"):
        counts.run("why_not_texts", db=seed_db, limit=5, **no_filters)
    with pytest.raises(queries.QueryError, match="unexpected colour"):
        counts.run("respondent_count", db=seed_db, colour="red", **no_filters)


def test_a_missing_database_raises_a_clear_error(tmp_path, no_filters):
    with pytest.raises(queries.MissingDatabase, match="python -m survey build"):
        counts.run("respondent_count", db=tmp_path / "none.duckdb", **no_filters)


@pytest.mark.parametrize("dimension", ["gender", "age_group", "role", "company_size", "industry", "region"])
def test_hostile_filter_values_are_bound_and_match_no_respondent(seed_db, no_filters, dimension):
    params = {**no_filters, dimension: [HOSTILE]}
    assert counts.run("respondent_count", db=seed_db, **params)["n"].iloc[0] == 0
    assert counts.shares([("private_use", ["none"])], weights="none", db=seed_db, **params)[0].empty


def test_a_filter_keeps_its_known_options_and_drops_the_rest(seed_db, no_filters):
    def count(**selected):
        return counts.run("respondent_count", db=seed_db, **{**no_filters, **selected})["n"].sum()
    assert count(gender=["female", HOSTILE]) == count(gender=["female"]) == 373
    assert count(gender=["female", "female"]) == 373
    assert count(industry=["ict", "trade"]) == count(industry=["ict"]) + count(industry=["trade"])


@pytest.mark.parametrize("question", ["private_use", "challenges"])
@pytest.mark.parametrize("column", ["question", "by", "weights"])
def test_hostile_column_names_are_a_clear_error_and_change_nothing(seed_db, no_filters, question, column):
    part = (HOSTILE if column == "question" else question, [HOSTILE] if column == "by" else ["none"])
    with pytest.raises(queries.QueryError, match="names? no"):
        counts.shares([part], weights=HOSTILE if column == "weights" else "none", db=seed_db, **no_filters)
    assert counts.run("respondent_count", db=seed_db, **no_filters)["n"].iloc[0] == 847


@pytest.mark.parametrize("question, by, error", [
    ("respondent_id", "none", "names no question"),  # a column, but no question of the codebook
    ("private_use", "guidelines_why_not_text", "names no dimension"),  # a column, but no dimension
    ("private_use", "company_use", "names no dimension"),  # a question, but no dimension
])
def test_only_the_codebooks_questions_and_dimensions_are_written_into_the_statement(seed_db, no_filters,
                                                                                    question, by, error):
    with pytest.raises(queries.QueryError, match=error):
        counts.shares([(question, [by])], weights="none", db=seed_db, **no_filters)


def test_shares_takes_the_seven_filters_and_nothing_else(seed_db, no_filters):
    with pytest.raises(queries.QueryError, match="unexpected colour"):
        counts.shares([("private_use", ["none"])], weights="none", db=seed_db, colour=["red"], **no_filters)
    with pytest.raises(queries.QueryError, match="missing region"):
        counts.shares([("private_use", ["none"])], weights="none", db=seed_db,
                      **{k: v for k, v in no_filters.items() if k != "region"})


@pytest.mark.parametrize("weights", ["none", "company"])
def test_a_page_counted_in_one_statement_gives_each_chart_as_counted_alone(seed_db, codebook, weights):
    params = Filters({"gender": ("female", "male"), "role": ("leader", "manager")}).params(codebook)
    parts = [(q.id, ["none", "age_group", "wave"] if i % 2 else ["company_size"])
             for i, q in enumerate(codebook.questions)]
    together = counts.shares(parts, weights=weights, db=seed_db, **params)
    for part, frame in zip(parts, together):
        queries.clear_cache()
        alone = counts.shares([part], weights=weights, db=seed_db, **params)[0]
        pd.testing.assert_frame_equal(frame, alone)
        assert set(frame["split"]) == set(part[1]) and not frame.empty


SELECTIONS = [{}, {"gender": ["female"]}, {"wave": ["2010"], "role": ["leader", "manager"]},
              {"company_size": ["10_19", "20_49"], "industry": ["ict", HOSTILE], "region": ["oslo_akershus"]}]


@pytest.mark.parametrize("selected", SELECTIONS)
def test_the_filters_left_empty_are_left_out_of_the_statement_and_change_nothing(seed_db, no_filters, selected):
    params = {**no_filters, **selected}
    statement, bound = queries._with_segment(queries._template("respondent_count"), params, RULES, queries.EVERY_WAVE)
    assert set(bound) == set(selected)
    assert all(f"${name}" in statement for name in selected)
    assert not any(f"${name}" in statement for name in no_filters.keys() - selected.keys())
    every_line = queries._template("respondent_count").replace(
        queries.SEGMENT, queries._segment(queries.filter_parameters(), queries._cell_key(queries.EVERY_WAVE)))
    con = queries.connections.prepared(counts.connection(seed_db).cursor())
    assert con.execute(statement, bound).fetchall() == con.execute(every_line, params).fetchall()


def test_each_filter_has_one_line_of_its_own_in_the_segment():
    named = [set(queries.PARAMETER.findall(line)) for line in queries._template("_segment").splitlines()]
    assert all(len(names) <= 1 for names in named)
    assert sorted(name for names in named for name in names) == sorted(queries.filter_parameters())


@pytest.mark.parametrize("selected", SELECTIONS)
def test_the_shares_statement_keeps_the_selections_n_for_respondent_count(seed_db, no_filters, selected,
                                                                           monkeypatch):
    params = {**no_filters, **selected}
    queries.clear_cache()
    alone = counts.run("respondent_count", db=seed_db, **params)
    queries.clear_cache()
    assert not counts.shares([("company_purposes", ["gender"])], weights="none", db=seed_db, **params)[0].empty
    monkeypatch.setattr(queries, "_execute", lambda *args: pytest.fail("respondent_count ran again"))
    pd.testing.assert_frame_equal(counts.run("respondent_count", db=seed_db, **params), alone)


def test_a_statement_without_rows_keeps_no_n(seed_db, no_filters):
    # no rows can also mean that nobody in the selection was asked: the statement does not say the n then
    params = {**no_filters, "wave": ["no such wave"]}
    queries.clear_cache()
    assert counts.shares([("guidelines_why_not", ["none"])], weights="none", db=seed_db, **params)[0].empty
    assert queries._results.find(queries._key(counts.version(seed_db), RULES, "respondent_count", params)) is None


def test_only_the_parts_not_kept_are_counted(seed_db, no_filters, monkeypatch):
    queries.clear_cache()
    counted = []
    original = queries._count_shares
    monkeypatch.setattr(queries, "_count_shares",
                        lambda con, signature, rules, parts, *rest:
                            counted.append(parts) or original(con, signature, rules, parts, *rest))
    counts.shares([("private_use", ["none"])], weights="none", db=seed_db, **no_filters)
    counts.shares([("private_use", ["none"]), ("challenges", ["gender"])], weights="none", db=seed_db, **no_filters)
    assert counted == [[("private_use", ["none"])], [("challenges", ["gender"])]]


def shares(db, question, by="none", **selected):
    params = Filters({k: tuple(v) for k, v in selected.items()}).params(cb.load())
    frame = share_rows(cb.load()[question], by=by, weights="none", params=params, db=db)
    return {(r.group, r.option): (r.n, r.base_n) for r in frame.itertuples()}


# Counted by hand from tests/fixtures/responses_small.csv: (question, by, filters, group, option, n, base_n).
EXPECTED = [
    ("private_use", "none", {}, "all", "yes", 7, 10),
    ("private_use", "gender", {}, "male", "yes", 3, 5),
    ("private_use", "gender", {}, "female", "yes", 4, 4),
    ("private_use", "gender", {}, "not_stated", "no", 1, 1),
    ("private_channels", "none", {}, "all", "facebook", 7, 7),
    ("private_channels", "none", {}, "all", "youtube", 3, 7),
    ("private_channels", "none", {}, "all", "twitter", 0, 7),
    ("company_use", "none", {}, "all", "dont_know", 1, 10),
    ("company_purposes", "none", {}, "all", "marketing", 3, 4),
    ("company_purposes", "none", {}, "all", "customer_service", 2, 4),
    ("marketing_strategy", "none", {}, "all", "yes", 2, 3),
    ("guidelines", "none", {}, "all", "no", 7, 10),
    ("guidelines_why_not", "none", {}, "all", "not_yet", 4, 7),
    ("guidelines_why_not", "none", {}, "all", "not_needed", 0, 7),
    ("challenges", "none", {}, "all", "unrealistic_expectations", 5, 10),
    ("challenges", "none", {}, "all", "security_privacy", 1, 10),
    ("company_use", "none", {"gender": ["female"]}, "all", "yes", 2, 4),
    ("private_use", "none", {"role": ["leader", "manager"]}, "all", "yes", 4, 6),
    ("private_use", "company_size", {"role": ["leader", "manager"]}, "no_employees", "no", 2, 2),
    ("company_channels", "region", {"gender": ["female", "male"]}, "oslo_akershus", "twitter", 1, 2),
]


@pytest.mark.parametrize("question, by, selected, group, option, n, base_n", EXPECTED)
def test_option_shares_of_the_hand_counted_fixture(small_db, question, by, selected, group, option, n, base_n):
    assert shares(small_db, question, by, **selected)[(group, option)] == (n, base_n)


def test_a_group_nobody_was_asked_in_is_left_out(small_db):
    # Respondent 10 (not stated) does not use social media privately, so is not asked about channels.
    assert "not_stated" not in {g for g, _ in shares(small_db, "private_channels", "gender")}


def test_groups_and_options_come_in_codebook_order(small_db, codebook, no_filters):
    frame = counts.shares([("challenges", ["gender"])], weights="none", db=small_db, **no_filters)[0]
    assert list(dict.fromkeys(frame["group"])) == ["male", "female", "not_stated"]
    assert list(frame[frame["group"] == "male"]["option"]) == list(codebook["challenges"].option_ids)


def test_an_analysts_sql_on_the_view_gives_the_same_numbers(seed_db, codebook, no_filters):
    con = duckdb.connect(str(seed_db), read_only=True)
    for q in codebook.questions:
        ours = shares(seed_db, q.id)
        for option in q.option_ids:
            if q.kind == "single":
                sql = f"SELECT count(*) FILTER ({q.id} = ?), count({q.id}) FROM responses"
                theirs = con.execute(sql, [option]).fetchone()
            else:
                column = f"{q.id}__{option}"
                theirs = con.execute(f"SELECT count(*) FILTER ({column}), count({column}) FROM responses").fetchone()
            assert ours[("all", option)] == theirs, (q.id, option)


def test_no_two_threads_query_through_one_cursor_at_once(seed_db, no_filters):
    from concurrent.futures import ThreadPoolExecutor

    def count(selected: dict) -> tuple:
        with queries._connections.cursor(seed_db) as (_, cursor):
            started = time.perf_counter()
            n = counts.run("respondent_count", db=seed_db, **{**no_filters, **selected})["n"].iloc[0]
            cursor.execute("SELECT count(*) FROM respondents").fetchone()
            return n, id(cursor), started, time.perf_counter()

    selections = [{"gender": [g]} for g in ("male", "female", "not_stated")] * 20
    queries.clear_cache()
    expected = [count(selected)[0] for selected in selections]
    queries.clear_cache()
    with ThreadPoolExecutor(4) as pool:  # at the same time, as Streamlit sessions do
        counted = list(pool.map(count, selections))
    assert [n for n, *_ in counted] == expected
    loans = sorted((cursor, started, ended) for _, cursor, started, ended in counted)
    for (cursor, _, ended), (following, started, _) in zip(loans, loans[1:]):
        assert cursor != following or ended <= started  # one holder at a time
    assert len({cursor for cursor, *_ in loans}) > 1  # threads at once held cursors of their own


def test_a_run_on_a_new_thread_borrows_a_prepared_cursor(seed_db, no_filters, monkeypatch):
    # Streamlit runs every script run on a new thread: the cursor the last run used is lent again, not made
    # and prepared anew.
    from queries import connections

    made = []
    monkeypatch.setattr(connections, "prepared", lambda cursor: made.append(cursor) or cursor)

    lent: list[int] = []

    def one_run(gender: str) -> None:
        counts.run("respondent_count", db=seed_db, **{**no_filters, "gender": [gender]})
        with queries._connections.cursor(seed_db) as (_, cursor):
            lent.append(id(cursor))

    queries.clear_cache()
    for gender in ("male", "female", "male"):
        run = threading.Thread(target=one_run, args=(gender,))
        run.start()
        run.join()
    assert len(set(lent)) == 1
    assert len(made) <= 1


def test_a_new_build_is_picked_up_at_the_next_call(tmp_path, no_filters):
    db = build(SMALL_CSV, tmp_path / "survey.duckdb").path
    assert counts.run("respondent_count", db=db, **no_filters)["n"].iloc[0] == 10
    old, replaced = counts.connection(db), counts.version(db)
    build(queries.QUERY_DIR.parent / "data" / "responses.csv", db)
    assert counts.run("respondent_count", db=db, **no_filters)["n"].iloc[0] == 847
    assert old.execute("SELECT count(*) FROM survey.respondents").fetchone()[0] == 10
    assert replaced not in queries._connections.idle  # the old version's cursors were closed


# Filters on answers: any single- or multi-choice question, counted by hand on the responses view.

ANSWER_FILTERS = [
    ({"company_use": ["yes"]}, {}, "company_use = 'yes'"),
    ({"private_channels": ["linkedin", "twitter"]}, {}, "(private_channels__linkedin OR private_channels__twitter)"),
    ({"marketing_strategy": ["no"]}, {}, "company_purposes__marketing AND marketing_strategy = 'no'"),
    ({"guidelines": ["no"], "guidelines_why_not": ["not_yet"]}, {},
     "guidelines = 'no' AND guidelines_why_not = 'not_yet'"),
    ({"company_use": ["yes"], "challenges": ["lacking_competence"]}, {"gender": ["female"], "role": ["leader"]},
     "company_use = 'yes' AND challenges__lacking_competence AND gender = 'female' AND role = 'leader'"),
]


@pytest.mark.parametrize("answers, dimensions, where", ANSWER_FILTERS)
def test_answer_filters_keep_the_respondents_counted_by_hand(seed_db, no_filters, answers, dimensions, where):
    by_hand = duckdb.connect(str(seed_db), read_only=True)
    expected = by_hand.execute(f"SELECT count(*) FROM responses WHERE {where}").fetchone()[0]
    by_hand.close()
    params = {**no_filters, **dimensions, "answers": answers}
    assert 0 < counts.run("respondent_count", db=seed_db, **params)["n"].iloc[0] == expected
    queries.clear_cache()
    frame = counts.shares([("private_use", ["none"])], weights="none", db=seed_db, **params)[0]
    assert frame["base_n"].iloc[0] == expected


def test_a_filter_on_a_routed_question_keeps_only_those_asked(seed_db, no_filters):
    """marketing_strategy was asked of those who use social media for marketing: filtering on it keeps no one else,
    and the shares of company_purposes under it are 100 % marketing."""
    params = {**no_filters, "answers": {"marketing_strategy": ["yes", "no", "dont_know"]}}
    frame = counts.shares([("company_purposes", ["none"]), ("company_use", ["none"])], weights="none",
                          db=seed_db, **params)
    purposes, use = frame
    assert purposes.set_index("option").loc["marketing", "pct"] == 100.0
    assert use.set_index("option").loc["yes", "pct"] == 100.0


def test_an_answer_filter_left_empty_changes_neither_the_statement_nor_the_kept_result(seed_db, no_filters):
    statement, bound = queries._with_segment(queries._template("respondent_count"),
                                             {**no_filters, "answers": {"company_use": []}}, RULES,
                                             queries.EVERY_WAVE)
    assert (statement, bound) == queries._with_segment(queries._template("respondent_count"), no_filters, RULES,
                                                       queries.EVERY_WAVE)
    assert queries._values({**no_filters, "answers": {"company_use": []}}) == queries._values(no_filters)


def test_answer_values_are_bound_and_match_no_respondent(seed_db, no_filters):
    params = {**no_filters, "answers": {"company_use": [HOSTILE], "private_channels": [HOSTILE]}}
    assert counts.run("respondent_count", db=seed_db, **params)["n"].iloc[0] == 0
    params = {**no_filters, "answers": {"company_use": ["yes", HOSTILE]}}
    assert counts.run("respondent_count", db=seed_db, **params)["n"].iloc[0] == 307


@pytest.mark.parametrize("question", [HOSTILE, "gender", "shoe_size", "question", "guidelines_why_not_text"])
def test_answer_filters_name_only_questions_of_the_codebook(seed_db, no_filters, question):
    with pytest.raises(queries.QueryError, match="names no question"):
        counts.run("respondent_count", db=seed_db, **{**no_filters, "answers": {question: ["yes"]}})
    with pytest.raises(queries.QueryError, match="names no question"):
        counts.shares([("private_use", ["none"])], weights="none", db=seed_db,
                      **{**no_filters, "answers": {question: ["yes"]}})
