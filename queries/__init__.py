"""The SQL modules: one .sql file per result, values only as DuckDB named parameters ($gender, ...). The lowest
layer of the core (survey.LAYERS): it imports nothing of survey.

    run("respondent_count", rules=rules, db=path, wave=[], gender=[], ...) -> DataFrame
    shares([("private_use", ["none", "gender"]), ("challenges", ["none"])], weights="none", rules=rules, db=path,
           gender=[], ...) -> [DataFrame, DataFrame]

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

The database is attached read-only to one cached connection, as its only database, locked (queries.connections);
each call borrows a cursor on it, with the table macros of _macros.sql, that no other call holds meanwhile, so
threads (Streamlit sessions) can query at the same time. When the database file is replaced (a new build), the next
call opens the new file; calls already running on the old one finish on it.

Every call names the database file (`db`) and the rules it publishes counts by (`rules`, see Rules; the core's
are survey.stats.protection.Rules, and survey.analysis.counts passes the rules in force and the database in
use): queries imports nothing of the core. Every count of respondents a query returns beside the sum of their
cell keys (a column <count>_key) is published by the rules before it is kept or returned: nothing reads an
exact count of a wave whose counts have noise. Which waves those are the rules say, from the database's table
of waves (_exact_waves). A statement that reaches such a wave takes no weights, no filter of several options
and no filter on answers (_protected: each would let the true counts be worked out); it raises QueryError
instead. Where the options of a single-choice question add up to a group's base, their published counts are
made to add up to its published base (_blocks, given to the rules' publish).

Results are cached on (the database file's identity, the rules, the query, its parameters): a published
version never changes, so a cached result is never stale, and a new version has a new identity. The cache
holds the most recently used results only (MAX_CACHED), and every caller gets its own copy.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import duckdb
import pandas as pd

from queries.connections import (  # noqa: F401 (MissingDatabase, ... are queries' own names to its callers)
    OUTDATED_WEIGHTS,
    QUERY_DIR,
    WEIGHTS,
    Connections,
    MissingDatabase,
    OutdatedDatabase,
    outdated,
)
from queries.kept import Kept

NAME = re.compile(r"^[a-z][a-z0-9_]*$")
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
HEADER_PARAMETERS = re.compile(r"^--\s*(\$[^:]+):.*?(?:example:\s*(.+))?$")
MAX_CACHED = 2048


class Rules(Protocol):
    """What counts are published by (survey.stats.protection.Rules). Hashable: results are kept under it."""

    def exact_waves(self, waves: pd.DataFrame) -> list[str]:
        """Of the waves (a frame with wave and reconstructed), those whose counts are shown exact."""

    def unions(self, selected: dict, exact: set) -> list[str]:
        """The filters of `selected` ({filter: values}) that a selection reaching waves not in `exact` may not
        have."""

    def publish(self, frame: pd.DataFrame, blocks: pd.Series | None = None) -> pd.DataFrame:
        """The result as it may be shown: each count with a <count>_key column published, the keys dropped;
        `blocks`, for each row, the block whose counts of choosers add up to their base, or None."""


class QueryError(ValueError):
    """A query was asked for by a name that does not exist, or with the wrong parameters."""


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


_connections = Connections()


def version(db: str | os.PathLike) -> tuple:
    """The identity of the database file `db` (path, inode, modification time, size): a new build or import
    is a new version, so anything computed from query results can be cached on it."""
    return _connections.get(Path(db))[0]


def connection(db: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """The cached connection to the database file `db`."""
    return _connections.get(Path(db))[1]


_results = Kept(MAX_CACHED)


def clear_cache() -> None:
    """Forget every kept result, and which waves' counts are exact (the setting may have changed)."""
    _results.clear()
    _exact.clear()


def run(name: str, *, rules: Rules, db: str | os.PathLike, **params) -> pd.DataFrame:
    """The result of query `name` on the database `db` with the named parameters `params`, as a DataFrame,
    its counts published by `rules`."""
    wanted = parameters(name)  # and `answers`, which may be left out, where the query reads the segment
    _check(name, wanted, {k: v for k, v in params.items() if k != ANSWERS or not filter_parameters() <= wanted})
    values = _values(params)
    with _connections.cursor(Path(db)) as (signature, cursor):
        return _results.get(_key(signature, rules, name, values),
                            lambda: _execute(cursor, signature, rules, name, values)).copy()  # a copy each


def _values(params: dict) -> dict:
    """The parameters as they are bound and kept: lists for tuples, and `answers` left out where it filters
    nothing (so a view without it and one with an empty one share their results)."""
    values = {k: _plain(v) for k, v in params.items() if k != ANSWERS}
    answers = {q: _plain(v) for q, v in (params.get(ANSWERS) or {}).items() if v}
    return {**values, ANSWERS: answers} if answers else values


def _key(signature: tuple, rules: Rules, name: str, values: dict) -> tuple:
    return (signature, rules, name, json.dumps(values, sort_keys=True))


def _check(name: str, wanted: frozenset[str], params: dict) -> None:
    missing, unexpected = wanted - params.keys(), params.keys() - wanted
    if missing or unexpected:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(sorted(missing))}")
        if unexpected:
            parts.append(f"unexpected {', '.join(sorted(unexpected))}")
        raise QueryError(f"query {name}: {'; '.join(parts)}")


def _execute(cursor: duckdb.DuckDBPyConnection, signature: tuple, rules: Rules, name: str,
             values: dict) -> pd.DataFrame:
    statement, bound = _with_segment(_template(name), values, rules,
                                     _exact_of(_exact_waves(cursor, signature, rules), values),
                                     _allowlist(cursor, signature) if values.get(ANSWERS) else None)
    try:
        return rules.publish(cursor.execute(statement, bound).df())
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


def shares(parts: Iterable[tuple[str, Sequence[str]]], *, weights: str, rules: Rules, db: str | os.PathLike,
           **filters) -> list[pd.DataFrame]:
    """For each part (a question id and its list of splits), the rows of its shares: one per split, group and
    option, with the columns of SHARE_COLUMNS (see _shares.sql), its counts published by `rules`. The parts
    not already kept are counted in one statement. `weights` is a weighting scheme or "none"; `filters` the
    filter lists the statement takes.

    The statement also counts the respondents who match the filters, and keeps that as the result of
    respondent_count with the same filters: a page that counts its charts before its header shows the
    selection's n sends no query for it. (Only when the statement returns rows: with none, it may be that
    nobody was asked the questions, not that nobody matches.)"""
    _check("shares", filter_parameters(), {k: v for k, v in filters.items() if k != ANSWERS})
    parts = [(question, list(splits)) for question, splits in parts]
    with _connections.cursor(Path(db)) as (signature, cursor):
        values = _values(filters)
        about = json.dumps([weights, values], sort_keys=True)
        keys = [(signature, rules, "shares", question, tuple(splits), about) for question, splits in parts]
        found = {key: _results.find(key) for key in keys}
        missing = [key for key, frame in found.items() if frame is None]
        if missing:
            counted, selected = _count_shares(cursor, signature, rules, [(k[3], list(k[4])) for k in missing],
                                              weights, values)
            for key, frame in zip(missing, counted):
                found[key] = _results.get(key, lambda frame=frame: frame)
            if selected is not None:
                _results.get(_key(signature, rules, "respondent_count", values), lambda: selected)
        return [found[key].copy() for key in keys]  # each caller gets its own copy


def _count_shares(cursor, signature: tuple, rules: Rules, parts: list, weights: str,
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
    exact = _exact_of(_exact_waves(cursor, signature, rules), values)
    keyed = exact != EVERY_WAVE
    cells = "\n    UNION ALL\n    ".join(
        _share_part(number, question, allowed.questions[question], part_splits, splits, weights,
                    question in allowed.by_wave, keyed)
        for number, (question, part_splits) in enumerate(parts, start=1))
    statement, bound = _with_segment(
        _filled("_shares", {"cells": cells, "segment": SEGMENT, "selected_key": "sum(cell_key)" if keyed else "NULL"}),
        values, rules, exact, allowed, weights)
    bound = {**bound, "questions": [q for q, _ in parts], "splits": splits}
    if any(q not in allowed.by_wave for q, _ in parts):
        bound["cell_waves"] = [allowed.first_wave.get(q) for q, _ in parts]
    counted = cursor.execute(statement, bound).df()
    kinds = [allowed.questions[question] for question, _ in parts]
    frame = rules.publish(counted, _blocks(counted, kinds))
    bounds = frame["part"].searchsorted(range(1, len(parts) + 2)).tolist()  # the rows come ordered by part
    rows = frame[SHARE_COLUMNS]
    selected = pd.DataFrame({"n": frame["selected"].iloc[:1].to_numpy()}) if len(frame) else None
    return [rows.iloc[start:end].reset_index(drop=True) for start, end in zip(bounds, bounds[1:])], selected


def _blocks(counted: pd.DataFrame, kinds: list[str]) -> pd.Series:
    """For each row of shares' statement, its block (part, split, group) where its part's question is single
    choice, whose options' counts add up to the group's base (Rules.publish); None elsewhere."""
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
ANSWERS = "answers"  # as survey.model.filters.ANSWERS (queries imports nothing of the core)


@lru_cache(maxsize=None)
def filter_parameters() -> frozenset[str]:
    """The filters, as _segment.sql names them."""
    return frozenset(PARAMETER.findall(_template("_segment")))


def _with_segment(statement: str, values: dict, rules: Rules, exact: tuple[str, ...],
                  allowed: Allowlist | None = None, weights: str | None = None) -> tuple[str, dict]:
    """The statement with {segment} written in, and the values it binds: the filters left empty are left out
    of both (see _segment.sql). `exact`: the waves whose counts are exact by `rules` (_exact_waves). `allowed`: the
    names that may be written in, needed where `answers` filters on any question. `weights`: the scheme the
    statement counts by, where it is not among `values` (shares()). A statement reaching waves with noise is
    checked first (_protected)."""
    if SEGMENT not in statement:
        return statement, values
    if exact != EVERY_WAVE:
        _protected(values, rules, exact, weights or values.get("weights", "none"))
    used = frozenset(name for name in filter_parameters() if values[name])
    bound = {name: value for name, value in values.items()
             if name != ANSWERS and (name in used or name not in filter_parameters())}
    answers = tuple((question, _answer_kind(question, allowed, bound)) for question, chosen
                    in (values.get(ANSWERS) or {}).items() if chosen)
    bound |= {question: list(values[ANSWERS][question]) for question, _ in answers}
    if exact not in (EVERY_WAVE, ()):
        bound["exact_waves"] = list(exact)
    return statement.replace(SEGMENT, _segment(used, _cell_key(exact), answers)), bound


def _protected(values: dict, rules: Rules, exact: tuple[str, ...], weights: str) -> None:
    """Raise QueryError where a statement reaching waves with noise has a filter of several options (a union,
    as `rules` say), a filter on answers, or weights (each would let the true counts be worked out)."""
    if weights != "none":
        raise QueryError("weighted figures are not published for waves with noise: choose waves whose counts "
                         "are exact, or no weights")
    if any((values.get(ANSWERS) or {}).values()):
        raise QueryError("filters on answers are not offered for waves with noise (their answers are counted in "
                         "the charts of the selection instead): choose waves whose counts are exact")
    several = rules.unions({name: values.get(name) or [] for name in filter_parameters()}, set(exact))
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


# The waves whose counts are exact by the rules: EVERY_WAVE where every wave of the database is, so that no key is
# summed at all.
EVERY_WAVE = ("*",)
_exact = Kept(16)


def exact_waves(*, rules: Rules, db: str | os.PathLike) -> list[str]:
    """The waves of the database `db` whose counts are shown exact by `rules`."""
    with _connections.cursor(Path(db)) as (signature, cursor):
        exact = _exact_waves(cursor, signature, rules)
        if exact == EVERY_WAVE:  # the list kept too: a page asks on every run
            exact = _exact.get((signature, rules, "listed"), lambda: tuple(
                w for (w,) in cursor.execute("SELECT wave FROM survey.waves ORDER BY wave").fetchall()))
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


def _exact_waves(cursor: duckdb.DuckDBPyConnection, signature: tuple, rules: Rules) -> tuple[str, ...]:
    def make() -> tuple[str, ...]:
        waves = cursor.execute("SELECT wave, reconstructed FROM survey.waves").df()
        exact = rules.exact_waves(waves)
        return EVERY_WAVE if set(exact) >= set(waves["wave"]) else tuple(exact)
    return _exact.get((signature, rules), make)


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
