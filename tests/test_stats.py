"""survey.stats.formulas against independent references: scipy and statsmodels (test-only dependencies, imported inside
the tests so that the core never needs them)."""
from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.stats import formulas as stats

TOL = 1e-12

levels = st.one_of(st.sampled_from(stats.LEVELS), st.floats(min_value=50, max_value=99.9))


@st.composite
def count_and_nobs(draw, max_n: int = 5000, min_n: int = 1):
    nobs = draw(st.integers(min_value=min_n, max_value=max_n))
    return draw(st.integers(min_value=0, max_value=nobs)), nobs


def sm_wilson(count: float, nobs: float, level: float) -> tuple[float, float]:
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(count, nobs, alpha=1 - level / 100, method="wilson")
    return float(low), float(high)


# --- z_value -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("level", [*stats.LEVELS, 50, 80, 99.9, 99.99])
def test_z_value_matches_scipy(level):
    from scipy.stats import norm

    assert stats.z_value(level) == pytest.approx(norm.ppf(1 - (1 - level / 100) / 2), rel=TOL, abs=TOL)


def test_z_value_95():
    assert round(stats.z_value(95), 6) == 1.959964


@pytest.mark.parametrize("level", [0, 100, -5, 150])
def test_z_value_rejects_levels_outside_0_100(level):
    with pytest.raises(ValueError):
        stats.z_value(level)


# --- wilson --------------------------------------------------------------------------------------------------

WILSON_CASES = [
    (count, nobs, level)
    for count, nobs in [(0, 1), (1, 1), (0, 2), (1, 2), (2, 2), (0, 10), (10, 10), (3, 10), (0, 373),
                        (261, 373), (270, 430), (373, 373), (1, 1000), (999, 1000), (2500, 5000)]
    for level in stats.LEVELS
]


@pytest.mark.parametrize("count, nobs, level", WILSON_CASES)
def test_wilson_matches_statsmodels(count, nobs, level):
    low, high = stats.wilson(count / nobs, nobs, level)
    ref_low, ref_high = sm_wilson(count, nobs, level)
    assert low == pytest.approx(ref_low, abs=TOL)
    assert high == pytest.approx(ref_high, abs=TOL)
    assert 0 <= low <= count / nobs <= high <= 1


@settings(max_examples=300, deadline=None)
@given(count_and_nobs(), levels)
def test_wilson_matches_statsmodels_property(cn, level):
    count, nobs = cn
    low, high = stats.wilson(count / nobs, nobs, level)
    ref_low, ref_high = sm_wilson(count, nobs, level)
    assert low == pytest.approx(ref_low, abs=TOL)
    assert high == pytest.approx(ref_high, abs=TOL)
    assert 0 <= low <= count / nobs <= high <= 1


@pytest.mark.parametrize("share, n", [(0.37, 123.45), (0.0, 17.3), (1.0, 2.5), (0.5, 0.8), (0.913, 4711.2)])
@pytest.mark.parametrize("level", stats.LEVELS)
def test_wilson_with_fractional_effective_n(share, n, level):
    low, high = stats.wilson(share, n, level)
    ref_low, ref_high = sm_wilson(share * n, n, level)
    assert low == pytest.approx(ref_low, abs=TOL)
    assert high == pytest.approx(ref_high, abs=TOL)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=1), st.floats(min_value=0.01, max_value=1e5), levels)
def test_wilson_with_fractional_effective_n_property(share, n, level):
    low, high = stats.wilson(share, n, level)
    ref_low, ref_high = sm_wilson(share * n, n, level)
    assert low == pytest.approx(ref_low, abs=TOL)
    assert high == pytest.approx(ref_high, abs=TOL)


def test_wilson_default_level_is_95():
    assert stats.wilson(0.3, 50) == stats.wilson(0.3, 50, 95)


def test_wilson_wider_at_higher_level():
    widths = [high - low for low, high in (stats.wilson(0.3, 50, level) for level in stats.LEVELS)]
    assert widths == sorted(widths)


@pytest.mark.parametrize("n", [0, 0.0, -1, math.nan])
def test_wilson_without_a_base_is_nan(n):
    low, high = stats.wilson(0.5, n)
    assert math.isnan(low) and math.isnan(high)


@pytest.mark.parametrize("share", [-0.1, 1.1])
def test_wilson_rejects_shares_outside_0_1(share):
    with pytest.raises(ValueError):
        stats.wilson(share, 10)


# --- kish_effective_n and design_effect ----------------------------------------------------------------------

@pytest.mark.parametrize("n, w", [(1, 1.0), (5, 2.0), (803, 0.37), (1000, 1.0)])
def test_equal_weights_give_n_and_design_effect_1(n, w):
    weights = [w] * n
    assert stats.kish_effective_n(sum(weights), sum(x * x for x in weights)) == pytest.approx(n, rel=TOL)
    assert stats.design_effect(weights) == pytest.approx(1.0, rel=TOL)


def test_kish_by_hand():
    # weights 1, 2, 3: sum 6, sum of squares 14
    assert stats.kish_effective_n(6, 14) == pytest.approx(36 / 14, rel=TOL)
    assert stats.design_effect([1, 2, 3]) == pytest.approx(42 / 36, rel=TOL)  # 3 * 14 / 36 = 7/6
    # weights 1, 1, 4: sum 6, sum of squares 18 -> n_eff 2, deff 3 * 18 / 36 = 1.5
    assert stats.kish_effective_n(6, 18) == pytest.approx(2.0, rel=TOL)
    assert stats.design_effect([1, 1, 4]) == pytest.approx(1.5, rel=TOL)


def test_kish_effective_n_of_no_weights_is_0():
    assert stats.kish_effective_n(0, 0) == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=100), min_size=1, max_size=200))
def test_design_effect_is_1_plus_cv2_and_n_over_effective_n(weights):
    n = len(weights)
    mean = statistics.fmean(weights)
    cv2 = statistics.pvariance(weights) / mean ** 2
    deff = stats.design_effect(weights)
    assert deff == pytest.approx(1 + cv2, rel=1e-9)
    n_eff = stats.kish_effective_n(math.fsum(weights), math.fsum(w * w for w in weights))
    assert deff == pytest.approx(n / n_eff, rel=1e-9)
    assert 1 - 1e-9 <= deff <= n + 1e-9


@pytest.mark.parametrize("weights", [[], [0.0, 0.0]])
def test_design_effect_without_weight_is_nan(weights):
    assert math.isnan(stats.design_effect(weights))


# --- two_proportion_p ----------------------------------------------------------------------------------------

ZTEST_CASES = [
    (261, 373, 270, 430),  # women vs men in the survey
    (1, 2, 0, 1),
    (5, 10, 5, 10),
    (0, 10, 3, 10),
    (10, 10, 7, 10),
    (45, 100, 60, 120),
    (1, 1000, 30, 1000),
    (4000, 5000, 100, 5000),
]


def sm_ztest(x1, n1, x2, n2) -> float:
    import warnings

    from statsmodels.stats.proportion import proportions_ztest

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(proportions_ztest([x1, x2], [n1, n2])[1])


def scipy_chi2(x1, n1, x2, n2) -> float:
    from scipy.stats import chi2_contingency

    return float(chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)[1])


def test_two_proportion_p_survey_example():
    p = stats.two_proportion_p(261 / 373, 373, 270 / 430, 430)
    assert p == pytest.approx(0.03197, abs=1e-5)


@pytest.mark.parametrize("x1, n1, x2, n2", ZTEST_CASES)
def test_two_proportion_p_matches_statsmodels_and_scipy(x1, n1, x2, n2):
    p = stats.two_proportion_p(x1 / n1, n1, x2 / n2, n2)
    assert p == pytest.approx(sm_ztest(x1, n1, x2, n2), rel=1e-9, abs=TOL)
    assert p == pytest.approx(scipy_chi2(x1, n1, x2, n2), rel=1e-9, abs=TOL)


@settings(max_examples=300, deadline=None)
@given(count_and_nobs(), count_and_nobs())
def test_two_proportion_p_matches_statsmodels_property(a, b):
    (x1, n1), (x2, n2) = a, b
    p = stats.two_proportion_p(x1 / n1, n1, x2 / n2, n2)
    if x1 + x2 in (0, n1 + n2):  # pooled share 0 or 1: no variance
        assert math.isnan(p)
        assert math.isnan(sm_ztest(x1, n1, x2, n2))
        return
    assert p == pytest.approx(sm_ztest(x1, n1, x2, n2), rel=1e-9, abs=TOL)
    assert p == pytest.approx(scipy_chi2(x1, n1, x2, n2), rel=1e-9, abs=TOL)


def test_two_proportion_p_with_fractional_effective_n():
    # statsmodels accepts float counts and bases, as effective sample sizes give
    p1, n1, p2, n2 = 0.62, 211.7, 0.55, 305.25
    assert stats.two_proportion_p(p1, n1, p2, n2) == pytest.approx(sm_ztest(p1 * n1, n1, p2 * n2, n2), rel=1e-9)


@pytest.mark.parametrize("args", [(0.5, 0, 0.5, 10), (0.5, 10, 0.5, 0), (0.0, 10, 0.0, 20), (1.0, 10, 1.0, 5)])
def test_two_proportion_p_without_variance_is_nan(args):
    assert math.isnan(stats.two_proportion_p(*args))


def test_two_proportion_p_is_symmetric_and_1_for_equal_shares():
    assert stats.two_proportion_p(0.3, 40, 0.3, 90) == pytest.approx(1.0)
    assert stats.two_proportion_p(0.3, 40, 0.5, 90) == stats.two_proportion_p(0.5, 90, 0.3, 40)


# --- holm ----------------------------------------------------------------------------------------------------

def statsmodels_adjusted(p_values: list[float], method: str) -> list[float]:
    """The p-values adjusted by statsmodels' multipletests (method "holm" or "fdr_bh")."""
    from statsmodels.stats.multitest import multipletests

    return [float(x) for x in multipletests(p_values, method=method)[1]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(min_value=0, max_value=1), st.sampled_from([0.0, 0.01, 0.05, 1.0])),
                min_size=1, max_size=40))
def test_holm_matches_statsmodels(p_values):
    adjusted = stats.holm(p_values)
    assert adjusted == pytest.approx(statsmodels_adjusted(p_values, "holm"), rel=TOL, abs=TOL)
    assert all(p <= a <= 1 for p, a in zip(p_values, adjusted))


def test_holm_by_hand():
    assert stats.holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert stats.holm([0.5, 0.4]) == pytest.approx([0.8, 0.8])
    assert stats.holm([0.9, 0.6]) == [1.0, 1.0]


def test_holm_leaves_nan_out_of_the_count():
    p_values = [0.01, math.nan, 0.04, math.nan, 0.03]
    adjusted = stats.holm(p_values)
    assert math.isnan(adjusted[1]) and math.isnan(adjusted[3])
    present = [0.01, 0.04, 0.03]
    assert [adjusted[0], adjusted[2], adjusted[4]] == pytest.approx(statsmodels_adjusted(present, "holm"), rel=TOL)
    assert [adjusted[0], adjusted[2], adjusted[4]] == pytest.approx([0.03, 0.06, 0.06])


def test_holm_of_nothing_or_only_nan():
    assert stats.holm([]) == []
    assert all(math.isnan(a) for a in stats.holm([math.nan, math.nan]))
    assert stats.holm([0.2]) == [0.2]


# --- benjamini_hochberg ----------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(min_value=0, max_value=1), st.sampled_from([0.0, 0.01, 0.05, 1.0])),
                min_size=1, max_size=40))
def test_benjamini_hochberg_matches_statsmodels(p_values):
    adjusted = stats.benjamini_hochberg(p_values)
    assert adjusted == pytest.approx(statsmodels_adjusted(p_values, "fdr_bh"), rel=TOL, abs=TOL)
    assert all(p - TOL <= a <= 1 for p, a in zip(p_values, adjusted))  # m p / m may round below p


@pytest.mark.parametrize("seed", range(8))
def test_benjamini_hochberg_with_nan_and_ties_matches_statsmodels_on_the_rest(seed):
    import random

    rng = random.Random(seed)
    p_values = [rng.choice([math.nan, 0.02, 0.02, rng.random() / 10, rng.random()]) for _ in range(60)]
    adjusted = stats.benjamini_hochberg(p_values)
    kept = [i for i, p in enumerate(p_values) if not math.isnan(p)]
    assert all(math.isnan(adjusted[i]) for i in range(len(p_values)) if i not in kept)
    assert [adjusted[i] for i in kept] == pytest.approx(statsmodels_adjusted([p_values[i] for i in kept], "fdr_bh"),
                                                        rel=TOL, abs=TOL)
    tied = [adjusted[i] for i in kept if p_values[i] == 0.02]
    assert len(set(tied)) <= 1


def test_benjamini_hochberg_by_hand():
    # m = 4: 0.01 * 4/1 = 0.04, 0.02 * 4/2 = 0.04, 0.03 * 4/3 = 0.04, 0.5 * 4/4 = 0.5
    assert stats.benjamini_hochberg([0.03, 0.5, 0.01, 0.02]) == pytest.approx([0.04, 0.5, 0.04, 0.04])
    assert stats.benjamini_hochberg([0.9, 0.95]) == pytest.approx([0.95, 0.95])
    assert stats.benjamini_hochberg([0.8, 0.6]) == pytest.approx([0.8, 0.8])  # step-up: min of those above
    assert stats.benjamini_hochberg([]) == []
    assert all(math.isnan(a) for a in stats.benjamini_hochberg([math.nan, math.nan]))
