"""The pandas baseline: the same aggregates as the query modules, from an in-memory DataFrame of the
`responses` view (categorical answers, nullable booleans), for the benchmark's ratio."""
from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pandas as pd

from survey.model import codebook as cb

DIMENSIONS = ("wave", "gender", "age_group", "role", "company_size", "industry", "region")


class Baseline:
    def __init__(self, db: Path):
        con = duckdb.connect(str(db), read_only=True)
        try:
            self.frame = con.execute("SELECT * FROM responses").df()
        finally:
            con.close()
        self.codebook = cb.load()
        for column in self.frame.columns:
            if self.frame[column].dtype == object and not column.endswith("_text"):
                self.frame[column] = self.frame[column].astype("category")

    def time(self, calls: list[tuple[str, dict]], runs: int) -> list[float]:
        totals = []
        for _ in range(runs):
            started = time.perf_counter()
            for name, params in calls:
                getattr(self, name, self.lookup)(**params)
            totals.append(time.perf_counter() - started)
        return totals

    def lookup(self, **params) -> None:
        """Metadata queries (build_info, waves, weighting_info) read a small table: nothing to aggregate."""

    def selected(self, params: dict) -> pd.DataFrame:
        mask = pd.Series(True, index=self.frame.index)
        for dim in DIMENSIONS:
            if params.get(dim):
                mask &= self.frame[dim].isin(params[dim])
        return self.frame[mask]

    @staticmethod
    def groups(rows: pd.DataFrame, by: str) -> pd.Series:
        return rows[by] if by != "none" else pd.Series("all", index=rows.index)

    @staticmethod
    def weights(rows: pd.DataFrame, weights: str) -> pd.Series:
        return rows[f"weight_{weights}"] if weights != "none" else pd.Series(1.0, index=rows.index)

    def respondent_count(self, **params) -> int:
        return len(self.selected(params))

    def group_count(self, by: list[str], weights: str, **params) -> list[pd.Series]:
        rows = self.selected(params)
        w = self.weights(rows, weights)
        return [w.groupby(self.groups(rows, split), observed=True).agg(["size", "sum"]) for split in by]

    def shares(self, parts: list, weights: str, **params) -> list[list[pd.DataFrame]]:
        rows = self.selected(params)
        return [[self.split_shares(rows, question, split, weights) for split in splits] for question, splits in parts]

    def split_shares(self, rows: pd.DataFrame, question: str, by: str, weights: str) -> pd.DataFrame:
        group, w = self.groups(rows, by), self.weights(rows, weights)
        q = self.codebook[question]
        if q.kind == "single":
            asked = rows[question].notna()
            chosen = pd.DataFrame({"g": group, "o": rows[question], "w": w})[asked]
            counts = chosen.groupby(["g", "o"], observed=True)["w"].agg(["size", "sum"])
            bases = chosen.groupby("g", observed=True)["w"].agg(["size", "sum"])
            return counts.join(bases, on="g", rsuffix="_base")
        parts = []
        for option in q.option_ids:
            column = rows[f"{question}__{option}"]
            chosen = column.fillna(False).astype(bool)
            frame = pd.DataFrame({"g": group, "w": w, "c": chosen, "wc": w * chosen})[column.notna()]
            parts.append(frame.groupby("g", observed=True).agg(
                n=("c", "sum"), w_n=("wc", "sum"), base_n=("w", "size"), w_base=("w", "sum")).assign(option=option))
        return pd.concat(parts)

    def matching_texts(self, search: str, params: dict) -> pd.Series:
        texts = self.selected(params)["guidelines_why_not_text"].dropna()
        return texts[texts.str.lower().str.contains(search.lower(), regex=False)] if search else texts

    def why_not_texts(self, search: str, limit: int, **params) -> tuple[pd.Series, int]:
        texts = self.matching_texts(search, params)
        return texts.head(limit), len(texts)
