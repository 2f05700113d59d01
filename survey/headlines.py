"""The headline figures of the overview: four shares, each on its own base."""
from __future__ import annotations

from dataclasses import dataclass

import queries
from survey.codebook import Codebook
from survey.filters import Filters


@dataclass(frozen=True)
class Headline:
    key: str  # message key of the label
    base_key: str  # message key of the base
    question: str
    option: str
    n: int
    base_n: int
    pct: float | None  # None where nobody in the segment was asked


HEADLINES = (
    ("headline_private_use", "base_all", "private_use", "yes"),
    ("headline_company_use", "base_all", "company_use", "yes"),
    ("headline_no_guidelines", "base_all", "guidelines", "no"),
    ("headline_marketing_strategy", "base_marketers", "marketing_strategy", "yes"),
)


def headlines(codebook: Codebook, filters: Filters, db=None) -> list[Headline]:
    out = []
    for key, base_key, question, option in HEADLINES:
        frame = queries.run("option_share", db=db, question=question, by="none", **filters.params(codebook))
        row = frame[frame["option"] == option]
        if row.empty:
            out.append(Headline(key, base_key, question, option, 0, 0, None))
        else:
            r = row.iloc[0]
            out.append(Headline(key, base_key, question, option, int(r["n"]), int(r["base_n"]), float(r["pct"])))
    return out
