"""What the database in use holds: its build information."""
from __future__ import annotations

from dataclasses import dataclass

import queries


@dataclass(frozen=True)
class BuildInfo:
    built_at: str
    source: str
    respondents: int
    reconstructed: bool  # True: the answers are the reconstruction, and every view must say so


def build_info(db=None) -> BuildInfo:
    row = queries.run("build_info", db=db).iloc[0]
    return BuildInfo(str(row["built_at"]), str(row["source"]), int(row["respondents"]), bool(row["reconstructed"]))
