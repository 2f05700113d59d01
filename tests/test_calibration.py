"""The weights' definition (survey/stats/weighting.py) checked by independent solvers: scipy's HiGHS finds the
lexicographic minimax gaps by another procedure (each margin pushed both ways, not read off reduced costs),
scipy's SLSQP finds the weights closest to 1 that reach them, and a linear program checks the optimality
conditions of the weights (multipliers exist that make each weight exp(their sum), held at the bounds)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from survey.stats import weighting as wt
from tests.conftest import ROOT

scipy_optimize = pytest.importorskip("scipy.optimize")
SETTINGS = wt.load_settings()
SLACK = 1e-10  # what the independent solvers are trusted to


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "responses.csv", dtype=str)


def problem(cells: pd.DataFrame, goals: dict, counts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The margins as a 0/1 matrix (margins x cells), the targets, and each cell's share of the sample."""
    member = np.vstack([[(cells[dim] == option).to_numpy() for option in goal] for dim, goal in goals.items()])
    wanted = np.array([p for goal in goals.values() for p in goal.values()])
    counts = np.asarray(counts, dtype=float)
    return member.astype(float), wanted, counts / counts.sum()


def smallest_largest_gap(member, wanted, mass, lower, upper, gaps=None, cap=None, objective=None):
    """HiGHS: min t over weights inside the bounds with mean 1, |gap| <= t for the margins not in `gaps` (or
    <= cap, minimising `objective` . weights instead), and the margins in `gaps` held at those gaps."""
    shares, (k, c) = member * mass, member.shape
    gaps = gaps or {}
    lower_rows, upper_rows, rhs_up, rhs_low = [], [], [], []
    for margin in range(k):
        if margin in gaps:
            continue
        t = [0.0] if cap is not None else [-1.0]
        upper_rows.append(np.r_[shares[margin], t])
        rhs_up.append(wanted[margin] + (cap or 0.0))
        lower_rows.append(np.r_[-shares[margin], t])
        rhs_low.append(-wanted[margin] + (cap or 0.0))
    equal = [np.r_[mass, 0.0]] + [np.r_[shares[m], 0.0] for m in gaps]
    equal_rhs = [1.0] + [wanted[m] + g for m, g in gaps.items()]
    cost = np.r_[np.zeros(c), 1.0] if objective is None else np.r_[objective, 0.0]
    bounds = [(lower, None if not np.isfinite(upper) else upper)] * c + [(0, None)]
    result = scipy_optimize.linprog(cost, A_ub=np.array(upper_rows + lower_rows) if upper_rows else None,
                                    b_ub=rhs_up + rhs_low if upper_rows else None, A_eq=np.array(equal),
                                    b_eq=equal_rhs, bounds=bounds, method="highs")
    assert result.status == 0, result.message
    return result


def lexicographic_gaps(member, wanted, mass, lower, upper) -> np.ndarray:
    """The gaps by the definition, found another way: the smallest largest gap t of the margins not yet
    fixed; then each of them pushed down and up with the others held within t: one that cannot leave +t (or
    -t) is there in every solution, and is fixed there."""
    gaps: dict[int, float] = {}
    k = len(wanted)
    while len(gaps) < k:
        largest = smallest_largest_gap(member, wanted, mass, lower, upper, gaps).fun
        loose = [m for m in range(k) if m not in gaps]
        if largest <= SLACK:
            gaps.update(dict.fromkeys(loose, 0.0))
            break
        found = {}
        for m in loose:
            share = member[m] * mass
            least = smallest_largest_gap(member, wanted, mass, lower, upper, gaps, largest, share).fun - wanted[m]
            most = -smallest_largest_gap(member, wanted, mass, lower, upper, gaps, largest, -share).fun - wanted[m]
            if least >= largest - SLACK:
                found[m] = largest
            elif most <= -largest + SLACK:
                found[m] = -largest
        assert found, "some margin must be held at the largest gap"
        gaps.update(found)
    return np.array([gaps[m] for m in range(k)])


def closest_weights(member, reach, mass, lower, upper) -> np.ndarray:
    """SLSQP: the weights inside the bounds whose shares are `reach`, closest to 1 in the raking distance, on
    a set of independent rows of the constraints (SLSQP needs them independent)."""
    shares = member * mass
    rows, kept = [], np.zeros((0, shares.shape[1]))
    for i in range(len(shares)):  # keep the rows that add a direction
        trial = np.vstack([kept, shares[i]])
        if np.linalg.matrix_rank(trial, tol=1e-10) > len(kept):
            kept, rows = trial, rows + [i]
    floor = max(lower, 1e-12)
    result = scipy_optimize.minimize(
        lambda w: mass @ (w * np.log(w) - w + 1), np.ones(shares.shape[1]), jac=lambda w: mass * np.log(w),
        method="SLSQP", bounds=[(floor, upper if np.isfinite(upper) else None)] * shares.shape[1],
        constraints=[{"type": "eq", "fun": lambda w: kept @ w - reach[rows], "jac": lambda w: kept}],
        options={"ftol": 1e-16, "maxiter": 1000})
    assert result.success, result.message
    return result.x


def optimal(member, reach, mass, weights, lower, upper) -> bool:
    """The optimality conditions of min sum mass (w log w - w + 1) subject to the shares and the bounds: one
    multiplier per margin such that a weight inside the bounds is exp(the sum of its margins' multipliers), one
    at the lower bound has a sum at most log(lower), one at the upper at least log(upper); and the shares are
    `reach`. Whether such multipliers exist is itself a linear program."""
    if np.abs(member @ (mass * weights) - reach).max() > 1e-12:
        return False
    low = np.isclose(weights, lower, rtol=1e-9, atol=0) if lower > 0 else np.zeros(len(weights), dtype=bool)
    high = np.isclose(weights, upper, rtol=1e-9, atol=0)
    inside = ~low & ~high & (weights > 1e-9)  # a weight of (nearly) 0 is the lower bound 0, any sum below
    rows = [member[:, low].T, -member[:, high].T]
    rhs = [np.full(low.sum(), np.log(lower) if lower > 0 else 0), np.full(high.sum(), -np.log(upper))]
    result = scipy_optimize.linprog(
        np.zeros(len(reach)), A_ub=np.vstack(rows) if low.any() or high.any() else None,
        b_ub=np.concatenate(rhs) if low.any() or high.any() else None,
        A_eq=member[:, inside].T, b_eq=np.log(weights[inside]), bounds=[(None, None)] * len(reach), method="highs")
    if result.status != 0:
        return False
    sums = result.x @ member
    return bool(np.abs(sums[inside] - np.log(weights[inside])).max(initial=0) < 1e-7)


@pytest.mark.parametrize("scheme", wt.SCHEMES)
def test_the_reconstructions_weights_are_the_independent_solvers(frame, scheme):
    cells = frame.groupby(list(SETTINGS.schemes[scheme])).size().reset_index(name="n")
    dims = list(SETTINGS.schemes[scheme])
    goals = wt.targets(scheme, frame)
    member, wanted, mass = problem(cells[dims], goals, cells["n"])
    weights, gaps, _ = wt.calibrate(cells[dims], goals, cells["n"], SETTINGS.lower, SETTINGS.upper)

    minimax = smallest_largest_gap(member, wanted, mass, SETTINGS.lower, SETTINGS.upper).fun
    assert np.abs(gaps).max() == pytest.approx(minimax, abs=1e-12)  # the smallest largest gap, as HiGHS finds it
    theirs = lexicographic_gaps(member, wanted, mass, SETTINGS.lower, SETTINGS.upper)
    np.testing.assert_allclose(gaps, theirs, rtol=0, atol=1e-12)
    assert optimal(member, wanted + gaps, mass, weights, SETTINGS.lower, SETTINGS.upper)
    np.testing.assert_allclose(weights, closest_weights(member, wanted + gaps, mass, SETTINGS.lower, SETTINGS.upper),
                               rtol=1e-6, atol=0)
    per_respondent = wt.weigh(scheme, frame)
    assert per_respondent.max_margin_error == pytest.approx(minimax, abs=1e-12)
    spread = dict(zip(cells[dims].itertuples(index=False, name=None), weights))
    rows = frame[dims].itertuples(index=False, name=None)
    np.testing.assert_allclose(per_respondent.weights, [spread[k] for k in rows], rtol=0, atol=1e-12)
    print(f"\n{scheme}: smallest largest gap {100 * minimax:.4f} points")


def test_company_size_comes_within_1_01_points_where_raking_left_1_70(frame):
    weights = wt.weigh("company", frame).weights
    size = frame["company_size"].to_numpy()
    goals = wt.targets("company", frame)["company_size"]
    gaps = {o: weights[size == o].sum() / weights.sum() - p for o, p in goals.items()}
    assert max(abs(g) for g in gaps.values()) < 0.0101
    assert abs(gaps["no_employees"]) < 0.006  # raking with trimming left it 1.70 points short


@st.composite
def problems(draw):
    """A sample over 2-3 dimensions of 2-4 categories, every category present, as cells with counts, random
    targets, and bounds."""
    rows = draw(st.integers(20, 300))
    sizes = draw(st.lists(st.integers(2, 4), min_size=2, max_size=3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    columns, goals = {}, {}
    for d, size in enumerate(sizes):
        codes = rng.permutation(np.r_[np.arange(size), rng.integers(0, size, rows - size)])
        columns[f"d{d}"] = [f"c{c}" for c in codes]
        raw = rng.uniform(0.05, 1.0, size)
        goals[f"d{d}"] = {f"c{c}": x / raw.sum() for c, x in enumerate(raw)}
    cells = pd.DataFrame(columns).groupby(list(goals)).size().reset_index(name="n")
    bounds = draw(st.sampled_from([(0.2, 5.0), (0.5, 2.0), (0.0, np.inf), (0.9, 1.1), (0.0, 3.0), (0.3, np.inf)]))
    return cells[list(goals)], goals, cells["n"].to_numpy(), bounds


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_random_problems_agree_with_the_independent_solvers(case):
    cells, goals, counts, (lower, upper) = case
    member, wanted, mass = problem(cells, goals, counts)
    weights, gaps, _ = wt.calibrate(cells, goals, counts, lower, upper)
    np.testing.assert_allclose(gaps, lexicographic_gaps(member, wanted, mass, lower, upper), rtol=0, atol=1e-9)
    assert optimal(member, wanted + gaps, mass, weights, lower, upper)
