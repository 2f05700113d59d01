"""The SQL modules: every file runs, parameters are checked and bound, and the numbers are right."""
import duckdb
import pytest

import queries
from survey import codebook as cb
from survey.build import build
from survey.filters import Filters
from survey.results import share_rows
from tests.conftest import SMALL_CSV

HOSTILE = "' OR 1=1 --"


@pytest.mark.parametrize("name", queries.names())
def test_every_query_runs_with_its_example_parameters(seed_db, name):
    examples = queries.examples(name)
    assert set(examples) == queries.parameters(name), "every parameter has an example in the header"
    frame = queries.run(name, db=seed_db, **examples)
    assert len(frame) > 0


def test_unknown_names_and_wrong_parameters_raise(seed_db, no_filters):
    for bad in ("nope", "../survey/cli", "_macros", "Option_share"):
        with pytest.raises(queries.QueryError, match="no query named"):
            queries.run(bad, db=seed_db)
    with pytest.raises(queries.QueryError, match="missing by"):
        queries.run("respondent_count", db=seed_db, **no_filters)
    with pytest.raises(queries.QueryError, match="unexpected colour"):
        queries.run("respondent_count", db=seed_db, by="none", colour="red", **no_filters)


def test_a_missing_database_raises_a_clear_error(tmp_path, no_filters):
    with pytest.raises(queries.MissingDatabase, match="python -m survey build"):
        queries.run("respondent_count", db=tmp_path / "none.duckdb", by="none", **no_filters)


@pytest.mark.parametrize("dimension", ["gender", "age_group", "role", "company_size", "industry", "region"])
def test_hostile_filter_values_are_bound_and_match_no_respondent(seed_db, no_filters, dimension):
    params = {**no_filters, dimension: [HOSTILE]}
    assert queries.run("respondent_count", db=seed_db, by="none", **params).empty
    assert queries.run("option_share", db=seed_db, question="private_use", by=["none"], weights="none", **params).empty


def test_a_filter_keeps_its_known_options_and_drops_the_rest(seed_db, no_filters):
    def count(**selected):
        return queries.run("respondent_count", db=seed_db, by="none", **{**no_filters, **selected})["n"].sum()
    assert count(gender=["female", HOSTILE]) == count(gender=["female"]) == 373
    assert count(gender=["female", "female"]) == 373
    assert count(industry=["ict", "trade"]) == count(industry=["ict"]) + count(industry=["trade"])


@pytest.mark.parametrize("name", ["option_share", "multi_option_share"])
@pytest.mark.parametrize("column", ["question", "by", "weights"])
def test_hostile_column_names_are_a_clear_error_and_change_nothing(seed_db, no_filters, name, column):
    params = {"question": "private_use" if name == "option_share" else "challenges", "by": ["none"],
              "weights": "none", **no_filters, column: HOSTILE if column != "by" else [HOSTILE]}
    with pytest.raises(queries.QueryError, match="names no column"):
        queries.run(name, db=seed_db, **params)
    assert queries.run("respondent_count", db=seed_db, by="none", **no_filters)["n"].iloc[0] == 847


def test_a_column_that_is_not_a_question_or_dimension_matches_nothing(seed_db, no_filters):
    assert queries.run("option_share", db=seed_db, question="respondent_id", by=["none"], weights="none",
                       **no_filters).empty
    assert queries.run("option_share", db=seed_db, question="private_use", by=["guidelines_why_not_text"],
                       weights="none", **no_filters).empty


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
    frame = queries.run("multi_option_share", db=small_db, question="challenges", by=["gender"], weights="none",
                        **no_filters)
    assert list(dict.fromkeys(frame["group"])) == ["male", "female", "not_stated"]
    assert list(frame[frame["group"] == "male"]["option"]) == list(codebook["challenges"].option_ids)


def test_each_kind_of_question_has_its_own_query(small_db, no_filters):
    params = {"by": ["none"], "weights": "none", **no_filters}
    assert queries.run("option_share", db=small_db, question="challenges", **params).empty
    with pytest.raises(queries.QueryError, match="names no column"):  # a single choice has no mask column
        queries.run("multi_option_share", db=small_db, question="private_use", **params)


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


def test_a_new_build_is_picked_up_at_the_next_call(tmp_path, no_filters):
    db = build(SMALL_CSV, tmp_path / "survey.duckdb").path
    assert queries.run("respondent_count", db=db, by="none", **no_filters)["n"].iloc[0] == 10
    old = queries.connection(db)
    build(queries.QUERY_DIR.parent / "data" / "responses.csv", db)
    assert queries.run("respondent_count", db=db, by="none", **no_filters)["n"].iloc[0] == 847
    assert old.execute("SELECT count(*) FROM survey.respondents").fetchone()[0] == 10
