"""Statistics formulas for the dashboard, hand-written on the standard library (no numpy, scipy or statsmodels).

Confidence intervals for shares (Wilson), the Kish effective sample size and design effect for weighted data,
the pooled two-proportion z-test, Holm's adjustment for multiple comparisons, and Benjamini and Hochberg's
false discovery rate. tests/test_stats.py checks each against scipy and statsmodels, which are test-only
dependencies.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

LEVELS = (90, 95, 99)

_NORMAL = NormalDist()


def z_value(level: float) -> float:
    """Two-sided critical value of the standard normal for a confidence level in percent (95 -> 1.959964).

    The upper alpha/2 quantile with alpha = 1 - level/100 (e.g. Agresti, Categorical Data Analysis, 3rd ed., 1.3).
    """
    if not 0 < level < 100:
        raise ValueError(f"confidence level must be between 0 and 100 percent, not {level!r}")
    return -_NORMAL.inv_cdf((1 - level / 100) / 2)


def wilson(share: float, n: float, level: float = 95) -> tuple[float, float]:
    """Wilson score interval (Wilson 1927; Newcombe 1998) for a proportion `share` in [0, 1] observed on a
    base of `n` (a float: with weights, the Kish effective sample size). Returns (low, high) as proportions
    in [0, 1]. n <= 0 -> (nan, nan).

    center = (p + z^2/2n) / (1 + z^2/n), half-width = z * sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n).
    E. B. Wilson, JASA 22 (1927) 209-212; R. G. Newcombe, Statistics in Medicine 17 (1998) 857-872, method 3.
    """
    if math.isnan(share) or math.isnan(n) or n <= 0:
        return math.nan, math.nan
    if not 0 <= share <= 1:
        raise ValueError(f"share must be a proportion in [0, 1], not {share!r}")
    z = z_value(level)
    z2 = z * z
    denom = 1 + z2 / n
    center = (share + z2 / (2 * n)) / denom
    half = z * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / denom
    # the exact interval contains the share; the clamp only undoes rounding (e.g. high = 1 - 2e-16 at share 1)
    return max(0.0, min(share, center - half)), min(1.0, max(share, center + half))


def kish_effective_n(sum_w: float, sum_w2: float) -> float:
    """Kish (1965) effective sample size: (sum w)^2 / sum w^2; 0 when sum_w2 == 0.

    L. Kish, Survey Sampling (Wiley, 1965), section 11.7.
    """
    if sum_w2 == 0:
        return 0.0
    return sum_w * sum_w / sum_w2


def design_effect(weights: Sequence[float]) -> float:
    """Kish's design effect of unequal weighting: n * sum w^2 / (sum w)^2 = 1 + CV^2.

    CV is the coefficient of variation of the weights (population standard deviation over the mean).
    L. Kish, "Weighting for unequal P_i", Journal of Official Statistics 8 (1992) 183-200. nan for no weights
    or a zero sum of weights.
    """
    n = len(weights)
    sum_w = math.fsum(weights)
    if n == 0 or sum_w == 0:
        return math.nan
    return n * math.fsum(w * w for w in weights) / (sum_w * sum_w)


def two_proportion_p(p1: float, n1: float, p2: float, n2: float) -> float:
    """Two-sided p-value of the pooled two-proportion z-test of p1 (on n1) against p2 (on n2); with weights,
    n1 and n2 are effective sample sizes. nan when either n is 0 or the pooled share is 0 or 1 (no variance).

    z = (p1 - p2) / sqrt(p(1-p)(1/n1 + 1/n2)) with the pooled p = (n1 p1 + n2 p2) / (n1 + n2); equal to
    Pearson's chi-square test of the 2x2 table without continuity correction (Agresti 2013, 3.1.1 and 2.4).
    """
    if not (n1 > 0 and n2 > 0):
        return math.nan
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    if not 0 < pooled < 1:
        return math.nan
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return 2 * _NORMAL.cdf(-abs(z))


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm (1979) step-down adjusted p-values, in the input order, each capped at 1; nan entries are
    left nan and not counted in the number of comparisons.

    The i-th smallest of m p-values becomes max over j <= i of (m - j + 1) * p_(j), capped at 1.
    S. Holm, "A simple sequentially rejective multiple test procedure", Scand. J. Statist. 6 (1979) 65-70.
    """
    order = sorted((i for i, p in enumerate(p_values) if not math.isnan(p)), key=lambda i: p_values[i])
    m = len(order)
    adjusted = [math.nan] * len(p_values)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg (1995) step-up adjusted p-values (q-values), in the input order, each capped at 1; nan
    entries are left nan and not counted in the number of tests. A test holds at false discovery rate q where
    its adjusted p-value is at most q.

    The i-th smallest of m p-values becomes min over j >= i of m * p_(j) / j, capped at 1 (tied p-values get
    the same value). Y. Benjamini and Y. Hochberg, "Controlling the false discovery rate: a practical and
    powerful approach to multiple testing", J. R. Statist. Soc. B 57 (1995) 289-300.
    """
    order = sorted((i for i, p in enumerate(p_values) if not math.isnan(p)), key=lambda i: p_values[i])
    m = len(order)
    adjusted = [math.nan] * len(p_values)
    running = 1.0
    for rank in range(m, 0, -1):  # from the largest down: each is at most the one above it
        i = order[rank - 1]
        running = min(running, m * p_values[i] / rank)
        adjusted[i] = running
    return adjusted
