"""Importing real exports: a second wave appended, a wave replaced, dry runs, versions and rollback, and a
kill in the middle of an import that leaves the published data intact."""
import os
import random
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from survey.analysis import counts
from survey.ingest import versions
from survey.ingest.imports import build, import_file
from survey.ingest.validate import InvalidResponses
from tests.conftest import ROOT, SMALL_CSV
from tests.test_figures import cli


def fresh_reader(path):
    con = duckdb.connect()
    con.execute(f"ATTACH '{path}' AS db (READ_ONLY)")
    con.execute("USE db")
    return con


def wave_file(tmp_path, wave: str, change=None):
    text = SMALL_CSV.read_text(encoding="utf-8").replace(",2010,", f",{wave},")
    path = tmp_path / f"wave_{wave}.csv"
    path.write_text(change(text) if change else text, encoding="utf-8")
    return path


@pytest.fixture
def seed_copy(tmp_path):
    return build(ROOT / "data" / "responses.csv", tmp_path / "survey.duckdb").path


def wave_sizes(db):
    return dict(fresh_reader(db).execute("SELECT wave, count(*) FROM responses GROUP BY 1").fetchall())


def test_a_second_wave_is_appended_and_the_first_kept(tmp_path, seed_copy):
    before = fresh_reader(seed_copy).execute(
        "SELECT company_use, count(*) FROM responses GROUP BY 1 ORDER BY 1").fetchall()
    result = import_file(wave_file(tmp_path, "2011"), seed_copy)
    assert (result.wave, result.respondents, result.kept) == ("2011", 10, {"2010": 847})
    assert wave_sizes(seed_copy) == {"2010": 847, "2011": 10}
    con = fresh_reader(seed_copy)
    assert con.execute("SELECT company_use, count(*) FROM responses WHERE wave = '2010' GROUP BY 1 ORDER BY 1"
                       ).fetchall() == before
    assert con.execute("SELECT wave, reconstructed FROM waves ORDER BY 1").fetchall() == [("2010", True),
                                                                                        ("2011", False)]
    assert len(versions.listing(seed_copy)) == 2


def test_importing_a_wave_again_replaces_only_that_wave(tmp_path, seed_copy):
    import_file(wave_file(tmp_path, "2011"), seed_copy)
    fewer = wave_file(tmp_path, "2011", lambda text: "\n".join(text.splitlines()[:6]) + "\n")
    import_file(fewer, seed_copy)
    assert wave_sizes(seed_copy) == {"2010": 847, "2011": 5}


def test_real_answers_for_the_reconstructed_wave_take_its_place(tmp_path, seed_copy):
    import_file(wave_file(tmp_path, "2010"), seed_copy)
    assert wave_sizes(seed_copy) == {"2010": 10}
    assert fresh_reader(seed_copy).execute("SELECT bool_or(reconstructed) FROM waves").fetchone() == (False,)


def test_a_dry_run_writes_nothing(tmp_path, seed_copy):
    before, listing = seed_copy.read_bytes(), versions.listing(seed_copy)
    result = import_file(wave_file(tmp_path, "2011"), seed_copy, dry_run=True)
    assert result.version is None and result.respondents == 10
    assert seed_copy.read_bytes() == before and versions.listing(seed_copy) == listing


def test_a_bad_import_leaves_everything_as_it_was(tmp_path, seed_copy):
    before, target = seed_copy.read_bytes(), os.readlink(seed_copy)
    bad = wave_file(tmp_path, "2011", lambda text: text.replace(",trade,", ",shops,"))
    with pytest.raises(InvalidResponses) as caught:
        import_file(bad, seed_copy)
    assert "column industry: unknown option: 'shops'" in caught.value.report()
    assert seed_copy.read_bytes() == before and os.readlink(seed_copy) == target
    assert len(versions.listing(seed_copy)) == 1


def test_versions_and_rollback_on_the_command_line(tmp_path, seed_copy):
    out = cli("import", str(wave_file(tmp_path, "2011")), "--db", str(seed_copy), "--lang", "en").stdout
    assert out.startswith("published ") and "other waves kept: 2010 (847)" in out
    listing = cli("versions", "--db", str(seed_copy)).stdout.splitlines()
    assert len(listing) == 3 and listing[2].startswith("*") and "2010, 2011" in listing[2]
    assert "waves 2010" in cli("rollback", "--db", str(seed_copy)).stdout
    assert wave_sizes(seed_copy) == {"2010": 847}
    again = cli("rollback", "--db", str(seed_copy), check=False)
    assert again.returncode == 1 and "there is no earlier version to roll back to" in again.stderr
    assert "published" in cli("rollback", versions.listing(seed_copy)[1].name, "--db", str(seed_copy)).stdout
    assert wave_sizes(seed_copy) == {"2010": 847, "2011": 10}
    result = cli("rollback", "nope", "--db", str(seed_copy), check=False)
    assert result.returncode == 1 and "there is no version 'nope'" in result.stderr


def test_dry_run_and_bad_file_on_the_command_line(tmp_path, seed_copy):
    out = cli("import", str(wave_file(tmp_path, "2011")), "--dry-run", "--db", str(seed_copy), "--lang", "en").stdout
    assert "Nothing was written (--dry-run)" in out
    norsk = cli("import", str(wave_file(tmp_path, "2011")), "--dry-run", "--db", str(seed_copy)).stdout
    assert "Ingenting ble skrevet (--dry-run)" in norsk and "bølge 2011, 10 respondenter" in norsk
    junk = tmp_path / "junk.csv"
    junk.write_bytes(os.urandom(2000))
    result = cli("import", str(junk), "--db", str(seed_copy), check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("ingenting ble skrevet.")
    result = cli("import", str(junk), "--db", str(seed_copy), "--lang", "en", check=False)
    assert result.stderr.strip().splitlines()[-1].endswith("nothing was written.")


def test_a_reader_keeps_its_version_while_an_import_publishes(tmp_path, seed_copy):
    from survey.model import codebook as cb
    from survey.model.filters import Filters

    params = Filters().params(cb.load())
    old = counts.connection(seed_copy)
    import_file(wave_file(tmp_path, "2011"), seed_copy)
    assert old.execute("SELECT count(*) FROM survey.respondents").fetchone() == (847,)
    assert counts.run("respondent_count", db=seed_copy, **params)["n"].iloc[0] == 857


def test_a_killed_import_leaves_the_published_data_intact(tmp_path, seed_copy):
    rng = random.Random(7)
    source = wave_file(tmp_path, "2011")
    for attempt in range(6):
        target_before = os.readlink(seed_copy)
        process = subprocess.Popen([sys.executable, "-m", "survey", "import", str(source), "--db", str(seed_copy)],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        published = wave_sizes(seed_copy)
        assert published in ({"2010": 847}, {"2010": 847, "2011": 10}), (attempt, published)
        if os.readlink(seed_copy) == target_before:
            assert published == wave_sizes(versions.current(seed_copy))
        for version in versions.listing(seed_copy):
            assert version.source != "(unreadable)", "a listed version is always complete"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=3000),
                         st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=8), max_size=12).map(
                             lambda rows: "\n".join(";".join(r) for r in rows).encode("utf-8"))))
def test_fuzzed_files_never_leave_a_partial_database(tmp_path, seed_copy, content):
    before, target, listing = seed_copy.read_bytes(), os.readlink(seed_copy), versions.listing(seed_copy)
    junk = tmp_path / "fuzz.csv"
    junk.write_bytes(content)
    try:
        import_file(junk, seed_copy, wave="2011")
    except InvalidResponses as err:
        assert err.report().splitlines()[-1].endswith("nothing was written.")
    assert seed_copy.read_bytes() == before and os.readlink(seed_copy) == target
    assert versions.listing(seed_copy) == listing
