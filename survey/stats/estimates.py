"""The statistics layer: confidence intervals, significance against the rest of the sample, and the
protection of small groups, added to the option shares of one chart.

- Every share gets a Wilson interval on Kish's effective sample size (equal to n without weights).
- With compare-by, each group is tested against its complement (the rest of the selection) for each option
  with the two-proportion z-test, two-sided, on effective sample sizes; Holm's correction runs across all
  the comparisons of one chart. The second answer of a single-choice question of two answers (no, beside
  yes: mirror) is in every group the first's complement on the same base, and its test the first's: the
  family holds the pair once, and the second takes the first's p-value.
- A group whose base is below `min_group` is suppressed: its numbers are blanked. Where exactly one group of a
  chart would be hidden and the chart's counts hold exact counts of real respondents (`secondary`: a wave of
  real people that the perturbation leaves exact), the next smallest is hidden too, so the hidden one cannot
  be worked out as the total less the groups shown. Where the counts carry noise (survey.stats.protection), that
  difference is exact only as often as the noise of all its counts cancels, and where the respondents are
  the reconstruction's, there is nobody to find: there a small group is hidden alone. An option some waves
  did not offer is counted on the respondents of the waves that did: its rows are checked on their own bases
  the same way (suppressed_rows). A base whose effective n (Kish's, equal to n without weights) is below
  `low_base` is flagged as a low base, and not tested: no arrow rests on it, and Holm's correction runs
  across the comparisons that are tested.
- An option a group's waves did not offer has no row in that group (not a 0): its complement test compares
  the group with the rest of those who were offered it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from survey.base.paths import statistics_path
from survey.stats import formulas as stats

LOW_BASE, SUPPRESSED = "low_base", "suppressed"
NUMBERS = ["n", "base_n", "pct", "ci_low", "ci_high", "p_value", "w_n", "w_base", "w2_base", "n_eff"]
# Each group's complement test as it was made (survey.analysis.standout corrects across charts, not within one): the
# raw p-value (NaN where not tested), and the rest's share, base and effective n.
REST = ["p_raw", "pct_rest", "base_rest", "n_eff_rest"]


@dataclass(frozen=True)
class Rules:
    level: int = 95
    low_base: int = 30
    min_group: int = 10
    false_discovery_rate: float = 0.05  # of "what stands out" (survey.analysis.standout), across all its tests


def load_rules(path: Path | None = None) -> Rules:
    """The rules of `path`, else of statistics_path() (read once per file)."""
    return _rules(Path(path or statistics_path()))


@lru_cache(maxsize=4)
def _rules(path: Path) -> Rules:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    fdr = raw.get("false_discovery_rate", 0.05)
    if isinstance(fdr, bool) or not isinstance(fdr, (int, float)) or not 0 < fdr < 1:
        raise ValueError(f"{path}: false_discovery_rate must be a number between 0 and 1 (e.g. 0.05), not {fdr!r}")
    return Rules(int(raw.get("level", 95)), int(raw.get("low_base", 30)), int(raw.get("min_group", 10)), float(fdr))


def intervals(pct: list[float], w_base: list[float], w2_base: list[float],
              level: float) -> tuple[list[float], list[float], list[float]]:
    """n_eff, ci_low and ci_high (percent) for each share."""
    n_eff = [stats.kish_effective_n(w, w2) for w, w2 in zip(w_base, w2_base)]
    # A weighted share can land a rounding error outside [0, 1]; the interval is of the share as it is meant.
    bounds = [stats.wilson(min(max(p / 100, 0.0), 1.0), n, level) for p, n in zip(pct, n_eff)]
    return n_eff, [100 * lo for lo, _ in bounds], [100 * hi for _, hi in bounds]


def option_totals(options: list[str], *columns: list[float]) -> dict[str, list[float]]:
    """The sums of `columns` over the groups, per option: what the rest of each group is the complement of."""
    totals: dict[str, list[float]] = {}
    for option, *values in zip(options, *columns):
        total = totals.setdefault(option, [0.0] * len(values))
        for k, value in enumerate(values):
            total[k] += value
    return totals


def complement_tests(options: list[str], pct: list[float], n_eff: list[float], w_n: list[float],
                     w_base: list[float], w2_base: list[float]) -> tuple[list[float], list[float]]:
    """The p-value of each group's share against the rest of the selection, per option, and the rest's share
    (percent; NaN where the rest is empty)."""
    totals = option_totals(options, w_n, w_base, w2_base)
    p_values, rest_pct = [], []
    for option, p, n, a, b, c in zip(options, pct, n_eff, w_n, w_base, w2_base):
        t_a, t_b, t_c = totals[option]
        rest_base = t_b - b
        rest_share = (t_a - a) / rest_base if rest_base > 0 else math.nan
        rest_n = stats.kish_effective_n(rest_base, t_c - c)
        q = 0.0 if math.isnan(rest_share) else rest_share
        p_values.append(stats.two_proportion_p(p / 100, n, q, rest_n) if rest_n > 0 else math.nan)
        rest_pct.append(100 * rest_share)
    return p_values, rest_pct


def rest_sizes(options: list[str], base_n: list[float], w_base: list[float],
               w2_base: list[float]) -> tuple[list[float], list[float]]:
    """The base (respondents) and effective n (Kish's) of the rest of the selection beside each group, per
    option: the complement complement_tests tests each group against."""
    totals = option_totals(options, base_n, w_base, w2_base)
    bases, n_effs = [], []
    for option, a, b, c in zip(options, base_n, w_base, w2_base):
        t_a, t_b, t_c = totals[option]
        bases.append(t_a - a)
        n_effs.append(stats.kish_effective_n(t_b - b, t_c - c))
    return bases, n_effs


def suppressed_groups(groups: list[str], base_n: list[int], min_group: int, expected=(),
                      secondary: bool = True) -> set[str]:
    """Groups below min_group; with `secondary`, if that is exactly one of several, the next smallest as well.
    The `expected` groups of the split that have no rows count as groups of none: a group nobody is in is
    hidden as one of 1 to min_group - 1 is (and with `secondary` takes the next smallest with it the same
    way), so that what is shown never tells an empty group from a small one. `secondary` is for counts of
    which some are exact counts of real respondents (survey.analysis.results.exact_people): there the total less the
    groups shown would give a lone hidden group exactly."""
    sizes = {g: 0 for g in expected} | dict(zip(groups, base_n))  # one base per group
    hidden = {g for g, size in sizes.items() if size < min_group}
    if secondary and len(hidden) == 1 and len(sizes) > 1:
        hidden.add(min((size, i, g) for i, (g, size) in enumerate(sizes.items()) if g not in hidden)[2])
    return hidden


def suppressed_rows(groups: list[str], options: list[str], base_n: list[int], min_group: int,
                    expected=(), secondary: bool = True) -> list[bool]:
    """Whether each (group, option) row of a chart is hidden. A group is as large as its largest base (those
    asked the question); the groups below min_group are hidden as suppressed_groups says (with the `expected`
    groups that have no rows as groups of none, and the next smallest where `secondary`). An option a wave did
    not offer has a smaller base than its group where the group holds that wave's respondents, and no row
    where it holds only them: so each option's rows are checked again on their own bases, with the same rule
    (below min_group, and with `secondary`, where that is exactly one row of the option, the next smallest
    too). Where every option has a row in every group on the group's base (one wave that asked everything),
    this is suppressed_groups row by row."""
    sizes: dict[str, int] = {}
    for group, base in zip(groups, base_n):
        sizes[group] = max(sizes.get(group, base), base)
    hidden_groups = suppressed_groups(list(sizes), list(sizes.values()), min_group, expected, secondary)
    hidden = [group in hidden_groups for group in groups]
    rows_of: dict[str, list[int]] = {}
    for i, option in enumerate(options):
        rows_of.setdefault(option, []).append(i)
    absent = len(hidden_groups - set(sizes))  # groups of none: hidden, with no rows to hide
    for rows in rows_of.values():
        small = [i for i in rows if hidden[i] or base_n[i] < min_group]
        if secondary and len(small) + absent == 1 and len(rows) > 1:
            small.append(min((base_n[i], k, i) for k, i in enumerate(rows) if i not in small)[2])
        for i in small:
            hidden[i] = True
    return hidden


def mirror(question, not_offered=()) -> tuple[str, str] | None:
    """The two answers of a single-choice question of exactly two (yes, no), where every wave that asked it
    offered both (`not_offered`: the options some of the selection's waves did not offer, as survey.analysis.results
    gives them): every respondent asked chose one or the other, so in every group the second's count is the
    base less the first's, weighted or not, its share 100 less the first's and its difference from the rest
    the first's mirrored. The pooled z-test of 1 - p against 1 - q is the test of p against q: one test, made
    once. None for any other question, or where a wave did not offer one of the two (that answer's share is
    then of a base of its own, and its test another). (Under noise the two counts are perturbed apart, so the
    second's own share may be a point off 100 less the first's; its test is still the first's.)"""
    options = question.option_ids
    if question.kind != "single" or len(options) != 2 or not_offered:
        return None
    return options[0], options[1]


def mirror_rows(groups: list, options: list, base_n: list, pair: tuple[str, str] | None) -> list[int]:
    """For each row of a chart (or of one dimension of a banner), the row whose test is its own: for a row of
    the second answer of `pair` (mirror), the row of the first answer in the same group on the same base;
    -1 for every other row."""
    twin = [-1] * len(groups)
    if pair is None:
        return twin
    first, second = pair
    firsts = {(g, b): i for i, (g, o, b) in enumerate(zip(groups, options, base_n)) if o == first}
    for i, (g, o, b) in enumerate(zip(groups, options, base_n)):
        if o == second:
            twin[i] = firsts.get((g, b), -1)
    return twin


def plain_number(value, kind=float):
    """A number for output (JSON, CSV), or None where it is blanked (NaN: a suppressed group)."""
    return None if value is None or value != value else kind(value)


def annotate(frame: pd.DataFrame, level: float, rules: Rules | None = None, expected=(), *,
             secondary: bool = True, pair: tuple[str, str] | None = None) -> pd.DataFrame:
    """A frame of query shares (one chart) with n_eff, ci_low, ci_high, p_value (Holm-adjusted), significant,
    direction (+1 higher than the rest, -1 lower, 0) and flag ('', 'low_base' or 'suppressed'; a low base
    is not tested: its p_value is NaN), and the complement test before Holm (REST: p_raw, pct_rest, base_rest,
    n_eff_rest; NaN without groups); the numbers of suppressed groups are blanked (NaN). `expected`: the
    groups the split has, `secondary`: whether a lone small group takes the next smallest with it
    (suppressed_groups). `pair`: the question's two mirrored answers (mirror), whose second answer's test in
    each group is the first's: Holm counts it once, and the second answer's row takes the first's p-values
    (raw and adjusted), with the direction turned. (Lists, not pandas, inside: a chart has a few dozen rows,
    where each pandas operation costs more than the arithmetic.)"""
    rules = rules or load_rules()
    groups, options = frame["group"].tolist(), frame["option"].tolist()
    pct, base_n = frame["pct"].tolist(), frame["base_n"].tolist()
    w_n, w_base, w2_base = frame["w_n"].tolist(), frame["w_base"].tolist(), frame["w2_base"].tolist()
    hidden = suppressed_rows(groups, options, base_n, rules.min_group, expected, secondary)
    n_eff, ci_low, ci_high = intervals(pct, w_base, w2_base, level)
    if len(set(groups)) > 1 or any(g != "all" for g in groups):
        p_values, rest_pct = complement_tests(options, pct, n_eff, w_n, w_base, w2_base)
        rest_base, rest_n_eff = rest_sizes(options, base_n, w_base, w2_base)
    else:
        p_values, rest_pct = [math.nan] * len(groups), [math.nan] * len(groups)
        rest_base, rest_n_eff = [math.nan] * len(groups), [math.nan] * len(groups)
    visible = ~np.array(hidden, dtype=bool)
    low = np.array(n_eff) < rules.low_base  # Kish's effective n: under weights a base counts for less
    tested = visible & ~low
    twin = np.array(mirror_rows(groups, options, base_n, pair), dtype=int)
    mirrored = (twin >= 0) & tested & tested[np.maximum(twin, 0)]  # rows whose test is another row's
    p_values = np.asarray(p_values, dtype=float)
    p_values[mirrored] = p_values[twin[mirrored]]
    family = tested & ~mirrored
    adjusted = np.full(len(groups), np.nan)
    adjusted[family] = stats.holm(p_values[family].tolist())
    adjusted[mirrored] = adjusted[twin[mirrored]]
    significant = (adjusted < 1 - level / 100) & tested
    direction = np.where(significant, np.sign(np.array(pct) - np.array(rest_pct)), 0).astype(int)
    direction[mirrored] = -direction[twin[mirrored]]
    flag = np.where(~visible, SUPPRESSED, np.where(low, LOW_BASE, ""))
    raw = np.where(tested, p_values, np.nan)
    columns = {**{c: frame[c] for c in frame.columns}, "n_eff": n_eff, "ci_low": ci_low, "ci_high": ci_high,
               "p_value": adjusted, "significant": significant, "direction": direction, "flag": flag,
               "p_raw": raw, "pct_rest": rest_pct, "base_rest": rest_base, "n_eff_rest": rest_n_eff}
    for c in (*NUMBERS, *REST):  # as numbers, blanked where suppressed
        columns[c] = np.where(visible, np.asarray(columns[c], dtype=float), np.nan)
    return pd.DataFrame(columns, index=frame.index)  # one frame made at once: cheaper than a column at a time
