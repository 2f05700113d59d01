"""The connections the queries run on: one read-only connection per database file, replaced when the file is,
and cursors on it lent to one caller at a time (queries.run and shares borrow theirs from here).

The database is attached read-only to the connection as its only database (the connection's own, an empty
read-only file, is detached once the survey is in use), so no statement can attach another, detach the survey
or write; the connection is then LOCKED. A database built by an earlier version of the app, which lacks what the
queries read (OUTDATED), is refused with OutdatedDatabase.
"""
from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import duckdb

QUERY_DIR = Path(__file__).resolve().parent
SEARCH_PATH = "SET search_path = 'survey.main'"
# What the queries read and the attached `survey` database lacks, one name a row: the <column>_mask of each
# multi-choice (LIST) column, the respondents' source_id and record_key, the tables of what each wave asked, and
# weights computed by this version's definition (WEIGHTS). A database built by an earlier version of the app
# lacks them (python -m survey upgrade adds them, every answer kept).
OUTDATED = """
    SELECT c.column_name || '_mask' AS missing FROM duckdb_columns() AS c
    WHERE c.database_name = 'survey' AND c.table_name = 'respondents' AND c.data_type LIKE '%[]'
      AND NOT EXISTS (SELECT 1 FROM duckdb_columns() AS m WHERE m.database_name = 'survey'
                      AND m.table_name = 'respondents' AND m.column_name = c.column_name || '_mask')
    UNION ALL
    SELECT wanted.name FROM (VALUES ('source_id'), ('record_key')) AS wanted(name)
    WHERE NOT EXISTS (SELECT 1 FROM duckdb_columns() WHERE database_name = 'survey'
                      AND table_name = 'respondents' AND column_name = wanted.name)
    UNION ALL
    SELECT name FROM (VALUES ('wave_questions'), ('wave_options')) AS wanted(name)
    WHERE NOT EXISTS (SELECT 1 FROM duckdb_tables() WHERE database_name = 'survey' AND table_name = wanted.name)
    UNION ALL
    SELECT 'weights' WHERE NOT EXISTS (SELECT 1 FROM duckdb_columns() WHERE database_name = 'survey'
                                       AND table_name = 'weighting_info' AND column_name = 'method')
"""
# The definition of the weights computed in the build (survey.stats.weighting), as weighting_info.method records it
# for each wave and scheme: weights computed by another (an earlier version's raking) are computed again by
# the upgrade. Delivered weights are the data's own (method NULL).
WEIGHTS = "bounded calibration 1"
OUTDATED_WEIGHTS = """
    SELECT 'weights' FROM survey.weighting_info WHERE scheme <> 'delivered' AND method IS DISTINCT FROM $method
    LIMIT 1
"""


def outdated(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What the database attached as `survey` to `con` lacks of what this version reads (OUTDATED, and weights
    computed by another definition than WEIGHTS)."""
    missing = [name for (name,) in con.execute(OUTDATED).fetchall()]
    if "weights" not in missing:
        missing += [name for (name,) in con.execute(OUTDATED_WEIGHTS, {"method": WEIGHTS}).fetchall()]
    return missing


# Once the database is attached and the macros made, the connection the pages query through touches no file,
# no extension and no network, and its configuration cannot be changed back: a query that reached SQL it
# should not (none does: values are bound, names come from allowlists) could still read nothing but the survey.
LOCKED = ("SET enable_external_access = false", "SET autoinstall_known_extensions = false",
          "SET autoload_known_extensions = false", "SET lock_configuration = true")


class MissingDatabase(FileNotFoundError):
    """There is no database file to query."""


class OutdatedDatabase(MissingDatabase):
    """The database was built before columns the queries read (python -m survey upgrade adds them)."""


class Connections:
    """One read-only connection per database file, replaced when the file is."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open: dict[Path, tuple[tuple, duckdb.DuckDBPyConnection]] = {}
        # cursors not lent now, by file identity: a pool for each version open, dropped when it is replaced
        self.idle: dict[tuple, list[duckdb.DuckDBPyConnection]] = {}

    def get(self, path: Path) -> tuple[tuple, duckdb.DuckDBPyConnection]:
        """The identity (path, inode, mtime, size) of the file `path` is or links to, and its connection. One
        stat through the link per call (every result kept is keyed on it, so it is asked often); the link is
        resolved only when the file it reaches has changed."""
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            raise MissingDatabase(f"there is no database at {path.resolve()}; build it with: "
                                  "python -m survey build") from None
        place, identity = os.path.abspath(path), (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        cached = self.open.get(place)  # read without the lock: the sessions' threads ask at once, all the time
        if cached is not None and cached[0][1:] == identity:
            return cached
        with self.lock:
            cached = self.open.get(place)
            if cached is None or cached[0][1:] != identity:
                self.open[place] = self.opened(path)
                if cached is not None and all(kept != cached[0] for kept, _ in self.open.values()):
                    for replaced in self.idle.pop(cached[0], []):  # those lent are closed as they come back
                        replaced.close()
                self.idle.setdefault(self.open[place][0], [])
            return self.open[place]

    def opened(self, path: Path) -> tuple[tuple, duckdb.DuckDBPyConnection]:
        """The file `path` reaches now, its identity and a new connection to it (a publish may switch the link
        between the caller's stat and this, so the identity is of the file connected to)."""
        target = path.resolve()
        try:
            stat = target.stat()
        except FileNotFoundError:
            raise MissingDatabase(f"there is no database at {target}; build it with: python -m survey build") from None
        return (str(target), stat.st_ino, stat.st_mtime_ns, stat.st_size), self.connect(target)

    @contextlib.contextmanager
    def cursor(self, path: Path) -> Iterator[tuple[tuple, duckdb.DuckDBPyConnection]]:
        """The file's identity and a cursor on its connection, with the search path set, lent to the caller
        until the block ends. A cursor runs one query at a time, so no two callers hold one at once; between
        loans it waits for the next caller, on any thread. (Streamlit runs each script run on a new thread:
        a cursor for each thread was a cursor prepared for each run, a twentieth of a run's time under load.)
        Cursors of versions that have been replaced are closed as they come back."""
        signature, con = self.get(path)
        with self.lock:
            idle = self.idle.get(signature)
            lent = idle.pop() if idle else None
        if lent is None:
            lent = prepared(con.cursor())
        try:
            yield signature, lent
        finally:
            self.give_back(signature, lent)

    def give_back(self, signature: tuple, lent: duckdb.DuckDBPyConnection) -> None:
        """Back to the version's pool; closed where the version has been replaced (get drops its pool)."""
        with self.lock:
            idle = self.idle.get(signature)
            if idle is not None:
                idle.append(lent)
                return
        lent.close()

    @staticmethod
    def connect(path: Path) -> duckdb.DuckDBPyConnection:
        """A read-only connection whose one database is the survey at `path`: opened on an empty read-only
        file of its own (an in-memory connection could attach another in-memory database and from it detach
        the survey), the survey attached and made the default, the empty one detached and deleted, LOCKED."""
        empty = _empty_file()
        con = duckdb.connect(str(empty), read_only=True)
        try:
            literal = "'" + str(path).replace("'", "''") + "'"
            con.execute(f"ATTACH {literal} AS survey (READ_ONLY)")
            missing = outdated(con)
            if missing:
                raise OutdatedDatabase(f"the database at {path} was built by an earlier version of the app (it "
                                       f"lacks {', '.join(missing)}); upgrade it, keeping every answer, with: "
                                       "python -m survey upgrade")
            con.execute("USE survey")
            con.execute(f"DETACH {empty.stem}")
            for statement in LOCKED:
                con.execute(statement)
        except BaseException:
            con.close()
            raise
        finally:
            empty.unlink(missing_ok=True)
        return prepared(con)


_folder: list[Path] = []
_numbers = itertools.count()


def _empty_file() -> Path:
    """A new empty DuckDB file (a file of its own for each connection: DuckDB shares one instance, with its
    locked settings, between the connections to one file), in a private temporary folder removed at exit."""
    if not _folder or not _folder[0].is_dir():
        _folder[:] = [Path(tempfile.mkdtemp(prefix="survey-queries-"))]
        atexit.register(shutil.rmtree, _folder[0], True)
    path = _folder[0] / f"nothing_{next(_numbers)}.duckdb"
    duckdb.connect(str(path)).close()
    return path


def prepared(cursor: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor (or the connection) ready for the queries: the search path, and the macros of _macros.sql."""
    cursor.execute(SEARCH_PATH)
    cursor.execute(_macros())
    return cursor


@lru_cache(maxsize=1)
def _macros() -> str:
    return (QUERY_DIR / "_macros.sql").read_text(encoding="utf-8")
