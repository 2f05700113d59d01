"""Bad input on the command line: one clear sentence and a non-zero exit, never a traceback."""
import json

import pytest

from tests.conftest import ROOT, SMALL_CSV
from tests.test_figures import cli


def assert_clear_failure(result, code, *phrases):
    assert result.returncode == code
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("error: ") or result.stderr.startswith("usage: ")
    for phrase in phrases:
        assert phrase in result.stderr


@pytest.mark.parametrize("where, phrase", [
    ("sex=male", "'sex' is not a dimension"),
    ("gender=alien", "'alien' is not a value of gender"),
    ("gender=' OR 1=1 --", "is not a value of gender"),
    ("gender", "is not of the form DIMENSION=VALUE"),
    ("=male", "is not of the form DIMENSION=VALUE"),
    ("company_use=maybe", "'maybe' is not a value of company_use; use one of yes, no, dont_know"),
    ("private_channels=friendster", "'friendster' is not a value of private_channels"),
    ("private_channels__linkedin=1", "'private_channels__linkedin' is not a dimension or question"),
])
def test_bad_where(seed_db, where, phrase):
    assert_clear_failure(cli("figures", "--where", where, "--db", str(seed_db), check=False), 2, phrase)


def test_missing_database(tmp_path):
    result = cli("figures", "--db", str(tmp_path / "missing.duckdb"), check=False)
    assert_clear_failure(result, 2, "there is no database at", "python -m survey build")


def test_a_file_that_is_not_a_database(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all" * 100)
    assert_clear_failure(cli("figures", "--db", str(junk), check=False), 1, "cannot be read as a survey database")


def test_unknown_format_and_command():
    assert_clear_failure(cli("figures", "--format", "xml", check=False), 2, "invalid choice")
    assert_clear_failure(cli("explode", check=False), 2, "invalid choice")


def test_build_reports_bad_data_and_keeps_the_database(tmp_path):
    db = tmp_path / "survey.duckdb"
    cli("build", "--source", str(SMALL_CSV), "--db", str(db))
    before = db.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(SMALL_CSV.read_text(encoding="utf-8").replace(",trade,", ",shops,"), encoding="utf-8")
    result = cli("build", "--source", str(bad), "--db", str(db), "--lang", "en", check=False)
    assert_clear_failure(result, 1, "row 2, column industry: unknown option: 'shops'", "nothing was written")
    result = cli("build", "--source", str(bad), "--db", str(db), check=False)
    assert_clear_failure(result, 1, "rad 2, kolonne industry: ukjent svaralternativ: 'shops'", "ingenting ble skrevet")
    assert db.read_bytes() == before


def test_build_into_a_missing_folder(tmp_path):
    result = cli("build", "--source", str(SMALL_CSV), "--db", str(tmp_path / "no" / "such.duckdb"), check=False)
    assert_clear_failure(result, 1, "does not exist")


def test_build_from_a_missing_file(tmp_path):
    result = cli("build", "--source", str(tmp_path / "nothing.csv"), "--db", str(tmp_path / "x.duckdb"),
                 "--lang", "en", check=False)
    assert_clear_failure(result, 1, "cannot be read")


def test_survey_db_in_the_environment_is_the_default(tmp_path):
    db = tmp_path / "env.duckdb"
    cli("build", "--source", str(SMALL_CSV), env_db=db)
    assert db.exists()
    assert '"n": 10' in cli("figures", "--format", "json", env_db=db).stdout


def test_reconstruct_check(tmp_path):
    assert "up to date" in cli("reconstruct", "--check").stdout
    changed = tmp_path / "responses.csv"
    changed.write_text((ROOT / "data" / "responses.csv").read_text(encoding="utf-8").replace("\n1,", "\n1 ,", 1))
    assert_clear_failure(cli("reconstruct", "--check", "--out", str(changed), check=False), 1, "is not what")


def test_crosstab_rows_intervals_and_significance(seed_db):
    import json as _json

    rows = _json.loads(cli("crosstab", "private_use", "--by", "age_group", "--format", "json", "--db",
                           str(seed_db)).stdout)
    assert list(rows[0]) == ["question", "banner", "group", "letter", "option", "base_n", "n", "w_base", "w_n",
                             "n_eff", "pct", "ci_low", "ci_high", "p_value", "significant", "flag"]
    assert [r["banner"] for r in rows[:2]] == ["total", "total"] and rows[0]["group"] == "all"
    rows = [r for r in rows if r["banner"] == "age_group"]
    assert [r["letter"] for r in rows if r["option"] == "yes"] == ["A", "B", "C", "D", "E"]
    assert all((r["w_base"], r["w_n"], r["n_eff"]) == (r["base_n"], r["n"], r["base_n"]) for r in rows)  # unweighted
    oldest = next(r for r in rows if (r["group"], r["option"]) == ("60_plus", "yes"))
    assert oldest["significant"] and oldest["p_value"] < 0.05 and oldest["ci_low"] < oldest["pct"] < oldest["ci_high"]
    assert next(r for r in rows if r["group"] == "under_30")["flag"] == "low_base"


def test_weighted_crosstab_rows_carry_the_weighted_counts(seed_db):
    import json as _json

    rows = _json.loads(cli("crosstab", "company_use", "--by", "gender", "--weights", "company", "--format", "json",
                           "--db", str(seed_db)).stdout)
    for r in rows:
        assert r["pct"] == pytest.approx(100 * r["w_n"] / r["w_base"])
        assert 0 < r["n_eff"] < r["base_n"] and r["w_base"] != r["base_n"]


def test_crosstab_keeps_hidden_groups_as_named_columns_without_numbers(seed_db):
    import csv as _csv
    import io as _io

    done = cli("crosstab", "company_use", "--by", "age_group", "--where", "industry=ict", "--format", "csv",
               "--db", str(seed_db))
    rows = [r for r in _csv.DictReader(_io.StringIO(done.stdout)) if r["banner"] == "age_group"]
    assert {r["group"] for r in rows if r["flag"] != "hidden"} == {"30_39", "40_49", "50_59", "60_plus"}
    hidden = [r for r in rows if r["flag"] == "hidden"]  # the 2 under 30, alone (the reconstruction's people)
    assert [r["group"] for r in hidden] == ["under_30"]
    assert all(r[c] == "" for r in hidden for c in ("option", "base_n", "n", "pct", "ci_low", "w_base", "n_eff"))
    assert "suppressed" not in done.stdout
    assert done.stderr == "note: company_use by age_group: One of 5 groups is not shown: it has fewer than 10 " \
                          "answers (or none).\n"


def test_crosstab_tells_no_group_of_none_from_one_of_a_few(seed_db):
    """Companies without employees have nobody under 30; ICT companies have 2: both are hidden alone, and the
    command says the same of both."""
    said = []
    for where in ("company_size=no_employees", "industry=ict"):
        done = cli("crosstab", "company_use", "--by", "age_group", "--where", where, "--format", "json",
                   "--db", str(seed_db))
        hidden = [r["group"] for r in json.loads(done.stdout) if r["flag"] == "hidden"]
        said.append((len(hidden), "under_30" in hidden, done.stderr))
    assert said[0] == said[1]


@pytest.mark.parametrize("command", [("crosstab", "private_use", "--by", "gender"), ("figures",)])
def test_a_selection_of_none_is_refused_as_one_of_a_few_is(seed_db, command):
    outcomes = []
    for where in (["gender=female", "role=other", "company_size=250_plus", "industry=ict"],
                  ["industry=ict", "age_group=under_30"]):
        done = cli(*command, *(a for w in where for a in ("--where", w)), "--db", str(seed_db), check=False)
        outcomes.append((done.returncode, done.stdout, done.stderr))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == 1 and outcomes[0][1] == "" and "Fewer than 10 respondents" in outcomes[0][2]


@pytest.mark.parametrize("args, phrase", [
    (("crosstab", "shoe_size", "--by", "gender"), "'shoe_size' is not a question"),
    (("crosstab", "private_use", "--by", "colour"), "'colour' is not a dimension"),
    (("crosstab", "private_use", "--by", "gender", "--weights", "heavy"), "invalid choice"),
    (("crosstab", "private_use", "--by", "gender", "--level", "80"), "invalid choice"),
    (("crosstab", "--by", "gender"), "name one or more questions, or --all"),
    (("crosstab", "private_use", "shoe_size"), "'shoe_size' is not a question"),
])
def test_bad_crosstab_arguments(seed_db, args, phrase):
    assert_clear_failure(cli(*args, "--db", str(seed_db), check=False), 2, phrase)


def test_figures_weighted_and_at_another_level(seed_db):
    import json as _json

    plain = _json.loads(cli("figures", "--format", "json", "--db", str(seed_db)).stdout)
    weighted = _json.loads(cli("figures", "--format", "json", "--weights", "company", "--level", "99", "--db",
                               str(seed_db)).stdout)
    f5 = [next(r for r in rows if (r["id"], r["option"]) == ("F5", "yes")) for rows in (plain, weighted)]
    assert f5[0]["n"] == f5[1]["n"] and f5[0]["pct"] != f5[1]["pct"]
    assert f5[1]["ci_high"] - f5[1]["ci_low"] > f5[0]["ci_high"] - f5[0]["ci_low"]
    assert "Published figures" not in cli("figures", "--weights", "company", "--db", str(seed_db)).stdout


def test_upgrade_says_what_it_did_and_fails_in_a_sentence(tmp_path, seed_db):
    assert "is up to date" in cli("upgrade", "--db", str(seed_db)).stdout
    missing = cli("upgrade", "--db", str(tmp_path / "missing.duckdb"), check=False)
    assert_clear_failure(missing, 1, "there is no database at")
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all" * 100)
    assert_clear_failure(cli("upgrade", "--db", str(junk), check=False), 1, "cannot be read as a survey database")


# --where on answers: any single- or multi-choice question by its codebook id, as in the URL.

def hand_count(seed_db, where: str) -> int:
    import duckdb

    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM responses WHERE {where}").fetchone()[0]
    finally:
        con.close()


def test_where_an_answer_keeps_those_who_answered_so(seed_db):
    rows = json.loads(cli("figures", "--where", "company_use=yes", "--format", "json", "--db", str(seed_db)).stdout)
    assert next(r for r in rows if r["id"] == "F2")["n"] == hand_count(seed_db, "company_use = 'yes'") == 307
    company = [r for r in rows if r["id"] == "F5"]  # company use: all of the selection said yes
    assert {r["option"]: r["pct"] for r in company}["yes"] == 100.0
    table = cli("figures", "--where", "company_use=yes", "--db", str(seed_db)).stdout
    assert "Published figures" not in table  # the check is of the whole sample only


def test_where_a_multi_choice_answer_keeps_those_who_chose_any_of_them(seed_db):
    done = cli("crosstab", "company_use", "--by", "gender", "--where", "private_channels=linkedin,twitter",
               "--where", "role=leader", "--format", "json", "--db", str(seed_db))
    rows = json.loads(done.stdout)
    bases = {r["group"]: r["base_n"] for r in rows if r["banner"] == "gender" and r["flag"] != "hidden"}
    assert bases  # a group too small to show has no numbers: each shown is counted by hand
    assert rows[0]["base_n"] == hand_count(seed_db, "(private_channels__linkedin OR private_channels__twitter) AND "
                                                    "role = 'leader'")  # the Total column
    for group, base_n in bases.items():
        assert base_n == hand_count(seed_db, "(private_channels__linkedin OR private_channels__twitter) AND "
                                             f"role = 'leader' AND gender = '{group}'")


def test_where_a_routed_answer_keeps_those_asked(seed_db):
    rows = json.loads(cli("crosstab", "company_purposes", "--by", "gender", "--where", "marketing_strategy=no",
                          "--format", "json", "--db", str(seed_db)).stdout)
    bases = {r["group"]: r["base_n"] for r in rows if r["banner"] == "gender" and r["flag"] != "hidden"}
    assert bases
    for group, base_n in bases.items():
        assert base_n == hand_count(seed_db, f"company_purposes__marketing AND marketing_strategy = 'no' AND "
                                             f"gender = '{group}'")
    assert all(r["pct"] == 100.0 for r in rows if r["option"] == "marketing")


def test_where_answers_too_narrow_are_refused(seed_db):
    done = cli("figures", "--where", "industry=ict", "--where", "guidelines_why_not=not_needed", "--where",
               "private_channels=myspace", "--db", str(seed_db), check=False)
    assert_clear_failure(done, 1, "Fewer than 10 respondents", "Widen --where.")
