"""The SQL modules: one .sql file per result, values only as DuckDB named parameters ($gender, ...).

    run("option_share", question="private_use", by=["none"], weights="none", gender=[], ...) -> DataFrame

A query that needs a column chosen at run time (the question, the split, the weight) picks it with
COLUMNS(lambda c: c = $question): the name stays a bound value, and one that names no column is a QueryError.

Each file starts with a comment saying what one row is and, on lines starting with `-- $`, the parameters it
takes with an example value. Unknown names and missing or unexpected parameters raise QueryError.

The database is attached read-only to one cached in-memory connection, which also holds the table macros of
_macros.sql; every call gets its own cursor, so threads (Streamlit sessions) can query at the same time. When
the database file is replaced (a new build), the next call opens the new file; calls already running on the
old one finish on it.

Results are cached on (the database file's identity, the query, its parameters): a published version never
changes, so a cached result is never stale, and a new version has a new identity. The cache holds the most
recently used results only (MAX_CACHED), and every caller gets its own copy.
"""
from __future__ import annotations

import json
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from survey.kept import Kept
from survey.paths import database_path

QUERY_DIR = Path(__file__).resolve().parent
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
HEADER_PARAMETERS = re.compile(r"^--\s*(\$[^:]+):.*?(?:example:\s*(.+))?$")
SEARCH_PATH = "SET search_path = 'survey.main,memory.main'"
# The multi-choice (LIST) columns of the attached `survey` database without their <column>_mask: a database
# built before the masks were, which the queries cannot read (python -m survey upgrade adds them).
OUTDATED = """
    SELECT c.column_name FROM duckdb_columns() AS c
    WHERE c.database_name = 'survey' AND c.table_name = 'respondents' AND c.data_type LIKE '%[]'
      AND NOT EXISTS (SELECT 1 FROM duckdb_columns() AS m WHERE m.database_name = 'survey'
                      AND m.table_name = 'respondents' AND m.column_name = c.column_name || '_mask')
"""
MAX_CACHED = 2048


class QueryError(ValueError):
    """A query was asked for by a name that does not exist, or with the wrong parameters."""


class MissingDatabase(FileNotFoundError):
    """There is no database file to query."""


class OutdatedDatabase(MissingDatabase):
    """The database was built before columns the queries read (python -m survey upgrade adds them)."""


def names() -> list[str]:
    """The names of all queries (the .sql files, without the macros)."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql") if not p.stem.startswith("_"))


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    if not NAME.match(name) or name not in names():
        raise QueryError(f"there is no query named {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def strip_comments_and_strings(text: str) -> str:
    return re.sub(r"--[^\n]*|'(?:[^']|'')*'", " ", text)


@lru_cache(maxsize=None)
def parameters(name: str) -> frozenset[str]:
    """The named parameters the query uses."""
    return frozenset(PARAMETER.findall(strip_comments_and_strings(sql(name))))


@lru_cache(maxsize=None)
def examples(name: str) -> dict:
    """The example value of each parameter, from the header comment of the query."""
    found: dict = {}
    for line in sql(name).splitlines():
        match = HEADER_PARAMETERS.match(line)
        if match and match.group(2):
            for param in PARAMETER.findall(match.group(1)):
                found[param] = json.loads(match.group(2))
    return found


class _Connections:
    """One read-only connection per database file, replaced when the file is."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open: dict[Path, tuple[tuple, duckdb.DuckDBPyConnection]] = {}

    def get(self, path: Path) -> tuple[tuple, duckdb.DuckDBPyConnection]:
        """The file's identity (path, inode, mtime, size) and its connection."""
        path = path.resolve()
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise MissingDatabase(f"there is no database at {path}; build it with: python -m survey build") from None
        signature = (str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)
        with self.lock:
            cached = self.open.get(path)
            if cached is None or cached[0] != signature:
                self.open[path] = (signature, self.connect(path))
            return self.open[path]

    @staticmethod
    def connect(path: Path) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect()
        literal = "'" + str(path).replace("'", "''") + "'"
        con.execute(f"ATTACH {literal} AS survey (READ_ONLY)")
        lists = con.execute(OUTDATED).fetchall()
        if lists:
            con.close()
            raise OutdatedDatabase(f"the database at {path} was built before the columns {lists[0][0]}_mask and "
                                   "others; upgrade it, keeping every answer, with: python -m survey upgrade")
        con.execute((QUERY_DIR / "_macros.sql").read_text(encoding="utf-8"))
        return con


_connections = _Connections()


def version(db: str | os.PathLike | None = None) -> tuple:
    """The identity of the database file in use (path, inode, modification time, size): a new build or import
    is a new version, so anything computed from query results can be cached on it."""
    return _connections.get(database_path(db))[0]


def connection(db: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """The cached connection for the database in use (see survey.paths.database_path)."""
    return _connections.get(database_path(db))[1]


_results = Kept(MAX_CACHED)
clear_cache = _results.clear


def run(name: str, *, db: str | os.PathLike | None = None, **params) -> pd.DataFrame:
    """The result of query `name` with the named parameters `params`, as a DataFrame."""
    wanted = parameters(name)
    missing, unexpected = wanted - params.keys(), params.keys() - wanted
    if missing or unexpected:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(sorted(missing))}")
        if unexpected:
            parts.append(f"unexpected {', '.join(sorted(unexpected))}")
        raise QueryError(f"query {name}: {'; '.join(parts)}")
    values = {k: _plain(v) for k, v in params.items()}
    signature, con = _connections.get(database_path(db))
    key = (signature, name, json.dumps(values, sort_keys=True))
    return _results.get(key, lambda: _execute(con, name, values)).copy()  # each caller gets its own copy


def _execute(con: duckdb.DuckDBPyConnection, name: str, values: dict) -> pd.DataFrame:
    cursor = con.cursor()
    try:
        cursor.execute(SEARCH_PATH)
        return cursor.execute(sql(name), values).df()
    except duckdb.BinderException as err:
        if "empty set of columns" not in str(err):
            raise
        named = ", ".join(f"${k} = {values[k]!r}" for k in ("question", "by", "weights") if k in values)
        raise QueryError(f"query {name}: one of {named} names no column of the data") from None
    finally:
        cursor.close()


def _plain(value):
    """Tuples become lists, so DuckDB binds them as LIST values."""
    return list(value) if isinstance(value, (tuple, set, frozenset)) else value
