"""Waves on the command line: --where wave=..., --by wave, the published figures checked on their own wave
whatever else is loaded, and questions a wave did not ask."""
import csv
import io
import json

import duckdb
import pytest

from survey.analysis import published
from survey.ingest.imports import build, import_file
from survey.model import codebook as cb
from survey.model.filters import FilterError, parse_where
from tests.conftest import ROOT
from tests.test_cli import assert_clear_failure
from tests.test_figures import REPRODUCIBLE, cli

NEW = 200  # respondents of wave 2011: the first rows of the reconstruction, given the wave 2011


def wave_2011_file(folder):
    lines = (ROOT / "data" / "responses.csv").read_text(encoding="utf-8").splitlines()
    path = folder / "wave_2011.csv"
    path.write_text("\n".join([lines[0], *(line.replace(",2010,", ",2011,", 1) for line in lines[1:NEW + 1])])
                    + "\n", encoding="utf-8")
    return path


def two_waves(folder):
    db = build(ROOT / "data" / "responses.csv", folder / "survey.duckdb").path
    import_file(wave_2011_file(folder), db)
    return db


@pytest.fixture(scope="module")
def waves_db(tmp_path_factory):
    """The reconstruction (wave 2010, 847 respondents) and a wave 2011 of 200."""
    return two_waves(tmp_path_factory.mktemp("waves"))


@pytest.fixture(scope="module")
def unasked_db(tmp_path_factory):
    """As waves_db, but wave 2011 did not ask `challenges`: imported from a file without its columns."""
    folder = tmp_path_factory.mktemp("unasked")
    db = build(ROOT / "data" / "responses.csv", folder / "survey.duckdb").path
    with open(wave_2011_file(folder), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    keep = [i for i, c in enumerate(rows[0]) if not c.startswith("challenges__")]
    shorter = folder / "wave_2011_short.csv"
    with open(shorter, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([[row[i] for i in keep] for row in rows])
    import_file(shorter, db)
    return db


def sql(db, statement):
    con = duckdb.connect()
    con.execute(f"ATTACH '{db}' AS db (READ_ONLY)")
    con.execute("USE db")
    return con.execute(statement).fetchall()


def as_json(*args):
    return json.loads(cli(*args, "--format", "json").stdout)


def test_parse_where_checks_the_wave_against_the_waves_given(codebook):
    assert parse_where(codebook, ["wave=2011", "gender=male"], ["2010", "2011"]).params(codebook)["wave"] == ["2011"]
    assert parse_where(codebook, ["wave=2010,2011,2010"], ["2010", "2011"]).selected["wave"] == ("2010", "2011")
    with pytest.raises(FilterError, match="'2012' is not a wave of the database; it holds waves 2010, 2011"):
        parse_where(codebook, ["wave=2012"], ["2010", "2011"])
    with pytest.raises(FilterError, match="waves of the database are not known"):
        parse_where(codebook, ["wave=2010"])
    with pytest.raises(FilterError, match="use one of wave, gender"):
        parse_where(codebook, ["sex=male"], ["2010"])


@pytest.mark.parametrize("where, respondents", [("wave=2011", NEW), ("wave=2010", 847), ("wave=2010,2011", 847 + NEW)])
def test_figures_where_wave(waves_db, where, respondents):
    rows = as_json("figures", "--where", where, "--db", str(waves_db))
    chosen = "', '".join(where.removeprefix("wave=").split(","))
    (yes, asked), = sql(waves_db, "SELECT count(*) FILTER (WHERE company_use = 'yes'), count(*) FROM responses "
                                  f"WHERE wave IN ('{chosen}')")
    f5 = next(r for r in rows if (r["id"], r["option"]) == ("F5", "yes"))
    assert (f5["n"], f5["base_n"]) == (yes, asked) and asked == respondents
    assert next(r for r in rows if r["id"] == "F2")["n"] == respondents
    assert all("wave" not in r for r in rows)


def test_figures_without_a_wave_filter_count_every_wave(waves_db):
    rows = as_json("figures", "--db", str(waves_db))
    assert next(r for r in rows if r["id"] == "F2")["n"] == 847 + NEW


def test_figures_by_wave(waves_db):
    rows = as_json("figures", "--by", "wave", "--db", str(waves_db))
    assert all(list(r) == ["id", "wave", "option", "group", "base_n", "n", "pct", "ci_low", "ci_high"] for r in rows)
    counted = dict((w, (yes, n)) for w, yes, n in sql(
        waves_db, "SELECT wave, count(*) FILTER (WHERE private_use = 'yes'), count(*) FROM responses GROUP BY 1"))
    for wave in ("2010", "2011"):
        f4 = next(r for r in rows if (r["id"], r["wave"], r["option"]) == ("F4", wave, "yes"))
        assert (f4["n"], f4["base_n"]) == counted[wave]
        assert next(r for r in rows if (r["id"], r["wave"]) == ("F2", wave))["n"] == counted[wave][1]
    assert published.verdicts([r for r in rows if r["wave"] == "2010"]) == \
        published.verdicts(as_json("figures", "--where", "wave=2010", "--db", str(waves_db)))
    one = as_json("figures", "--by", "wave", "--where", "wave=2011", "--where", "gender=male", "--db", str(waves_db))
    (men,), = sql(waves_db, "SELECT count(*) FROM responses WHERE wave = '2011' AND gender = 'male'")
    assert {r["wave"] for r in one} == {"2011"} and next(r for r in one if r["id"] == "F2")["n"] == men


def test_figures_by_wave_in_csv_and_table(waves_db):
    rows = list(csv.DictReader(io.StringIO(cli("figures", "--by", "wave", "--format", "csv", "--db",
                                               str(waves_db)).stdout)))
    assert list(rows[0])[:3] == ["id", "wave", "option"] and {r["wave"] for r in rows} == {"2010", "2011"}
    table = cli("figures", "--by", "wave", "--db", str(waves_db)).stdout
    assert table.startswith("id   wave  option") and "F2   2011  responses" in table


def test_the_published_figures_are_checked_on_their_own_wave(waves_db):
    for args in ((), ("--where", "wave=2011"), ("--by", "wave")):
        out = cli("figures", *args, "--db", str(waves_db)).stdout
        check = out[out.index("Published figures (wave 2010, whole sample, unweighted):"):]
        for figure_id in REPRODUCIBLE:
            assert f"\n{figure_id:<4} reproduced " in check
        assert check.count(" reproduced ") == len(REPRODUCIBLE)
        assert "Left out of the check: wave 2011 (the figures were published from wave 2010 alone)." in check
    assert published.published_check(cb.load(), waves_db).verdicts == {
        f.id: (True if f.check else None) for f in published.FIGURES}
    assert isinstance(as_json("figures", "--db", str(waves_db)), list)
    assert "Published figures" not in cli("figures", "--where", "gender=male", "--db", str(waves_db)).stdout


def test_one_wave_leaves_nothing_out(seed_db):
    out = cli("figures", "--db", str(seed_db)).stdout
    assert "Published figures (wave 2010, whole sample, unweighted):" in out and "Left out" not in out


def test_without_the_published_wave_the_figures_cannot_be_checked(tmp_path):
    db = build(wave_2011_file(tmp_path), tmp_path / "survey.duckdb").path
    out = cli("figures", "--db", str(db)).stdout
    assert "The published figures cannot be checked: the database has no wave 2010 (it holds wave 2011)." in out
    assert " reproduced " not in out


def test_crosstab_by_wave(waves_db):
    rows = as_json("crosstab", "company_use", "--by", "wave", "--db", str(waves_db))
    counted = sql(waves_db, "SELECT wave, count(*) FILTER (WHERE company_use = 'yes'), count(*) FROM responses "
                            "GROUP BY 1 ORDER BY 1")
    assert [(r["group"], r["n"], r["base_n"]) for r in rows
            if r["option"] == "yes" and r["banner"] == "wave"] == counted


def test_crosstab_where_wave(waves_db):
    rows = as_json("crosstab", "guidelines", "--by", "gender", "--where", "wave=2011", "--db", str(waves_db))
    counted = dict(((g, o), n) for g, o, n in sql(
        waves_db, "SELECT gender, guidelines, count(*) FROM responses WHERE wave = '2011' GROUP BY ALL"))
    shown = [r for r in rows if r["flag"] != "hidden" and r["banner"] == "gender"]
    assert shown and all(r["n"] == counted.get((r["group"], r["option"]), 0) for r in shown)


def test_crosstab_by_wave_with_one_wave(seed_db):
    rows = as_json("crosstab", "private_use", "--by", "wave", "--db", str(seed_db))
    rows = [r for r in rows if r["banner"] == "wave"]
    assert {r["group"] for r in rows} == {"2010"} and sum(r["n"] for r in rows) == 847


@pytest.mark.parametrize("args", [("figures",), ("crosstab", "private_use", "--by", "gender")])
@pytest.mark.parametrize("where", ["wave=2012", "wave=2010,2012"])
def test_an_unknown_wave(waves_db, args, where):
    result = cli(*args, "--where", where, "--db", str(waves_db), check=False)
    assert_clear_failure(result, 2, "'2012' is not a wave of the database; it holds waves 2010, 2011")
    assert result.stdout == ""


def test_a_question_no_chosen_wave_asked(unasked_db):
    result = cli("crosstab", "challenges", "--by", "gender", "--where", "wave=2011", "--db", str(unasked_db),
                 check=False)
    assert_clear_failure(result, 1, "challenges was not asked in wave 2011")
    assert result.stdout == "" and result.stderr.count("\n") == 1


def test_a_question_some_waves_did_not_ask(unasked_db):
    note = "note: challenges was not asked in wave 2011; its rows are of wave 2010 only"
    by_wave = cli("crosstab", "challenges", "--by", "wave", "--format", "json", "--db", str(unasked_db))
    assert note in by_wave.stderr
    assert {r["group"] for r in json.loads(by_wave.stdout) if r["banner"] == "wave"} == {"2010"}
    pooled = cli("crosstab", "challenges", "--by", "gender", "--format", "json", "--db", str(unasked_db))
    assert note in pooled.stderr
    (asked,), = sql(unasked_db, "SELECT count(*) FROM respondents WHERE gender = 'male' AND challenges IS NOT NULL")
    assert asked == next(r for r in json.loads(pooled.stdout) if r["group"] == "male")["base_n"]
    assert cli("crosstab", "challenges", "--by", "gender", "--where", "wave=2010", "--db", str(unasked_db)).stderr == ""


def test_figures_say_which_figure_a_wave_did_not_ask(unasked_db):
    result = cli("figures", "--where", "wave=2011", "--format", "json", "--db", str(unasked_db))
    assert "note: challenges was not asked in wave 2011: F13 has no rows of it" in result.stderr
    assert not any(r["id"] == "F13" for r in json.loads(result.stdout))


def test_the_response_rate_is_of_the_published_waves_invitations_only(waves_db):
    """F3 divides by the 20,000 invitations of wave 2010: for a selection with other waves there is no rate."""
    def f3(*where):
        rows = json.loads(cli("figures", *where, "--format", "json", "--db", str(waves_db)).stdout)
        return next(r for r in rows if r["id"] == "F3")
    assert f3("--where", "wave=2010")["pct"] == pytest.approx(100 * 847 / 20000)
    assert f3("--where", "wave=2011")["pct"] is None
    assert f3()["pct"] is None
