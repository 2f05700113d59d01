"""The counts of the database in use as they may be shown: the SQL modules' results (queries) on the database
of survey.base.paths.database_path, published by the rules in force (survey.stats.protection.rules(): which
waves are exact, what a selection reaching the others may filter on, how a count is perturbed). The core reads
its counts through here; queries imports nothing of the core, and takes both from its caller.

    run("respondent_count", wave=[], gender=[], ...) -> DataFrame
    shares([("private_use", ["none", "gender"])], weights="none", gender=[], ...) -> [DataFrame]
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import duckdb
import pandas as pd

import queries
from survey.base.paths import database_path
from survey.stats import protection

Db = str | os.PathLike | None


def run(name: str, *, db: Db = None, **params) -> pd.DataFrame:
    """queries.run on the database `db` (the one in use where None), by the rules in force."""
    return queries.run(name, rules=protection.rules(), db=database_path(db), **params)


def shares(parts: Iterable[tuple[str, Sequence[str]]], *, weights: str, db: Db = None,
           **filters) -> list[pd.DataFrame]:
    """queries.shares on the database `db` (the one in use where None), by the rules in force."""
    return queries.shares(parts, weights=weights, rules=protection.rules(), db=database_path(db), **filters)


def exact_waves(db: Db = None) -> list[str]:
    """The waves of the database whose counts are shown exact by the rules in force."""
    return queries.exact_waves(rules=protection.rules(), db=database_path(db))


def version(db: Db = None) -> tuple:
    """The identity of the database file in use (queries.version): anything computed from its counts may be
    kept under it."""
    return queries.version(database_path(db))


def connection(db: Db = None) -> duckdb.DuckDBPyConnection:
    """The cached read-only connection to the database in use (queries.connection)."""
    return queries.connection(database_path(db))
