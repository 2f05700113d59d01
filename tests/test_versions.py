"""Housekeeping of versions: leftovers of killed writers, pruning, file modes, and links planted in the
versions folder."""
import os
import shutil
import subprocess
import sys
import time

import pytest

from survey.ingest import versions
from survey.ingest.build import publish_version
from survey.ingest.imports import build
from tests.conftest import SMALL_CSV
from tests.test_figures import cli


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    assert not versions.alive(process.pid)
    return process.pid


def more_versions(db, count):
    """`count` further versions of `db`, each a copy of the published one (as fast as a copy)."""
    made = []
    for _ in range(count):
        made.append(publish_version(db, lambda tmp: shutil.copyfile(versions.current(db), tmp)))
    return made


def plant(db, pid, stem="survey-20260101T000000000000Z.duckdb"):
    """What a writer with process id `pid` leaves when it is killed."""
    place = versions.folder(db)
    building = place / f".{stem}.{pid}.building"
    building.write_bytes(b"half a database")
    (place / f"{building.name}.wal").write_bytes(b"log")
    (place / f"{building.name}.tmp").mkdir()
    (place / f"{building.name}.tmp" / "spill.block").write_bytes(b"x")
    link = db.with_name(f".{db.name}.{pid}.link")
    link.symlink_to(os.path.relpath(versions.current(db), db.parent))
    return {building, place / f"{building.name}.wal", place / f"{building.name}.tmp", link}


def test_building_path_carries_the_writers_process_id(tmp_path):
    target = versions.new_path(tmp_path / "survey.duckdb")
    assert versions.building_path(target) == target.with_name(f".{target.name}.{os.getpid()}.building")


def test_leftovers_of_a_dead_process_are_removed_and_those_of_running_ones_kept(published_db):
    listing = versions.listing(published_db)
    dead = plant(published_db, dead_pid())
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mine = plant(published_db, os.getpid(), "survey-20260101T000000000001Z.duckdb")
        sleeping = plant(published_db, sleeper.pid, "survey-20260101T000000000002Z.duckdb")
        place = versions.folder(published_db)
        old = place / ".survey-20250101T000000000000Z.duckdb.building"   # the naming without a process id
        old.write_bytes(b"old")
        (place / f"{old.name}.wal").write_bytes(b"old log")
        two_hours_ago = time.time() - 7200
        for path in (old, place / f"{old.name}.wal"):
            os.utime(path, (two_hours_ago, two_hours_ago))
        fresh = place / ".survey-20250101T000000000001Z.duckdb.building"
        fresh.write_bytes(b"being written by a build of the old code")
        others = [place / "notes.txt", place / ".survey.duckdb.building.bak", published_db.parent / "other.link"]
        for path in others:
            path.write_text("not a leftover")

        removed = versions.remove_leftovers(published_db)

        assert set(removed) == dead | {old, place / f"{old.name}.wal"}
        assert not any(os.path.lexists(p) for p in removed)
        assert all(os.path.lexists(p) for p in mine | sleeping | {fresh, *others})
        assert versions.listing(published_db) == listing
        assert versions.remove_leftovers(published_db) == []
    finally:
        sleeper.kill()
        sleeper.wait()
    assert set(versions.remove_leftovers(published_db)) == sleeping


def test_no_versions_folder_no_leftovers(tmp_path):
    assert versions.remove_leftovers(tmp_path / "survey.duckdb") == []


def test_prune_keeps_the_newest_and_always_the_published_one(published_db):
    first = versions.current(published_db)
    second, third, fourth = more_versions(published_db, 3)
    versions.rollback(published_db, first.stem)           # the published one is now the oldest
    place = versions.folder(published_db)
    strays = [place / "notes.txt", place / "backup.duckdb", place / ".survey-x.duckdb.123.building.bak"]
    for path in strays:
        shutil.copyfile(first, path)

    removed = versions.prune(published_db, 2)

    assert [v.path for v in removed] == [second]
    assert [v.path for v in versions.listing(published_db)] == [first, third, fourth]
    assert versions.current(published_db) == first and all(p.exists() for p in strays)
    assert versions.prune(published_db, 2) == []
    assert [v.path for v in versions.prune(published_db, 1)] == [third]
    assert [(v.path, v.published) for v in versions.listing(published_db)] == [(first, True), (fourth, False)]
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="whole number of at least 1"):
            versions.prune(published_db, bad)


def test_prune_on_the_command_line(published_db):
    first = versions.current(published_db)
    newer = more_versions(published_db, 2)
    dead = plant(published_db, dead_pid())
    result = cli("versions", "--prune", "1", "--db", str(published_db))
    assert f"removed {first.stem} " in result.stdout and f"removed {newer[0].stem} " in result.stdout
    assert "left behind by a process that no longer runs" in result.stdout
    assert not any(os.path.lexists(p) for p in dead)
    assert [v.path for v in versions.listing(published_db)] == [newer[1]]
    assert result.stdout.rstrip().splitlines()[-1].lstrip().startswith("*")    # then the listing
    assert "nothing to prune" in cli("versions", "--prune", "3", "--db", str(published_db)).stdout
    for bad in ("0", "-1", "two", "1.5", ""):
        result = cli("versions", "--prune", bad, "--db", str(published_db), check=False)
        assert result.returncode == 2, (bad, result.stderr)
        assert result.stderr.startswith("error: --prune takes the number of versions to keep")
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert [v.path for v in versions.listing(published_db)] == [newer[1]]


def test_keep_setting(tmp_path):
    assert versions.keep_setting() == 20                   # data/versions.yaml
    assert versions.keep_setting(tmp_path / "absent.yaml") == versions.DEFAULT_KEEP
    settings = tmp_path / "versions.yaml"
    settings.write_text("keep_versions: 5\n")
    assert versions.keep_setting(settings) == 5
    for bad in ("0", "-2", "2.5", "true", "many", "[3]"):
        settings.write_text(f"keep_versions: {bad}\n")
        with pytest.raises(ValueError, match=f"keep_versions in {settings} must be a whole number"):
            versions.keep_setting(settings)
    settings.write_text("- 20\n")
    with pytest.raises(ValueError, match=str(settings)):
        versions.keep_setting(settings)


def mode(path):
    return os.stat(path).st_mode & 0o777


def test_the_versions_folder_is_the_owners_only_and_an_open_one_is_tightened(tmp_path):
    db = tmp_path / "survey.duckdb"
    versions.new_path(db)
    assert mode(versions.folder(db)) == 0o700
    os.chmod(versions.folder(db), 0o755)
    versions.new_path(db)
    assert mode(versions.folder(db)) == 0o700


def test_seal_makes_a_version_the_owners_only_and_never_follows_a_link(published_db, tmp_path):
    version = versions.current(published_db)
    os.chmod(version, 0o644)
    versions.seal(version)
    assert mode(version) == 0o600
    outside = tmp_path / "outside.duckdb"
    shutil.copyfile(version, outside)
    os.chmod(outside, 0o644)
    link = versions.folder(published_db) / "survey-20200101T000000000000Z.duckdb"
    link.symlink_to(outside)
    with pytest.raises(OSError):
        versions.seal(link)
    assert mode(outside) == 0o644


def test_an_adopted_plain_database_becomes_a_sealed_version(published_db, tmp_path):
    db = tmp_path / "old" / "survey.duckdb"
    db.parent.mkdir()
    shutil.copyfile(versions.current(published_db), db)
    versions.adopt(db)
    assert db.is_symlink() and mode(versions.folder(db)) == 0o700 and mode(versions.current(db)) == 0o600


def test_versions_made_by_a_build_are_the_owners_only(tmp_path):
    db = build(SMALL_CSV, tmp_path / "survey.duckdb").path
    build(SMALL_CSV, db)
    assert mode(versions.folder(db)) == 0o700
    assert [mode(v.path) for v in versions.listing(db)] == [0o600, 0o600]


def test_a_planted_link_is_neither_listed_nor_published(published_db, tmp_path):
    published = versions.current(published_db)
    listing = versions.listing(published_db)
    outside = tmp_path / "outside.duckdb"
    shutil.copyfile(published, outside)                        # a real DuckDB file, outside the folder
    place = versions.folder(published_db)
    planted = place / "survey-20990101T000000000000Z.duckdb"   # the newest name there is
    planted.symlink_to(outside)
    (place / "survey-20990101T000000000001Z.duckdb").mkdir()  # nor anything that is not a regular file

    assert versions.listing(published_db) == listing
    with pytest.raises(versions.VersionError, match="symbolic link"):
        versions.rollback(published_db, planted.stem)
    with pytest.raises(versions.VersionError, match="cannot be published"):
        versions.point(published_db, planted)
    with pytest.raises(versions.VersionError, match="cannot be published"):
        versions.point(published_db, outside)
    assert versions.current(published_db) == published
    result = cli("rollback", planted.stem, "--db", str(published_db), check=False)
    assert result.returncode == 1 and "is not a version" in result.stderr and "Traceback" not in result.stderr
    assert versions.prune(published_db, 1) == [] and planted.is_symlink() and outside.exists()
    assert versions.current(published_db) == published
