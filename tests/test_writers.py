"""Two writers at once, as real processes: imports started together or a moment apart, a large import beside a
small one, a rollback or a prune racing an import. Whatever the timing, nothing published is lost: the result is
what the writers would have made one after the other (survey.ingest.versions.writer)."""
import os
import subprocess
import sys
import time

import duckdb
import pytest

from survey.ingest import versions
from survey.ingest.imports import build
from survey.texts.problems import waiting_text
from tests.conftest import ROOT

BASE = 847  # the reconstruction's respondents, wave 2010
LINES = (ROOT / "data" / "responses.csv").read_text(encoding="utf-8").splitlines()


def wave_file(path, wave: str, n: int):
    """`n` respondents of `wave`: the reconstruction's answers over again, numbered 1..n."""
    rows = [f"{i + 1},{wave},{LINES[1 + i % (len(LINES) - 1)].split(',', 2)[2]}" for i in range(n)]
    path.write_text("\n".join([LINES[0], *rows]) + "\n", encoding="utf-8")
    return path


def start(*args) -> subprocess.Popen:
    env = {"PATH": "/usr/bin:/bin", "SURVEY_STATISTICS": os.environ["SURVEY_STATISTICS"]}
    return subprocess.Popen([sys.executable, "-m", "survey", *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> tuple[str, str]:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    return out, err


def waves(db) -> dict[str, int]:
    """The published version's waves and their respondents, as a reader opening it now sees them."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT wave, count(*) FROM respondents GROUP BY wave").fetchall())
    finally:
        con.close()


def hold(db, seconds: float) -> subprocess.Popen:
    """Another process that is the writer of `db` for `seconds` (versions.writer), once it says so."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from survey.ingest import versions\n"
        "with versions.writer(Path(sys.argv[1])):\n"
        "    print('holding', flush=True); time.sleep(float(sys.argv[2]))\n"), str(db), str(seconds)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


@pytest.fixture
def base(tmp_path):
    return build(ROOT / "data" / "responses.csv", tmp_path / "survey.duckdb").path


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2, 0.5, 1.0])
def test_two_imports_at_once_keep_both_waves(base, tmp_path, delay):
    first = start("import", wave_file(tmp_path / "w2011.csv", "2011", 200), "--db", base)
    time.sleep(delay)
    second = start("import", wave_file(tmp_path / "w2012.csv", "2012", 150), "--db", base)
    outputs = [finished(first), finished(second)]
    assert waves(base) == {"2010": BASE, "2011": 200, "2012": 150}
    # each says what it kept, and the second to publish kept the first's wave
    said = [out for out, _ in outputs]
    assert sum("2011 (200)" in out or "2012 (150)" in out for out in said) >= 1


@pytest.mark.parametrize("large_first", [True, False])
def test_a_large_import_beside_a_small_one_loses_neither(base, tmp_path, large_first):
    large = wave_file(tmp_path / "large.csv", "2012", 100_000)
    small = wave_file(tmp_path / "small.csv", "2011", 120)
    order = [large, small] if large_first else [small, large]
    running = [start("import", order[0], "--db", base)]
    time.sleep(0.3)
    running.append(start("import", order[1], "--db", base))
    for process in running:
        finished(process)
    assert waves(base) == {"2010": BASE, "2011": 120, "2012": 100_000}


def test_a_writer_that_must_wait_says_so_and_then_builds_on_the_other(base, tmp_path):
    holder = hold(base, 2)
    started = time.monotonic()
    out, err = finished(start("import", wave_file(tmp_path / "w2011.csv", "2011", 200), "--db", base,
                              "--lang", "en"))
    assert time.monotonic() - started > 1.0, "it waited for the holder"
    assert f"note: {waiting_text(holder.pid, 'en')}" in err
    holder.wait(timeout=10)
    assert "other waves kept: 2010 (847)" in out
    assert waves(base) == {"2010": BASE, "2011": 200}


def test_a_killed_writer_lets_go(base, tmp_path):
    """The lock goes with its holder: an import after a writer killed mid-way does not wait for ever."""
    holder = hold(base, 60)
    importing = start("import", wave_file(tmp_path / "w2011.csv", "2011", 200), "--db", base)
    time.sleep(0.5)
    holder.kill()
    holder.wait(timeout=10)
    finished(importing)
    assert waves(base) == {"2010": BASE, "2011": 200}


@pytest.mark.parametrize("delay", [0.0, 0.1, 0.4])
def test_a_rollback_racing_an_import_is_one_or_the_other_first(base, tmp_path, delay):
    first = versions.listing(base)[-1].name  # wave 2010 alone
    finished(start("import", wave_file(tmp_path / "w2011.csv", "2011", 200), "--db", base))
    importing = start("import", wave_file(tmp_path / "w2012.csv", "2012", 150), "--db", base)
    time.sleep(delay)
    finished(start("rollback", first, "--db", base))
    finished(importing)
    # rollback first, then the import on it: 2010 and 2012; the import first, then the rollback: 2010 alone.
    # Never the import published over the rollback as if it had not happened (2010, 2011 and 2012).
    assert waves(base) in ({"2010": BASE, "2012": 150}, {"2010": BASE})


@pytest.mark.parametrize("delay", [0.0, 0.1, 0.4])
def test_a_prune_racing_an_import_keeps_what_is_published(base, tmp_path, delay):
    for wave in ("2011", "2012"):
        finished(start("import", wave_file(tmp_path / f"w{wave}.csv", wave, 100), "--db", base))
    importing = start("import", wave_file(tmp_path / "w2013.csv", "2013", 150), "--db", base)
    time.sleep(delay)
    finished(start("versions", "--prune", "1", "--db", base))
    finished(importing)
    assert waves(base) == {"2010": BASE, "2011": 100, "2012": 100, "2013": 150}
    assert versions.current(base).exists()


def test_a_rollback_to_an_unreadable_version_is_refused(base, tmp_path):
    finished(start("import", wave_file(tmp_path / "w2011.csv", "2011", 200), "--db", base))
    broken = versions.listing(base)[0]
    os.chmod(broken.path, 0o600)
    broken.path.write_bytes(b"not a database" * 100)
    assert not versions.listing(base)[0].readable
    published = versions.current(base)
    result = subprocess.run([sys.executable, "-m", "survey", "rollback", broken.name, "--db", str(base)], cwd=ROOT,
                            env={"PATH": "/usr/bin:/bin", "SURVEY_STATISTICS": os.environ["SURVEY_STATISTICS"]},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"the version {broken.name} cannot be read as a survey database, so it is not published" in result.stderr
    assert versions.current(base) == published
    assert waves(base) == {"2010": BASE, "2011": 200}


def test_a_writer_of_one_database_is_not_the_writer_of_another(tmp_path):
    """Held again by its thread for the same folder (a prune inside a publish), taken anew for another one."""
    first, second = (build(ROOT / "tests" / "fixtures" / "responses_small.csv", tmp_path / f"{n}.duckdb").path
                     for n in ("a", "b"))
    with versions.writer(first):
        with versions.writer(first):
            assert (versions.folder(first) / versions.LOCK).read_text().strip() == str(os.getpid())
        with versions.writer(second):
            assert (versions.folder(second) / versions.LOCK).read_text().strip() == str(os.getpid())
        assert (versions.folder(second) / versions.LOCK).read_text() == ""
        assert (versions.folder(first) / versions.LOCK).read_text().strip() == str(os.getpid())
