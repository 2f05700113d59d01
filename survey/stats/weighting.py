"""Survey weights by calibration within bounds: the sample over-represents larger companies and older people,
so weigh it until the weighted shares of a scheme's dimensions match the population (survey/model/population.py),
with no respondent counting less than `lower` or more than `upper` times the mean weight of 1. The settings
are in data/weighting.yaml.

The weights are the answer to an optimisation problem, not whatever an algorithm stops at, so there is one
answer and any correct solver finds it:

1. The margins: as close to the targets as the bounds allow. The largest gap |weighted share - target|, over
   every option of every dimension of the scheme, is as small as weights inside the bounds can make it; then,
   with that held, the next largest, and so on (lexicographic minimax). Where the bounds allow every target,
   every gap is 0. Why not the largest gap alone: it leaves every other gap free to be as large as the worst
   (on the reconstruction's person scheme, 29 respondents under 30 keep age 6.8 points off its target
   whatever the weights, and the largest gap alone would let gender, which can be met exactly, drift as far).
   Why gaps in points: they are what the method page shows and what a reader compares. The gap of every
   option is unique (if two weightings reached different gaps, their average would reach smaller ones), so
   this fixes the margins to be reached. Each step is a linear program (_simplex, _closest_reachable).
2. The weights: among the weights inside the bounds that reach those margins, the ones closest to the design
   weights (all 1) in the raking distance, the sum over respondents of w log w - w + 1 (Deville and Särndal
   1992). It is strictly convex, so the weights are unique; and where the bounds hold no weight, they are the
   raking (iterative proportional fitting, Deming and Stephan 1940) weights, the classic answer, as other
   raking software gives them. The solver is Newton's method on the dual problem (_calibrate).

Respondents alike in the scheme's dimensions (a cell) get the same weight: the objective treats them alike and
has one minimum. So the problem is solved on the cells and their counts, a few dozen numbers whatever the
number of respondents.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from survey.base.paths import DATA
from survey.model import codebook as cb
from survey.model.population import population_shares

SCHEMES = ("company", "person")
PRECISION = 1e-13  # the margins reached agree with the margins the first step fixes to this, as proportions
_TIE = 1e-11  # the simplex method's zero: pivots, reduced costs and ratios closer to 0 than this are 0
_STALL = 20  # pivots in a row that move nothing before the simplex method turns to Bland's rule
_FORCED = 1e-9  # a reduced cost above this marks a bound every optimum of the linear program sits at


@dataclass(frozen=True)
class Settings:
    """data/weighting.yaml: each scheme's dimensions, the bounds (relative to a mean of 1), the limits."""
    schemes: dict[str, tuple[str, ...]]
    lower: float
    upper: float
    max_iterations: int
    tolerance: float


@dataclass(frozen=True)
class Result:
    scheme: str
    weights: np.ndarray  # one per respondent, in the order of the frame, mean 1
    iterations: int  # the solver's steps: pivots of the linear programs and Newton steps of the calibration
    converged: bool  # every margin within tolerance of its target at the end
    max_margin_error: float  # largest |weighted share - target| over all margins, as a proportion
    trimmed: int  # respondents whose weight sits at a bound
    design_effect: float  # Kish: n * sum w^2 / (sum w)^2
    efficiency: float  # 1 / design_effect
    min_weight: float
    max_weight: float
    dropped: tuple[str, ...]  # "dimension=option" targets left out because nobody in the sample has them


def load_settings(path: Path = DATA / "weighting.yaml") -> Settings:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    settings = Settings({name: tuple(dims) for name, dims in raw["schemes"].items()},
                        float(raw["bounds"]["lower"]), float(raw["bounds"]["upper"]), int(raw["max_iterations"]),
                        float(raw["tolerance"]))
    if tuple(settings.schemes) != SCHEMES:
        raise ValueError(f"{path} must list the schemes {', '.join(SCHEMES)}, in that order")
    if not (0 <= settings.lower <= 1 <= settings.upper and settings.tolerance > 0 and settings.max_iterations > 0):
        raise ValueError(f"{path}: needs lower <= 1 <= upper (a mean weight of 1 must fit), tolerance > 0 and "
                         "max_iterations > 0")
    return settings


def _dimension_targets(dim: str, frame: pd.DataFrame, codebook: cb.Codebook,
                       counts: np.ndarray) -> tuple[dict[str, float], list[str]]:
    """Options without population figures (gender not_stated) keep their sample share, since the population
    says nothing about them; the options with figures share the rest in the population's proportions."""
    options = codebook[dim].option_ids
    if dim not in frame or frame[dim].isna().any() or not set(frame[dim]) <= set(options):
        raise ValueError(f"weighting needs one of the codebook's {dim} options for every respondent")
    seen, population = set(frame[dim]), population_shares(dim, codebook)
    dropped = [f"{dim}={o}" for o in population if o not in seen]
    own = {o: float(counts[(frame[dim] == o).to_numpy()].sum() / counts.sum())
           for o in options if o not in population and o in seen}
    total = sum(share for o, share in population.items() if o in seen)
    rest = 1 - sum(own.values())
    found = own | {o: rest * share / total for o, share in population.items() if o in seen}
    return {o: found[o] for o in options if o in found}, dropped


def _targets(scheme: str, frame: pd.DataFrame, codebook, settings,
             counts: np.ndarray | None = None) -> tuple[dict, tuple[str, ...]]:
    settings = settings or load_settings()
    if scheme not in settings.schemes:
        raise ValueError(f"unknown weighting scheme {scheme!r}; known: {', '.join(settings.schemes)}")
    counts = np.ones(len(frame)) if counts is None else counts
    parts = {dim: _dimension_targets(dim, frame, codebook or cb.load(), counts) for dim in settings.schemes[scheme]}
    return {dim: goal for dim, (goal, _) in parts.items()}, tuple(d for _, dropped in parts.values() for d in dropped)


def targets(scheme: str, frame: pd.DataFrame, codebook=None, settings=None) -> dict[str, dict[str, float]]:
    """Population proportions per option for each dimension of the scheme (each summing to 1). Gender: the
    population has no 'not stated'; respondents who did not state their gender keep their sample share of
    the total, and male/female share the rest in the population's proportions. A target option nobody in
    the frame has is left out (and reported in Result.dropped) and the rest renormalised, since no weight
    can give a share to a group nobody is in."""
    return _targets(scheme, frame, codebook, settings)[0]


def dimension_targets(dim: str, options, counts, codebook=None) -> dict[str, float]:
    """The target of each option of `dim` for a sample with `counts` respondents of `options`, as the
    weighting takes it (targets says how)."""
    frame = pd.DataFrame({dim: list(options)})
    return _dimension_targets(dim, frame, codebook or cb.load(), np.asarray(counts, dtype=float))[0]


def _margins(frame: pd.DataFrame, goals: dict[str, dict[str, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Every target option of every dimension as a row: which rows of `frame` are in it (a 0/1 matrix, one
    column per row of the frame), and the target proportions."""
    rows, wanted = [], []
    for dim, goal in goals.items():
        position = {option: i for i, option in enumerate(goal)}
        codes = np.array([position.get(value, -1) for value in frame[dim]], dtype=np.intp)
        target = np.array(list(goal.values()), dtype=float)
        if frame.empty or (codes < 0).any() or (np.bincount(codes, minlength=len(target)) == 0).any():
            raise ValueError(f"every respondent's {dim} needs a target, and every target of {dim} a respondent")
        if not np.isclose(target.sum(), 1):
            raise ValueError(f"the targets of {dim} sum to {target.sum()}, not 1")
        rows.append(codes[None, :] == np.arange(len(target))[:, None])
        wanted.append(target)
    return np.vstack(rows).astype(float), np.concatenate(wanted)


# --- the linear programs -------------------------------------------------------------------------------------

def _simplex(cost: np.ndarray, matrix: np.ndarray, rhs: np.ndarray, lower: np.ndarray,
             upper: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """min cost . x subject to matrix x = rhs and lower <= x <= upper (lower finite, upper may be inf): the
    two-phase primal simplex method with bounded variables on a dense tableau. It enters the variable of the
    largest reduced cost (Dantzig's rule) until a run of pivots gains nothing, then Bland's rule (the entering
    and the leaving variable the first of the candidates), which cannot cycle: these programs are degenerate,
    many gaps tie at the optimum. Returns an optimal vertex x, the reduced costs there (x_j sits at its lower
    bound in every optimal solution where d_j > 0, at its upper bound where d_j < 0) and the pivots made."""
    m, n = matrix.shape
    start = lower.astype(float)
    residual = rhs - matrix @ start
    sign = np.where(residual >= 0, 1.0, -1.0)
    full = np.hstack([matrix, np.diag(sign)])  # an artificial variable per row makes the first basis
    low = np.concatenate([lower, np.zeros(m)]).astype(float)
    high = np.concatenate([upper, np.full(m, np.inf)]).astype(float)
    x = np.concatenate([start, np.abs(residual)])
    basis = np.arange(n, n + m)
    tableau = full * sign[:, None]  # B^-1 times the columns, with B = diag(sign)
    pivots = degenerate = 0
    max_pivots = 100 * (m + n)  # a guard only: the method ends in finitely many pivots
    for phase, costs in enumerate((np.r_[np.zeros(n), np.ones(m)], np.r_[cost, np.zeros(m)])):
        if phase == 1:
            if x[n:].sum() > 1e-9 * max(1.0, np.abs(rhs).max()):
                raise ValueError("the weighting's linear program has no solution inside the bounds")
            high[n:] = 0.0  # the artificial variables stay at 0 from here on
            x[n:] = np.minimum(x[n:], 0.0)
        while True:
            reduced = costs - costs[basis] @ tableau
            nonbasic = np.ones(n + m, dtype=bool)
            nonbasic[basis] = False
            movable = nonbasic & (high > low)
            at_low = x <= low  # a nonbasic variable sits at one of its bounds
            entering = np.flatnonzero(movable & ((at_low & (reduced < -_TIE)) | (~at_low & (reduced > _TIE))))
            if not len(entering):
                break
            if pivots >= max_pivots:
                raise RuntimeError(f"the weighting's linear program needs more than {max_pivots} pivots")
            if degenerate < _STALL:  # Dantzig's rule, fast; Bland's after a run of pivots that gain nothing
                j = entering[np.argmax(np.abs(reduced[entering]))]
            else:
                j = entering[0]
            step = 1.0 if at_low[j] else -1.0
            column = step * tableau[:, j]  # the basic variables move by -theta * column
            values = x[basis]
            limit = np.full(m, np.inf)
            falling, rising = column > _TIE, column < -_TIE
            limit[falling] = (values[falling] - low[basis][falling]) / column[falling]
            limit[rising] = (high[basis][rising] - values[rising]) / -column[rising]
            limit = np.maximum(limit, 0.0)
            theta = min(limit.min(), high[j] - low[j])
            if not np.isfinite(theta):
                raise ValueError("the weighting's linear program is unbounded")
            x[basis] = values - theta * column
            if theta == high[j] - low[j] and theta <= limit.min():  # the entering variable crosses to its other bound
                x[j] = high[j] if step > 0 else low[j]
                continue
            degenerate = degenerate + 1 if theta <= _TIE else 0
            ties = np.flatnonzero(limit <= limit.min() + _TIE)
            r = ties[np.argmin(basis[ties])]
            leaving = basis[r]
            x[j] += step * theta
            x[leaving] = low[leaving] if column[r] > 0 else high[leaving]
            tableau[r] /= tableau[r, j]
            others = np.arange(m) != r
            tableau[others] -= np.outer(tableau[others, j], tableau[r])
            basis[r] = j
            pivots += 1
    # The tableau gathers rounding over the pivots: the vertex and its reduced costs once more from the data.
    outside = np.ones(n + m, dtype=bool)
    outside[basis] = False
    x[basis] = np.linalg.solve(full[:, basis], rhs - full[:, outside] @ x[outside])
    costs = np.r_[cost, np.zeros(m)]
    duals = np.linalg.solve(full[:, basis].T, costs[basis])
    reduced = costs - duals @ full
    reduced[basis] = 0.0
    return x[:n], reduced[:n], pivots


def _closest_reachable(shares: np.ndarray, wanted: np.ndarray, mass: np.ndarray, lower: float,
                       upper: float) -> tuple[np.ndarray, int]:
    """The gaps (weighted share - target, one per margin) the lexicographic minimax leaves: a linear program
    finds the smallest largest gap t over the margins not yet fixed, with weights inside the bounds, a mean
    of 1 and the fixed margins held. A margin whose bound |gap| <= t has a positive reduced cost is at
    +t or -t in every solution (complementary slackness), so it is fixed there; at least one is, since the
    reduced costs of a bound on t sum to 1. Then the next program, with the rest, until every margin is fixed
    or the rest can be met exactly. `shares`: margins x cells, each cell's share of the sample where it is in
    the margin; `mass`: each cell's share of the sample. Returns the gaps and the pivots made."""
    k, c = shares.shape
    gaps, free, pivots = np.zeros(k), np.ones(k, dtype=bool), 0
    while free.any():
        loose, held = np.flatnonzero(free), np.flatnonzero(~free)
        f = len(loose)
        # variables: the cells' weights, t, and a slack for each side of each free margin's |gap| <= t
        width = c + 1 + 2 * f
        rows = [np.r_[mass, np.zeros(1 + 2 * f)]]
        rhs = [1.0]
        for i, margin in enumerate(loose):
            above, below = np.zeros(2 * f), np.zeros(2 * f)
            above[i], below[f + i] = 1.0, 1.0
            rows += [np.r_[shares[margin], -1.0, above], np.r_[-shares[margin], -1.0, below]]
            rhs += [wanted[margin], -wanted[margin]]
        for margin in held:
            rows.append(np.r_[shares[margin], np.zeros(1 + 2 * f)])
            rhs.append(wanted[margin] + gaps[margin])
        cost = np.zeros(width)
        cost[c] = 1.0
        low = np.zeros(width)
        low[:c] = lower
        high = np.full(width, np.inf)
        high[:c] = upper
        x, reduced, made = _simplex(cost, np.array(rows), np.array(rhs), low, high)
        pivots += made
        largest = x[c]
        if largest <= PRECISION:
            gaps[loose] = 0.0
            break
        slack = reduced[c + 1:]
        forced = slack > _FORCED
        if not forced.any():  # rounding: take the bound with the largest reduced cost, which is binding
            forced = slack == slack.max()
        up, down = forced[:f], forced[f:]
        gaps[loose[up]] = largest
        gaps[loose[down]] = -largest
        free[loose[up | down]] = False
    return gaps, pivots


# --- the calibration -----------------------------------------------------------------------------------------

def _calibrate(member: np.ndarray, reach: np.ndarray, mass: np.ndarray, lower: float, upper: float,
               max_steps: int) -> tuple[np.ndarray, int]:
    """The weights (one per cell) inside [lower, upper] whose weighted shares are `reach`, closest to 1 in
    the raking distance: min sum mass * (w log w - w + 1) subject to member (mass * w) = reach. Its dual is
    smooth and convex in one multiplier per margin, and at its minimum each weight is exp(the sum of its
    margins' multipliers) held inside the bounds; Newton's method on the dual, the Hessian damped by the size
    of the gradient (so a margin whose cells all sit at a bound still moves) and the step halved until the
    dual falls. `member`: margins x cells, 1 where the cell is in the margin. Returns the weights and the
    steps made."""
    log_low = np.log(lower) if lower > 0 else -np.inf
    log_high = np.log(upper) if np.isfinite(upper) else np.inf

    def at(multipliers: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
        s = np.minimum(multipliers @ member, 700.0)  # no weight overflows, whatever a step tries
        w = np.clip(np.exp(s), lower, upper)
        distance = np.where(w > 0, w * np.log(np.where(w > 0, w, 1.0)), 0.0) - w + 1
        return s, w, float(mass @ (w * s - distance) - reach @ multipliers)

    multipliers = np.zeros(len(reach))
    s, w, dual = at(multipliers)
    for steps in range(max_steps + 1):
        gradient = member @ (mass * w) - reach
        size = np.abs(gradient).max()
        if size <= PRECISION or steps == max_steps:
            break
        inside = (s > log_low) & (s < log_high)
        hessian = (member * (mass * w * inside)) @ member.T
        direction = np.linalg.solve(hessian + size * np.eye(len(reach)), -gradient)
        slope, length = gradient @ direction, 1.0
        for _ in range(60):
            s_new, w_new, dual_new = at(multipliers + length * direction)
            if dual_new <= dual + 1e-4 * length * slope or (
                    dual_new <= dual + 1e-15 * max(1.0, abs(dual)) and
                    np.abs(member @ (mass * w_new) - reach).max() < size):  # where the dual's change is rounding
                break
            length /= 2
        else:
            break  # no step lowers the dual: as close as the arithmetic allows
        multipliers, s, w, dual = multipliers + length * direction, s_new, w_new, dual_new
    return w, steps


# --- the weights ---------------------------------------------------------------------------------------------

def weigh(scheme: str, frame: pd.DataFrame, codebook=None, settings=None) -> Result:
    """One weight per respondent (row of `frame`): weigh_cells on the respondents grouped by the scheme's
    dimensions (respondents alike in those get the same weight), spread back to the rows."""
    settings = settings or load_settings()
    if scheme not in settings.schemes:
        raise ValueError(f"unknown weighting scheme {scheme!r}; known: {', '.join(settings.schemes)}")
    dims = list(settings.schemes[scheme])
    missing = [d for d in dims if d not in frame]
    if missing:
        raise ValueError(f"weighting needs one of the codebook's {missing[0]} options for every respondent")
    groups = frame[dims].astype(object).groupby(dims, sort=True, dropna=False)
    where = groups.ngroup().to_numpy()
    sizes = groups.size()
    cells = sizes.index.to_frame(index=False) if len(frame) else frame[dims].iloc[:0]
    result = weigh_cells(scheme, cells, sizes.to_numpy(dtype=float), codebook, settings)
    return replace(result, weights=result.weights[where])


def calibrate(cells: pd.DataFrame, goals: dict[str, dict[str, float]], counts, lower: float, upper: float,
              max_iterations: int = 1000) -> tuple[np.ndarray, np.ndarray, int]:
    """The weights of the module's definition for `cells` (one row per combination of the goals' dimensions)
    holding `counts` respondents each: mean 1, inside [lower, upper], the margins as close to `goals` as the
    bounds allow and the weights closest to 1 that reach them, in at most `max_iterations` Newton steps.
    Returns the weights (one per cell), the gap each margin is left with (weighted share - target, in the
    order of the goals' options), and the steps made (pivots of the linear programs and Newton steps)."""
    counts = np.asarray(counts, dtype=float)
    member, wanted = _margins(cells, goals)
    mass = counts / counts.sum()
    gaps, pivots = _closest_reachable(member * mass, wanted, mass, lower, upper)
    weights, steps = _calibrate(member, wanted + gaps, mass, lower, upper, max_iterations)
    return weights, gaps, pivots + steps


def weigh_cells(scheme: str, cells: pd.DataFrame, counts, codebook=None, settings=None) -> Result:
    """Weights for respondents grouped into cells: one row of `cells` per combination of the scheme's
    dimensions, `counts` the respondents in each (calibrate says how). The weights returned (one per cell) are
    inside the bounds; converged says whether they meet every target to the tolerance, which they do
    wherever weights inside the bounds can."""
    settings = settings or load_settings()
    counts = np.asarray(counts, dtype=float)
    goals, dropped = _targets(scheme, cells, codebook, settings, counts)
    weights, _, steps = calibrate(cells, goals, counts, settings.lower, settings.upper, settings.max_iterations)
    member, wanted = _margins(cells, goals)
    error = float(np.abs(member @ (counts * weights) / (counts @ weights) - wanted).max())
    at_bound = (np.isclose(weights, settings.lower, rtol=1e-9, atol=0)
                | np.isclose(weights, settings.upper, rtol=1e-9, atol=0))
    design_effect = float(counts.sum() * np.sum(counts * weights**2) / np.sum(counts * weights) ** 2)
    return Result(scheme, weights, steps, error <= settings.tolerance, error, int(counts[at_bound].sum()),
                  design_effect, 1 / design_effect, float(weights.min()), float(weights.max()), dropped)
