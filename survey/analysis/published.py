"""The published figures (F1–F15, listed in docs/reconstruction.md), computed through the query modules.

Each figure is a set of rows {id, option, group, base_n, n, pct, ci_low, ci_high} and, for the whole sample,
a check of whether the rows reproduce what was published, at the published precision and on the published
base: on the published wave only (codebook.survey["wave"]), unweighted (the published figures are of the
answers as they came).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from survey.analysis.results import asking, exact_people, gaps, respondents, share_rows, split_groups, waves
from survey.model.codebook import Codebook
from survey.model.filters import WAVE, Filters
from survey.model.state import View
from survey.stats import estimates
from survey.stats import formulas as stats
from survey.stats.estimates import load_rules

Rows = list[dict]


@dataclass(frozen=True)
class Figure:
    id: str
    published: str
    sources: tuple[tuple[str, str], ...]  # (question, by) pairs whose option shares make up the figure
    check: Callable[[Rows], bool] | None  # None: the published figure cannot be reproduced (docs/reconstruction.md)


def pct(rows: Rows, option: str, group: str = "all") -> float:
    for row in rows:
        if row["option"] == option and row["group"] == group and row["pct"] is not None:
            return row["pct"]
    return float("nan")  # not there, or blanked: every comparison with it is False


def order(rows: Rows, group: str = "all") -> list[str]:
    """The options of one group from the largest share to the smallest."""
    ranked = sorted((r for r in rows if r["group"] == group and r["pct"] is not None), key=lambda r: -r["pct"])
    return [r["option"] for r in ranked]


def leads(rows: Rows, leaders: list[str], group: str = "all") -> bool:
    """The options `leaders` come first, in this order, each strictly ahead of the next."""
    shares = [pct(rows, o, group) for o in leaders]
    rest = [r["pct"] for r in rows if r["group"] == group and r["option"] not in leaders and r["pct"] is not None]
    return all(a > b for a, b in zip(shares, shares[1:])) and shares[-1] > max(rest, default=-1)


def within(value: float, low: float, high: float) -> bool:
    return low <= value < high


def _f8(rows: Rows) -> bool:
    big_four = ["facebook", "youtube", "linkedin", "twitter"]
    same_for_genders = all(abs(pct(rows, o, "male") - pct(rows, o, "female")) <= 2.0 for o in big_four)
    return (all(leads(rows, big_four, g) and pct(rows, "facebook", g) > 90 for g in ("all", "male", "female"))
            and same_for_genders)


def _f6(rows: Rows) -> bool:
    more_men = 100 * (pct(rows, "male") / pct(rows, "female") - 1)
    return within(more_men, 14.5, 15.5)


def _f11(rows: Rows) -> bool:
    others = [r["pct"] for r in rows if r["option"] != "marketing" and r["pct"] is not None]
    return pct(rows, "marketing") > 80 and pct(rows, "marketing") - max(others) >= 20


def _f14(rows: Rows) -> bool:
    return (within(pct(rows, "leader"), 40, 50)
            and pct(rows, "40_49") + pct(rows, "50_59") > 50
            and pct(rows, "under_30") < 5)


FIGURES: tuple[Figure, ...] = (
    Figure("F2", "more than 800, fewer than 1,000 responses", (), lambda rows: 800 < rows[0]["n"] < 1000),
    Figure("F3", "response rate about 3 % (but 800 of 20,000 is 4 %)", (), None),
    Figure("F4", "67 % use social media privately, 33 % do not", (("private_use", "none"),),
           lambda rows: 66.5 < pct(rows, "yes") < 67.5 and within(pct(rows, "no"), 32.5, 33.5)),
    Figure("F5", "36.2 % say the company uses social media", (("company_use", "none"),),
           lambda rows: within(pct(rows, "yes"), 36.15, 36.25)),
    Figure("F6", "about 15 % more men than women", (("gender", "none"),), _f6),
    Figure("F7", "private use: men 62.8 %, women 70 %", (("private_use", "gender"),),
           lambda rows: within(pct(rows, "yes", "male"), 62.75, 62.85)
           and within(pct(rows, "yes", "female"), 69.5, 70.5)),
    Figure("F8", "Facebook above 90 %, then YouTube, LinkedIn, Twitter; nearly the same for men and women",
           (("private_channels", "none"), ("private_channels", "gender")), _f8),
    Figure("F9", "over 70 % have no guidelines", (("guidelines", "none"),), lambda rows: pct(rows, "no") > 70),
    Figure("F10", "most have not got round to it; many are working on it", (("guidelines_why_not", "none"),),
           lambda rows: order(rows)[:2] == ["not_yet", "working_on_it"] and pct(rows, "not_yet") > 50),
    Figure("F11", "over 80 % use social media for marketing, by far the most named purpose",
           (("company_purposes", "none"),), _f11),
    Figure("F12", "about half of those who market on social media have a strategy", (("marketing_strategy", "none"),),
           lambda rows: 45 <= pct(rows, "yes") <= 55),
    Figure("F13", "most common challenges: unrealistic expectations, lacking competence, unsure relevance",
           (("challenges", "none"),),
           lambda rows: leads(rows, ["unrealistic_expectations", "lacking_competence", "unsure_relevance"])),
    Figure("F14", "nearly half are leaders; more than 50 % are 40-59; very few under 30",
           (("role", "none"), ("age_group", "none")), _f14),
)


def figure(figure_id: str) -> Figure:
    for f in FIGURES:
        if f.id == figure_id:
            return f
    raise KeyError(figure_id)


def response_rows(figure_id: str, option: str, codebook: Codebook, filters: Filters, db, level: int) -> Rows:
    """F2, the responses, and F3, the response rate: of the invitations of the published wave, so a selection
    holding other waves has no rate (their invitations are not known)."""
    n = respondents(View(filters=filters), codebook, db=db)
    invitations = int(codebook.survey["invitations"])
    other_waves = set(filters.selected.get(WAVE) or waves(db)) != {codebook.survey["wave"]}
    if n < load_rules().min_group or (figure_id == "F3" and other_waves):
        return [{"id": figure_id, "option": option, "group": "all", "base_n": invitations, "n": None, "pct": None,
                 "ci_low": None, "ci_high": None}]
    low, high = stats.wilson(n / invitations, invitations, level)
    return [{"id": figure_id, "option": option, "group": "all", "base_n": invitations, "n": n,
             "pct": 100.0 * n / invitations, "ci_low": 100 * low, "ci_high": 100 * high}]


def figure_rows(fig: Figure, codebook: Codebook, filters: Filters, db=None, weights: str = "none",
                level: int = 95) -> Rows:
    """The rows of one figure for the respondents the filters keep, weighted as asked, with the interval at
    `level`; groups too small to show are left out (and so are groups of none, alike)."""
    if fig.id in ("F2", "F3"):
        return response_rows(fig.id, "responses" if fig.id == "F2" else "response_rate", codebook, filters, db,
                             level)
    rows: Rows = []
    for question, by in fig.sources:
        frame = share_rows(codebook[question], by=by, weights=weights, params=filters.params(codebook), db=db)
        if frame.empty:
            continue
        params = filters.params(codebook)
        secondary = exact_people(asking(gaps(question, by, params[WAVE], codebook, db)), db)
        frame = estimates.annotate(frame, level, expected=split_groups(by, params, codebook), secondary=secondary)
        frame = frame[frame["flag"] != estimates.SUPPRESSED]
        number = estimates.plain_number
        rows.extend({"id": fig.id, "option": r.option, "group": r.group, "base_n": number(r.base_n, int),
                     "n": number(r.n, int), "pct": number(r.pct), "ci_low": number(r.ci_low),
                     "ci_high": number(r.ci_high)} for r in frame.itertuples(index=False))
    return rows


def all_rows(codebook: Codebook, filters: Filters, db=None, weights: str = "none", level: int = 95,
             by: str | None = None) -> Rows:
    """The rows of every figure for the respondents the filters keep (all waves unless the filters choose).
    With by="wave", each figure's rows once per wave (those the filters choose, or every wave of the
    database), each row with a `wave` field after its `id`."""
    if by is None:
        return [row for fig in FIGURES for row in figure_rows(fig, codebook, filters, db, weights, level)]
    if by != WAVE:
        raise ValueError(f"the figures split by wave only, not by {by!r}")
    rows: Rows = []
    for wave in filters.selected.get(WAVE) or waves(db):
        one = Filters({**filters.selected, WAVE: (wave,)})
        rows.extend({"id": row["id"], WAVE: wave, **row}
                    for fig in FIGURES for row in figure_rows(fig, codebook, one, db, weights, level))
    return rows


def verdicts(rows: Rows) -> dict[str, bool | None]:
    """For each figure: True if reproduced, False if not, None if it cannot be (F3, see docs/reconstruction.md)."""
    out: dict[str, bool | None] = {}
    for fig in FIGURES:
        own = [r for r in rows if r["id"] == fig.id]
        out[fig.id] = fig.check(own) if fig.check and own else None
    return out


@dataclass(frozen=True)
class Check:
    """The check of the published figures: on the published wave only, the whole sample, unweighted."""
    wave: str  # the published wave (codebook.survey["wave"])
    verdicts: dict[str, bool | None] | None  # None: the database has no such wave, nothing could be checked
    left_out: tuple[str, ...]  # the other waves of the database, not part of the check


def published_check(codebook: Codebook, db=None) -> Check:
    """Check the published figures on the wave they were published from, whatever other waves the database
    holds: a second wave would otherwise change every count (F2 first)."""
    wave = str(codebook.survey["wave"])
    present = waves(db)
    others = tuple(w for w in present if w != wave)
    if wave not in present:
        return Check(wave, None, others)
    return Check(wave, verdicts(all_rows(codebook, Filters({WAVE: (wave,)}), db)), others)
