"""The SQL modules: one .sql file per result, values only as DuckDB named parameters ($gender, ...).

    run("respondent_count", wave=[], gender=[], ...) -> DataFrame
    shares([("private_use", ["none", "gender"]), ("challenges", ["none"])], weights="none", gender=[], ...)
        -> [DataFrame, DataFrame]

A query that needs a column chosen at run time (the split, the weight) picks it with
COLUMNS(lambda c: c = $by): the name stays a bound value, and one that names no column is a QueryError.

shares() counts the charts of a page in one statement: DuckDB spends a few milliseconds binding and planning
each statement whatever the data, which on a page of eight charts cost more than the counting. Its statement
(_shares.sql) has one counting part per chart (_shares_part.sql) with the columns written in: each name is
looked up in an allowlist made from the codebook and the columns of the database, and quoted; the filter
values stay bound. It also counts the selection, for the n a page shows above its charts. An option is
counted only in the waves that offered it (wave_options); the cells of a question keep their wave only where
the waves that asked it offered different options (Allowlist.by_wave), since one more column to group on
costs a good part of the counting.

A query reads the respondents who match the filters as {segment} (_segment.sql), written in with only the
lines of the filters in use: it takes the seven filters, and binds those that are not empty. It also takes,
optionally, `answers`: {question: option ids}, a filter on the answers to any other question; each question
in it gets a line of its own (_answer.sql, its names from the allowlist) and binds its list as $<question>.

Each file starts with a comment saying what one row is and, on lines starting with `-- $`, the parameters it
takes with an example value. Unknown names and missing or unexpected parameters raise QueryError.

The database is attached read-only to one cached connection, as its only database (the connection's own, an
empty read-only file, is detached once the survey is in use), so no statement can attach another, detach the
survey or write; each thread queries through a cursor of its own on it, with the table macros of _macros.sql
(temporary, the cursor's own), so threads (Streamlit sessions) can query at the same time. When the database
file is replaced (a new build), the next call opens the new file; calls already running on the old one finish
on it.

Every count of respondents a query returns beside the sum of their cell keys (a column <count>_key) is
perturbed before it is kept or returned (survey.stats.protection.publish): nothing reads an exact count of a wave
whose counts have noise. Which waves those are is read per database version (_exact_waves). A statement that
reaches such a wave takes no weights, no filter of several options and no filter on answers (_protected: each
would let the true counts be worked out); it raises QueryError instead. Where the options of a single-choice
question add up to a group's base, their published counts are made to add up to its published base
(_blocks, protection.additive).

Results are cached on (the database file's identity, the rules of perturbation, the query, its parameters):
a published version never changes, so a cached result is never stale, and a new version has a new identity.
The cache holds the most recently used results only (MAX_CACHED), and every caller gets its own copy.
"""
from __future__ import annotations

import atexit
import itertools
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from survey.base.kept import Kept
from survey.base.paths import database_path
from survey.stats import protection
from survey.stats.estimates import load_rules

QUERY_DIR = Path(__file__).resolve().parent
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
HEADER_PARAMETERS = re.compile(r"^--\s*(\$[^:]+):.*?(?:example:\s*(.+))?$")
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
MAX_CACHED = 2048
# Once the database is attached and the macros made, the connection the pages query through touches no file,
# no extension and no network, and its configuration cannot be changed back: a query that reached SQL it
# should not (none does: values are bound, names come from allowlists) could still read nothing but the survey.
LOCKED = ("SET enable_external_access = false", "SET autoinstall_known_extensions = false",
          "SET autoload_known_extensions = false", "SET lock_configuration = true")


class QueryError(ValueError):
    """A query was asked for by a name that does not exist, or with the wrong parameters."""


class MissingDatabase(FileNotFoundError):
    """There is no database file to query."""


class OutdatedDatabase(MissingDatabase):
    """The database was built before columns the queries read (python -m survey upgrade adds them)."""


def names() -> list[str]:
    """The names of all queries run by name (the .sql files; those starting with _ are the macros and the
    templates of shares())."""
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
    """The named parameters the query uses: its own, and the filters if it reads {segment} (and then, though
    not named here, as a caller may leave it out: `answers`)."""
    text = strip_comments_and_strings(sql(name))
    return frozenset(PARAMETER.findall(text)) | (filter_parameters() if SEGMENT in text else frozenset())


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
        self.local = threading.local()  # each thread's cursors, by file identity

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

    def cursor(self, path: Path) -> tuple[tuple, duckdb.DuckDBPyConnection]:
        """The file's identity and this thread's cursor on its connection, with the search path set. A cursor
        runs one query at a time, so each thread has its own; opening one for every query cost a few tenths of
        a millisecond each. A thread drops its cursors on versions that have been replaced."""
        signature, con = self.get(path)
        cursors = self.local.__dict__.setdefault("cursors", {})
        if signature not in cursors:
            with self.lock:
                current = {kept for kept, _ in self.open.values()}
            for replaced in [s for s in cursors if s not in current]:
                cursors.pop(replaced).close()
            cursors[signature] = prepared(con.cursor())
        return signature, cursors[signature]

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


_connections = _Connections()


def version(db: str | os.PathLike | None = None) -> tuple:
    """The identity of the database file in use (path, inode, modification time, size): a new build or import
    is a new version, so anything computed from query results can be cached on it."""
    return _connections.get(database_path(db))[0]


def connection(db: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """The cached connection for the database in use (see survey.base.paths.database_path)."""
    return _connections.get(database_path(db))[1]


_results = Kept(MAX_CACHED)


def clear_cache() -> None:
    """Forget every kept result, and which waves' counts are exact (the setting may have changed)."""
    _results.clear()
    _exact.clear()


def run(name: str, *, db: str | os.PathLike | None = None, **params) -> pd.DataFrame:
    """The result of query `name` with the named parameters `params`, as a DataFrame."""
    wanted = parameters(name)  # and `answers`, which may be left out, where the query reads the segment
    _check(name, wanted, {k: v for k, v in params.items() if k != ANSWERS or not filter_parameters() <= wanted})
    values = _values(params)
    signature, cursor = _connections.cursor(database_path(db))
    return _results.get(_key(signature, name, values),
                        lambda: _execute(cursor, signature, name, values)).copy()  # a copy each


def _values(params: dict) -> dict:
    """The parameters as they are bound and kept: lists for tuples, and `answers` left out where it filters
    nothing (so a view without it and one with an empty one share their results)."""
    values = {k: _plain(v) for k, v in params.items() if k != ANSWERS}
    answers = {q: _plain(v) for q, v in (params.get(ANSWERS) or {}).items() if v}
    return {**values, ANSWERS: answers} if answers else values


def _key(signature: tuple, name: str, values: dict) -> tuple:
    return (signature, _rules(), name, json.dumps(values, sort_keys=True))


def _rules() -> tuple:
    """What else a result depends on: the rules of perturbation (survey.stats.protection) in force."""
    return (protection.load(), load_rules().min_group)


def _check(name: str, wanted: frozenset[str], params: dict) -> None:
    missing, unexpected = wanted - params.keys(), params.keys() - wanted
    if missing or unexpected:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(sorted(missing))}")
        if unexpected:
            parts.append(f"unexpected {', '.join(sorted(unexpected))}")
        raise QueryError(f"query {name}: {'; '.join(parts)}")


def _execute(cursor: duckdb.DuckDBPyConnection, signature: tuple, name: str, values: dict) -> pd.DataFrame:
    statement, bound = _with_segment(_template(name), values, _exact_of(_exact_waves(cursor, signature), values),
                                     _allowlist(cursor, signature) if values.get(ANSWERS) else None)
    try:
        return protection.publish(cursor.execute(statement, bound).df(), load_rules().min_group)
    except duckdb.BinderException as err:
        if "empty set of columns" not in str(err):
            raise
        named = ", ".join(f"${k} = {values[k]!r}" for k in ("question", "by", "weights") if k in values)
        raise QueryError(f"query {name}: one of {named} names no column of the data") from None


def _plain(value):
    """Tuples become lists, so DuckDB binds them as LIST values."""
    return list(value) if isinstance(value, (tuple, set, frozenset)) else value


# shares(): the charts of a page in one statement.

SHARE_COLUMNS = ["split", "group", "group_position", "option", "option_position", "n", "base_n", "pct", "w_n",
                 "w_base", "w2_base"]


def shares(parts: Iterable[tuple[str, Sequence[str]]], *, weights: str, db: str | os.PathLike | None = None,
           **filters) -> list[pd.DataFrame]:
    """For each part (a question id and its list of splits), the rows of its shares: one per split, group and
    option, with the columns of SHARE_COLUMNS (see _shares.sql). The parts not already kept are counted in
    one statement. `weights` is a weighting scheme or "none"; `filters` the filter lists the statement takes.

    The statement also counts the respondents who match the filters, and keeps that as the result of
    respondent_count with the same filters: a page that counts its charts before its header shows the
    selection's n sends no query for it. (Only when the statement returns rows: with none, it may be that
    nobody was asked the questions, not that nobody matches.)"""
    _check("shares", filter_parameters(), {k: v for k, v in filters.items() if k != ANSWERS})
    parts = [(question, list(splits)) for question, splits in parts]
    signature, cursor = _connections.cursor(database_path(db))
    values = _values(filters)
    about = json.dumps([weights, values], sort_keys=True)
    keys = [(signature, _rules(), "shares", question, tuple(splits), about) for question, splits in parts]
    found = {key: _results.find(key) for key in keys}
    missing = [key for key, frame in found.items() if frame is None]
    if missing:
        counted, selected = _count_shares(cursor, signature, [(k[3], list(k[4])) for k in missing], weights, values)
        for key, frame in zip(missing, counted):
            found[key] = _results.get(key, lambda frame=frame: frame)
        if selected is not None:
            _results.get(_key(signature, "respondent_count", values), lambda: selected)
    return [found[key].copy() for key in keys]  # each caller gets its own copy


def _count_shares(cursor, signature: tuple, parts: list, weights: str,
                  values: dict) -> tuple[list[pd.DataFrame], pd.DataFrame | None]:
    """The frame of each part, and the result of respondent_count (None when the statement returned no rows)."""
    allowed = _allowlist(cursor, signature)
    splits = list(dict.fromkeys(split for _, part_splits in parts for split in part_splits))
    for question, part_splits in parts:
        if question not in allowed.questions:
            raise QueryError(f"query shares: {question!r} names no question of the codebook with a column")
        unknown = [split for split in part_splits if split not in allowed.splits]
        if unknown:
            raise QueryError(f"query shares: the split {unknown[0]!r} names no dimension with a column")
    if weights != "none" and weights not in allowed.weights:
        raise QueryError(f"query shares: the weights {weights!r} name no weight column")
    exact = _exact_of(_exact_waves(cursor, signature), values)
    keyed = exact != EVERY_WAVE
    cells = "\n    UNION ALL\n    ".join(
        _share_part(number, question, allowed.questions[question], part_splits, splits, weights,
                    question in allowed.by_wave, keyed)
        for number, (question, part_splits) in enumerate(parts, start=1))
    statement, bound = _with_segment(
        _filled("_shares", {"cells": cells, "segment": SEGMENT, "selected_key": "sum(cell_key)" if keyed else "NULL"}),
        values, exact, allowed, weights)
    bound = {**bound, "questions": [q for q, _ in parts], "splits": splits}
    if any(q not in allowed.by_wave for q, _ in parts):
        bound["cell_waves"] = [allowed.first_wave.get(q) for q, _ in parts]
    counted = cursor.execute(statement, bound).df()
    kinds = [allowed.questions[question] for question, _ in parts]
    frame = protection.publish(counted, load_rules().min_group, _blocks(counted, kinds))
    bounds = frame["part"].searchsorted(range(1, len(parts) + 2)).tolist()  # the rows come ordered by part
    rows = frame[SHARE_COLUMNS]
    selected = pd.DataFrame({"n": frame["selected"].iloc[:1].to_numpy()}) if len(frame) else None
    return [rows.iloc[start:end].reset_index(drop=True) for start, end in zip(bounds, bounds[1:])], selected


def _blocks(counted: pd.DataFrame, kinds: list[str]) -> pd.Series:
    """For each row of shares' statement, its block (part, split, group) where its part's question is single
    choice, whose options' counts add up to the group's base (survey.stats.protection.additive); None elsewhere."""
    single = counted["part"].map(lambda part: kinds[part - 1] == "single")
    block = counted["part"].astype(str) + "|" + counted["split"].astype(str) + "|" + counted["group"].astype(str)
    return block.where(single, None)


def _share_part(number: int, question: str, kind: str, part_splits: list[str], splits: list[str],
                weights: str, by_wave: bool, keyed: bool) -> str:
    """The counting SELECT of one part (_shares_part.sql) with its names written in. `by_wave`: the waves that
    asked the question did not all offer the same options, so its cells keep the wave; otherwise they do not
    (one more column to group a million respondents on costs a third more), and are counted against the
    options of the first wave that asked it ($cell_waves, one per part). `keyed`: some counts are perturbed,
    so the cells sum their cell keys."""
    def text(split: str) -> str:
        if split not in part_splits:
            return f"NULL::VARCHAR AS {_quoted(split)}"
        return "'all' AS \"none\"" if split == "none" else f"{_quoted(split)}::VARCHAR AS {_quoted(split)}"

    weight = _quoted(f"weight_{weights}")
    return _filled("_shares_part", {
        "part": str(number),
        "splits": ", ".join(text(split) for split in splits),
        "groups": "".join(f"{_quoted(split)}, " for split in part_splits if split != "none"),
        "answer": _quoted(question + ("_mask" if kind == "multi" else "")),
        "option": "answer::VARCHAR" if kind == "single" else "NULL::VARCHAR",
        "mask": "answer" if kind == "multi" else "NULL::UINTEGER",
        "sums": "" if weights == "none" else f", sum({weight}) AS w_sum, sum({weight} * {weight}) AS w2_sum",
        "w_n": "n::DOUBLE" if weights == "none" else "w_sum",
        "w2_n": "n::DOUBLE" if weights == "none" else "w2_sum",
        "weighted": "" if weights == "none" else f" AND {weight} IS NOT NULL",
        "wave_group": "wave AS cell_wave, " if by_wave else "",
        "cell_wave": "cell_wave" if by_wave else f"$cell_waves[{number}]",
        "keys": ", sum(cell_key) AS k" if keyed else "",
        "k": "k" if keyed else "NULL::HUGEINT",
    })


def _filled(template: str, names: dict[str, str]) -> str:
    """The template with each {name} replaced, in one pass (so nothing written in is read again)."""
    return re.sub(r"\{([a-z_0-9]+)\}", lambda m: names[m.group(1)], _template(template))


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    """A .sql file without its comment lines (a {name} in a comment is not written into)."""
    text = (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--")).strip()


# {segment}: the respondents who match the filters (_segment.sql), written into the statements that read them.

SEGMENT = "{segment}"
ANSWERS = "answers"  # as survey.model.filters.ANSWERS (queries imports nothing of the core but protection and rules)


@lru_cache(maxsize=None)
def filter_parameters() -> frozenset[str]:
    """The filters, as _segment.sql names them."""
    return frozenset(PARAMETER.findall(_template("_segment")))


def _with_segment(statement: str, values: dict, exact: tuple[str, ...],
                  allowed: Allowlist | None = None, weights: str | None = None) -> tuple[str, dict]:
    """The statement with {segment} written in, and the values it binds: the filters left empty are left out
    of both (see _segment.sql). `exact`: the waves whose counts are exact (_exact_waves). `allowed`: the
    names that may be written in, needed where `answers` filters on any question. `weights`: the scheme the
    statement counts by, where it is not among `values` (shares()). A statement reaching waves with noise is
    checked first (_protected)."""
    if SEGMENT not in statement:
        return statement, values
    if exact != EVERY_WAVE:
        _protected(values, exact, weights or values.get("weights", "none"))
    used = frozenset(name for name in filter_parameters() if values[name])
    bound = {name: value for name, value in values.items()
             if name != ANSWERS and (name in used or name not in filter_parameters())}
    answers = tuple((question, _answer_kind(question, allowed, bound)) for question, chosen
                    in (values.get(ANSWERS) or {}).items() if chosen)
    bound |= {question: list(values[ANSWERS][question]) for question, _ in answers}
    if exact not in (EVERY_WAVE, ()):
        bound["exact_waves"] = list(exact)
    return statement.replace(SEGMENT, _segment(used, _cell_key(exact), answers)), bound


def _protected(values: dict, exact: tuple[str, ...], weights: str) -> None:
    """Raise QueryError where a statement reaching waves with noise has a filter of several options (a union), a
    filter on answers, or weights (survey.stats.protection: each would let the true counts be worked out)."""
    if weights != "none":
        raise QueryError("weighted figures are not published for waves with noise: choose waves whose counts "
                         "are exact, or no weights")
    if any((values.get(ANSWERS) or {}).values()):
        raise QueryError("filters on answers are not offered for waves with noise (their answers are counted in "
                         "the charts of the selection instead): choose waves whose counts are exact")
    several = protection.unions({name: values.get(name) or [] for name in filter_parameters()}, set(exact))
    if several:
        raise QueryError(f"on waves with noise each filter holds one option (a wave filter at most one wave with "
                         f"noise); {', '.join(several)} holds several")


def _answer_kind(question: str, allowed: Allowlist | None, bound: dict) -> str:
    """The kind of a question filtered on by its answers, once it is known to be a question of the codebook
    with a column (not a dimension, which has a line of its own), whose name is free to be its parameter."""
    if allowed is None or question not in allowed.questions or question in allowed.splits \
            or not NAME.match(question) or question in bound:
        raise QueryError(f"the answers filter {question!r} names no question of the codebook with a column")
    return allowed.questions[question]


def _cell_key(exact: tuple[str, ...]) -> str:
    """The segment's cell_key column: the record key, or NULL, or the record key outside the exact waves."""
    if exact == EVERY_WAVE:
        return "NULL::USMALLINT"
    if not exact:
        return "r.record_key"
    return "CASE WHEN list_contains($exact_waves, r.wave) THEN NULL ELSE r.record_key END"


@lru_cache(maxsize=None)
def _segment(used: frozenset[str], cell_key: str, answers: tuple[tuple[str, str], ...] = ()) -> str:
    """_segment.sql in parentheses, without the lines of the filters not in `used`, with its cell_key and a
    line (_answer.sql) for each (question, kind) of `answers`."""
    lines = [line for line in _template("_segment").splitlines() if set(PARAMETER.findall(line)) <= used]
    answered = "\n".join(_filled("_answer", {
        "question": question,
        "test": "any_chosen" if kind == "multi" else "chosen",
        "column": _quoted(question + "_mask" if kind == "multi" else question),
    }) for question, kind in answers)
    return "(\n" + "\n".join(lines).replace("{cell_key}", cell_key).replace("{answers}", answered) + "\n)"


# The waves whose counts are exact (survey.stats.protection): EVERY_WAVE where every wave of the database is, so that
# no key is summed at all.
EVERY_WAVE = ("*",)
_exact = Kept(16)


def exact_waves(db: str | os.PathLike | None = None) -> list[str]:
    """The waves of the database whose counts are shown exact (survey.stats.protection)."""
    signature, cursor = _connections.cursor(database_path(db))
    exact = _exact_waves(cursor, signature)
    if exact == EVERY_WAVE:
        return [w for (w,) in cursor.execute("SELECT wave FROM survey.waves ORDER BY wave").fetchall()]
    return list(exact)


def _exact_of(exact: tuple[str, ...], values: dict) -> tuple[str, ...]:
    """The exact waves as a statement with the filters `values` needs them: where its wave filter keeps only
    exact waves, EVERY_WAVE (no key summed), and where it keeps none of them, none (no CASE per respondent)."""
    chosen = values.get("wave") or []
    if not chosen or exact == EVERY_WAVE:
        return exact
    if set(chosen) <= set(exact):
        return EVERY_WAVE
    return exact if set(chosen) & set(exact) else ()


def _exact_waves(cursor: duckdb.DuckDBPyConnection, signature: tuple) -> tuple[str, ...]:
    def make() -> tuple[str, ...]:
        waves = cursor.execute("SELECT wave, reconstructed FROM survey.waves").df()
        exact = protection.load().exact_waves(waves)
        return EVERY_WAVE if set(exact) >= set(waves["wave"]) else tuple(exact)
    return _exact.get((signature, protection.load()), make)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Allowlist:
    questions: dict  # question id -> kind, for the questions with their column
    splits: frozenset  # none, wave and the dimensions with their column
    weights: frozenset  # the weighting schemes with a column weight_<scheme>
    by_wave: frozenset = frozenset()  # the questions whose options differ between the waves that asked them
    first_wave: dict = field(default_factory=dict)  # question -> the first wave that asked it


_allowlists = Kept(16)
RESPONDENT_COLUMNS = """
    SELECT column_name FROM duckdb_columns() WHERE database_name = 'survey' AND table_name = 'respondents'
"""
OFFERED_BY_WAVE = """
    SELECT question_id FROM (SELECT question_id, wave, list(option_id ORDER BY position) AS offered
                             FROM survey.wave_options GROUP BY ALL)
    GROUP BY question_id HAVING count(DISTINCT offered) > 1
"""


def _allowlist(cursor: duckdb.DuckDBPyConnection, signature: tuple) -> Allowlist:
    """The names shares() may write into its statement: the codebook's questions and dimensions, and the
    weighting schemes, each only if the database has its column."""
    def make() -> Allowlist:
        columns = {name for (name,) in cursor.execute(RESPONDENT_COLUMNS).fetchall()}
        codebook = cursor.execute("SELECT question_id, kind, dimension FROM survey.codebook_questions").fetchall()
        questions = {question: kind for question, kind, _ in codebook if kind in ("single", "multi")
                     and (question + "_mask" if kind == "multi" else question) in columns}
        splits = {question for question, _, dimension in codebook if dimension and question in questions}
        weights = {name.removeprefix("weight_") for name in columns if name.startswith("weight_")}
        by_wave = {question for (question,) in cursor.execute(OFFERED_BY_WAVE).fetchall()}
        first = dict(cursor.execute("SELECT question_id, min(wave) FROM survey.wave_options GROUP BY 1").fetchall())
        return Allowlist(questions, frozenset(splits | {"none"} | ({"wave"} & columns)), frozenset(weights),
                         frozenset(by_wave), first)
    return _allowlists.get(signature, make)
