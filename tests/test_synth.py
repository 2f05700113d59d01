"""survey.demo.synth: a bootstrap of the reconstruction with the schema of a built database, on which every query
runs, with the reconstruction's joint structure, the same rows for the same seed. Timing is benchmarked
elsewhere, not here."""
from pathlib import Path

import duckdb
import pytest

import queries
from survey.analysis import counts
from survey.analysis.results import share_rows
from survey.demo.synth import synthesize
from survey.model import codebook as cb

N = 5000
# (question, by): the shares within each group of `by` are the reconstruction's, up to bootstrap noise.
PAIRS = [("company_use", "company_size"), ("private_use", "age_group"), ("private_channels", "gender")]
MIN_GROUP = 100  # seed respondents in a group compared: about 590 draws, a standard error of 2 points at most
TOLERANCE = 3.5  # percentage points


@pytest.fixture(scope="module")
def synth_db(seed_db, tmp_path_factory) -> Path:
    return synthesize(N, tmp_path_factory.mktemp("synth") / "synth.duckdb", seed=1, source_db=seed_db)


def fetch(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_query_runs(synth_db):
    for name in queries.names():
        assert len(counts.run(name, db=synth_db, **queries.examples(name))) > 0, name


def test_waves_and_build_info(synth_db):
    waves = counts.run("waves", db=synth_db)
    assert waves.to_dict("records") == [{"wave": "2010", "respondents": N, "source": "synth", "reconstructed": True}]
    info = counts.run("build_info", db=synth_db).iloc[0]
    assert (info["source"], info["respondents"], bool(info["reconstructed"])) == (f"synth:{N}:1", N, True)


def test_respondents_numbered_one_to_n(synth_db):
    assert fetch(synth_db, "SELECT count(*), count(DISTINCT respondent_id), min(respondent_id), max(respondent_id), "
                           "min(wave), max(wave) FROM respondents") == [(N, N, 1, N, "2010", "2010")]


def test_schema_is_the_seeds(seed_db, synth_db):
    describe = "SELECT column_name, column_type, \"null\", key FROM (DESCRIBE {})"
    tables = [t for (t,) in fetch(seed_db, "SELECT table_name FROM duckdb_tables() ORDER BY 1")]
    for relation in ["responses", *tables]:
        assert fetch(synth_db, describe.format(relation)) == fetch(seed_db, describe.format(relation)), relation
    enums = ("SELECT type_name, labels FROM duckdb_types() WHERE logical_type = 'ENUM' "
             "AND database_name = current_database() ORDER BY type_name")
    assert fetch(synth_db, enums) == fetch(seed_db, enums)
    assert fetch(synth_db, "SELECT table_name FROM duckdb_tables() ORDER BY 1") == [(t,) for t in tables]


def test_every_respondent_is_a_whole_seed_respondent(seed_db, synth_db):
    con = duckdb.connect(str(synth_db), read_only=True)
    try:
        con.execute(f"ATTACH '{seed_db}' AS seed (READ_ONLY)")
        columns = ", ".join(f"{c}::VARCHAR" for (c,) in con.execute(
            "SELECT column_name FROM (DESCRIBE respondents) "
            "WHERE column_name NOT IN ('respondent_id', 'wave', 'record_key')"
        ).fetchall())
        extra = con.execute(f"SELECT {columns} FROM main.respondents EXCEPT SELECT {columns} FROM seed.respondents")
        assert extra.fetchall() == []
    finally:
        con.close()


@pytest.mark.parametrize("question,by", PAIRS)
def test_joint_structure_is_the_reconstructions(seed_db, synth_db, no_filters, question, by):
    def shares(db):
        frame = share_rows(cb.load()[question], by=by, weights="none", params=no_filters, db=db)
        return frame.set_index(["group", "option"])
    seed, synth = shares(seed_db), shares(synth_db)
    compared = seed[seed["base_n"] >= MIN_GROUP].index
    assert len(compared) > 0
    gaps = (synth.loc[compared, "pct"] - seed.loc[compared, "pct"]).abs()
    assert gaps.max() <= TOLERANCE, gaps.sort_values().tail(3)


def test_same_seed_same_rows_other_seed_other_rows(seed_db, tmp_path):
    rows = "SELECT * FROM respondents ORDER BY respondent_id"
    first = fetch(synthesize(N, tmp_path / "a.duckdb", seed=7, source_db=seed_db), rows)
    again = fetch(synthesize(N, tmp_path / "b.duckdb", seed=7, source_db=seed_db), rows)
    other = fetch(synthesize(N, tmp_path / "a.duckdb", seed=8, source_db=seed_db), rows)
    assert first == again
    assert other != first
    assert not list(tmp_path.glob("*.tmp*"))
