"""Where the project's files are, and which database is in use."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
CODEBOOK = DATA / "codebook.yaml"
RESPONSES = DATA / "responses.csv"
DEFAULT_DB = DATA / "survey.duckdb"


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database to use: an explicit path, else $SURVEY_DB, else data/survey.duckdb."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("SURVEY_DB")
    return Path(from_env) if from_env else DEFAULT_DB


def statistics_path() -> Path:
    """The rules for uncertainty and small groups: $SURVEY_STATISTICS, else data/statistics.yaml (a deployment
    may keep rules of its own without changing the project's file)."""
    from_env = os.environ.get("SURVEY_STATISTICS")
    return Path(from_env) if from_env else DATA / "statistics.yaml"
