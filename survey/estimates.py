"""The statistics layer: confidence intervals, significance against the rest of the sample, and the
protection of small groups, added to the option shares of one chart.

- Every share gets a Wilson interval on Kish's effective sample size (equal to n without weights).
- With compare-by, each group is tested against its complement (the rest of the selection) for each option
  with the two-proportion z-test, two-sided, on effective sample sizes; Holm's correction runs across all
  the comparisons of one chart.
- A group whose base is below `min_group` is suppressed: its numbers are blanked. Where exactly one group of a
  chart would be hidden, the next smallest is hidden too, so the hidden one cannot be worked out from the
  total. A base below `low_base` is flagged as a low base.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from survey import stats
from survey.paths import DATA

LOW_BASE, SUPPRESSED = "low_base", "suppressed"
NUMBERS = ["n", "base_n", "pct", "ci_low", "ci_high", "p_value", "w_n", "w_base", "w2_base", "n_eff"]


@dataclass(frozen=True)
class Rules:
    level: int = 95
    low_base: int = 30
    min_group: int = 10


@lru_cache(maxsize=4)
def load_rules(path: Path = DATA / "statistics.yaml") -> Rules:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    return Rules(int(raw.get("level", 95)), int(raw.get("low_base", 30)), int(raw.get("min_group", 10)))


def intervals(frame: pd.DataFrame, level: float) -> pd.DataFrame:
    """n_eff, ci_low and ci_high (percent) for each row."""
    n_eff = [stats.kish_effective_n(w, w2) for w, w2 in zip(frame["w_base"], frame["w2_base"])]
    # A weighted share can land a rounding error outside [0, 1]; the interval is of the share as it is meant.
    bounds = [stats.wilson(min(max(p / 100, 0.0), 1.0), n, level) for p, n in zip(frame["pct"], n_eff)]
    return frame.assign(n_eff=n_eff, ci_low=[100 * lo for lo, _ in bounds], ci_high=[100 * hi for _, hi in bounds])


def complement_tests(frame: pd.DataFrame) -> pd.DataFrame:
    """p_value of each group against the rest of the selection, per option (NaN with one group)."""
    totals = frame.groupby("option")[["w_n", "w_base", "w2_base"]].transform("sum")
    rest_base = totals["w_base"] - frame["w_base"]
    rest_share = (totals["w_n"] - frame["w_n"]) / rest_base.where(rest_base > 0)
    rest_n = [stats.kish_effective_n(b, b2) for b, b2 in zip(rest_base, totals["w2_base"] - frame["w2_base"])]
    p_values = [stats.two_proportion_p(p / 100, n, q, m) if m > 0 else math.nan
                for p, n, q, m in zip(frame["pct"], frame["n_eff"], rest_share.fillna(0), rest_n)]
    return frame.assign(p_value=p_values, rest_pct=100 * rest_share)


def suppressed_groups(frame: pd.DataFrame, min_group: int) -> set[str]:
    """Groups below min_group; if that is exactly one of several, the next smallest as well."""
    sizes = frame.drop_duplicates("group").set_index("group")["base_n"]
    hidden = set(sizes[sizes < min_group].index)
    if len(hidden) == 1 and len(sizes) > 1:
        hidden.add(sizes.drop(list(hidden)).idxmin())
    return hidden


def plain_number(value, kind=float):
    """A number for output (JSON, CSV), or None where it is blanked (NaN: a suppressed group)."""
    return None if value is None or value != value else kind(value)


def annotate(frame: pd.DataFrame, level: float, rules: Rules | None = None) -> pd.DataFrame:
    """The frame of query option_share with n_eff, ci_low, ci_high, p_value (Holm-adjusted), significant,
    direction (+1 higher than the rest, -1 lower, 0) and flag ('', 'low_base' or 'suppressed'); the numbers
    of suppressed groups are blanked (NaN)."""
    rules = rules or load_rules()
    hidden = suppressed_groups(frame, rules.min_group)
    out = intervals(frame, level)
    compare = out["group"].nunique() > 1 or (out["group"] != "all").any()
    out = complement_tests(out) if compare else out.assign(p_value=math.nan, rest_pct=math.nan)
    visible = ~out["group"].isin(hidden)
    adjusted = np.full(len(out), np.nan)
    adjusted[visible.to_numpy()] = stats.holm(out.loc[visible, "p_value"].tolist())
    alpha = 1 - level / 100
    significant = (adjusted < alpha) & visible.to_numpy()
    out = out.assign(p_value=adjusted, significant=significant,
                     direction=np.where(significant, np.sign(out["pct"] - out["rest_pct"]), 0).astype(int),
                     flag=np.where(~visible, SUPPRESSED, np.where(out["base_n"] < rules.low_base, LOW_BASE, "")))
    out.loc[~visible, NUMBERS + ["rest_pct"]] = np.nan
    return out.drop(columns="rest_pct")
