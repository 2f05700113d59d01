"""Survey weights by raking (iterative proportional fitting, Deming and Stephan 1940), with trimming: the
sample over-represents larger companies and older people, so weigh it until the weighted shares of a scheme's
dimensions match the population (survey/population.py), with no respondent counting too much or too little.
The settings are in data/weighting.yaml."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from survey import codebook as cb
from survey.paths import DATA
from survey.population import population_shares

SCHEMES = ("company", "person")


@dataclass(frozen=True)
class Settings:
    """data/weighting.yaml: each scheme's dimensions, the trim bounds (relative to a mean of 1), the limits."""
    schemes: dict[str, tuple[str, ...]]
    lower: float
    upper: float
    max_iterations: int
    tolerance: float
    max_trim_rounds: int


@dataclass(frozen=True)
class Result:
    scheme: str
    weights: np.ndarray  # one per respondent, in the order of the frame, mean 1
    iterations: int  # raking sweeps in total
    converged: bool  # every margin within tolerance of its target at the end
    max_margin_error: float  # largest |weighted share - target| over all margins, as a proportion
    trimmed: int  # respondents whose weight sits at a trimming bound at the end
    design_effect: float  # Kish: n * sum w^2 / (sum w)^2
    efficiency: float  # 1 / design_effect
    min_weight: float
    max_weight: float
    dropped: tuple[str, ...]  # "dimension=option" targets left out because nobody in the sample has them


def load_settings(path: Path = DATA / "weighting.yaml") -> Settings:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    settings = Settings({name: tuple(dims) for name, dims in raw["schemes"].items()},
                        float(raw["trim"]["lower"]), float(raw["trim"]["upper"]), int(raw["max_iterations"]),
                        float(raw["tolerance"]), int(raw["max_trim_rounds"]))
    if tuple(settings.schemes) != SCHEMES:
        raise ValueError(f"{path} must list the schemes {', '.join(SCHEMES)}, in that order")
    if not (0 <= settings.lower <= 1 <= settings.upper and settings.tolerance > 0 and settings.max_iterations > 0
            and settings.max_trim_rounds >= 0):
        raise ValueError(f"{path}: needs lower <= 1 <= upper (a mean weight of 1 must fit), tolerance > 0, "
                         "max_iterations > 0 and max_trim_rounds >= 0")
    return settings


def _dimension_targets(dim: str, frame: pd.DataFrame, codebook: cb.Codebook,
                       counts: np.ndarray) -> tuple[dict[str, float], list[str]]:
    """Options without population figures (gender not_stated) keep their sample share, since the population
    says nothing about them; the options with figures share the rest in the population's proportions."""
    options = codebook[dim].option_ids
    if dim not in frame or frame[dim].isna().any() or not set(frame[dim]) <= set(options):
        raise ValueError(f"raking needs one of the codebook's {dim} options for every respondent")
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
    the frame has is left out (and reported in Result.dropped) and the rest renormalised, since raking cannot
    give weight to an empty cell."""
    return _targets(scheme, frame, codebook, settings)[0]


def dimension_targets(dim: str, options, counts, codebook=None) -> dict[str, float]:
    """The target of each option of `dim` for a sample with `counts` respondents of `options`, as raking
    takes it (targets says how)."""
    frame = pd.DataFrame({dim: list(options)})
    return _dimension_targets(dim, frame, codebook or cb.load(), np.asarray(counts, dtype=float))[0]


def _margins(frame: pd.DataFrame, goals: dict[str, dict[str, float]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per dimension: each respondent's category as a position in the targets, and the target proportions."""
    margins = []
    for dim, goal in goals.items():
        position = {option: i for i, option in enumerate(goal)}
        codes = np.array([position.get(value, -1) for value in frame[dim]], dtype=np.intp)
        target = np.array(list(goal.values()), dtype=float)
        if frame.empty or (codes < 0).any() or (np.bincount(codes, minlength=len(target)) == 0).any():
            raise ValueError(f"every respondent's {dim} needs a target, and every target of {dim} a respondent")
        if not np.isclose(target.sum(), 1):
            raise ValueError(f"the targets of {dim} sum to {target.sum()}, not 1")
        margins.append((codes, target))
    return margins


def _margin_error(weights: np.ndarray, margins: list[tuple[np.ndarray, np.ndarray]], counts: np.ndarray) -> float:
    mass = weights * counts
    total = mass.sum()
    return max(float(np.abs(np.bincount(c, mass, len(t)) / total - t).max()) for c, t in margins)


def rake(frame: pd.DataFrame, targets: dict[str, dict[str, float]], *, max_iterations: int, tolerance: float,
         start: np.ndarray | None = None, counts: np.ndarray | None = None) -> tuple[np.ndarray, int, bool, float]:
    """Weights (mean 1) whose weighted margins meet the targets: sweep over the dimensions, scaling each
    category's weights to its target, until the largest margin gap is below tolerance. `counts`: how many
    respondents each row of `frame` stands for (one each by default).
    Returns the weights, the sweeps made, whether the margins meet the targets, and the largest gap."""
    counts = np.ones(len(frame)) if counts is None else np.asarray(counts, dtype=float)
    margins, n = _margins(frame, targets), counts.sum()
    weights = np.ones(len(frame)) if start is None else np.asarray(start, dtype=float) * n / np.sum(start * counts)
    error, sweeps = _margin_error(weights, margins, counts), 0
    while error > tolerance and sweeps < max_iterations:
        for codes, target in margins:
            weights = weights * (target * n / np.bincount(codes, weights * counts, len(target)))[codes]
        error, sweeps = _margin_error(weights, margins, counts), sweeps + 1
    return weights, sweeps, error <= tolerance, error


def trim(weights: np.ndarray, lower: float, upper: float, counts: np.ndarray | None = None) -> np.ndarray:
    """Weights relative to their mean, clipped to [lower, upper] with the rest scaled so the mean stays 1.
    The mean of clip(c * w) rises piecewise linearly in the scale c, so find the piece where it reaches 1
    (a bisection over the break points c = bound / w) and solve that piece exactly. `counts`: how many
    respondents each weight stands for (one each by default)."""
    counts = np.ones(len(weights)) if counts is None else np.asarray(counts, dtype=float)
    n = counts.sum()
    w = weights / (np.sum(weights * counts) / n)
    if w.min() >= lower and w.max() <= upper:
        return w
    points = np.concatenate([lower / w, upper / w])
    points = np.unique(points[np.isfinite(points) & (points > 0)])
    low, high = 0, len(points)  # find the first break point where the mean reaches 1
    while low < high:
        middle = (low + high) // 2
        reached = np.clip(points[middle] * w, lower, upper) @ counts >= n
        low, high = (low, middle) if reached else (middle + 1, high)
    left = points[low - 1] if low > 0 else 0.0
    inner = (left + (points[low] if low < len(points) else 2 * left)) / 2  # a scale inside the piece
    clipped, free = np.clip(inner * w, lower, upper), (lower <= inner * w) & (inner * w <= upper)
    if not free.any():  # lower or upper is 1: every weight is 1
        return clipped
    return np.clip((n - clipped[~free] @ counts[~free]) / (w[free] @ counts[free]) * w, lower, upper)


def scaled_within(weights: np.ndarray, counts: np.ndarray, total: float, lower: float,
                  upper: float) -> np.ndarray:
    """`weights` scaled by one factor so that their mass (weight times count) is `total`, each held inside
    [lower, upper] (trim's solution for a mean of total / count); where the bounds cannot reach `total`,
    every weight at the bound nearest it."""
    mean = total / counts.sum()
    return mean * trim(weights, lower / mean, upper / mean, counts)


def _rake_within_dimension(weights: np.ndarray, counts: np.ndarray, codes: np.ndarray, target: np.ndarray,
                           lower: float, upper: float) -> np.ndarray:
    """One dimension's step of rake_within: each category's weights scaled to its target inside the bounds. A
    category the bounds keep from its target gets what they allow, and the other categories share the rest of
    the total in their targets' proportions, so the weights keep a mean of 1."""
    n, goal, held = counts.sum(), target * counts.sum(), np.zeros(len(target), dtype=bool)
    while True:
        scaled = weights.copy()
        for k in range(len(target)):
            cell = codes == k
            scaled[cell] = scaled_within(weights[cell], counts[cell], goal[k], lower, upper)
        mass = np.bincount(codes, scaled * counts, len(target))
        missed = ~held & ~np.isclose(mass, goal, rtol=1e-12, atol=0)
        if not missed.any() or (held | missed).all():
            return scaled
        held |= missed
        goal = np.where(held, mass, target / target[~held].sum() * (n - mass[held].sum()))


def rake_within(frame: pd.DataFrame, targets: dict[str, dict[str, float]], lower: float, upper: float, *,
                max_iterations: int, tolerance: float, start: np.ndarray,
                counts: np.ndarray) -> tuple[np.ndarray, int, bool, float]:
    """Raking with every weight inside [lower, upper] at every step: a category's weights are scaled to its
    target by one factor, those that would cross a bound held at it. Where the bounds put some targets out of
    reach (too few young respondents to weight up), raking cannot meet them all: the dimensions are raked in
    reverse order, so the scheme's first dimension, raked last, comes as close to its targets as the bounds
    allow and the others as close as they then can. Returns what rake returns."""
    margins, n = _margins(frame, targets)[::-1], counts.sum()
    weights = np.asarray(start, dtype=float) * n / np.sum(start * counts)
    error, sweeps = _margin_error(weights, margins, counts), 0
    while error > tolerance and sweeps < max_iterations:
        before = weights
        for codes, target in margins:
            weights = _rake_within_dimension(weights, counts, codes, target, lower, upper)
        error, sweeps = _margin_error(weights, margins, counts), sweeps + 1
        if np.allclose(weights, before, rtol=1e-13, atol=0):
            break  # as close as the bounds allow
    return weights, sweeps, error <= tolerance, error


def weigh(scheme: str, frame: pd.DataFrame, codebook=None, settings=None) -> Result:
    """One weight per respondent (row of `frame`): weigh_cells on the respondents grouped by the scheme's
    dimensions (respondents alike in those get the same weight), spread back to the rows."""
    settings = settings or load_settings()
    if scheme not in settings.schemes:
        raise ValueError(f"unknown weighting scheme {scheme!r}; known: {', '.join(settings.schemes)}")
    dims = list(settings.schemes[scheme])
    missing = [d for d in dims if d not in frame]
    if missing:
        raise ValueError(f"raking needs one of the codebook's {missing[0]} options for every respondent")
    keys = frame[dims].astype(object).apply(tuple, axis=1) if len(frame) else pd.Series([], dtype=object)
    cells, where = np.unique(keys.to_numpy(), return_inverse=True) if len(frame) else (np.array([]), np.array([], int))
    grouped = pd.DataFrame(list(cells), columns=dims) if len(cells) else frame[dims].iloc[:0]
    counts = np.bincount(where, minlength=len(cells)).astype(float)
    result = weigh_cells(scheme, grouped, counts, codebook, settings)
    return replace(result, weights=result.weights[where])


def weigh_cells(scheme: str, cells: pd.DataFrame, counts, codebook=None, settings=None) -> Result:
    """Weights for respondents grouped into cells: one row of `cells` per combination of the scheme's
    dimensions, `counts` the respondents in each. Rake, then trim weights to [lower, upper] and rake again,
    until the weights stay inside the bounds and the margins meet the targets, or max_trim_rounds is reached
    (then converged says whether margins hold). Trimming works on the weights relative to their mean. The
    weights returned (one per cell) are always inside the bounds; they can miss the targets when no weights
    inside the bounds meet them, or raking runs out of sweeps. Raking and trimming treat every respondent of
    a cell alike, so this is the same as weighing them one by one, in a fraction of the time."""
    settings = settings or load_settings()
    counts = np.asarray(counts, dtype=float)
    goals, dropped = _targets(scheme, cells, codebook, settings, counts)
    limits = {"max_iterations": settings.max_iterations, "tolerance": settings.tolerance, "counts": counts}
    lower, upper = settings.lower, settings.upper
    weights, sweeps, converged, error = rake(cells, goals, **limits)
    for _ in range(settings.max_trim_rounds):
        if lower <= weights.min() and weights.max() <= upper:
            break  # nothing to trim, so raking again would only go on with the sweeps it already ran out of
        weights, more, converged, error = rake(cells, goals, start=trim(weights, lower, upper, counts), **limits)
        sweeps += more
    if not (lower <= weights.min() and weights.max() <= upper):
        weights, more, converged, error = rake_within(cells, goals, lower, upper,
                                                      start=trim(weights, lower, upper, counts), **limits)
        sweeps += more
    at_bound = np.isclose(weights, lower, rtol=1e-9, atol=0) | np.isclose(weights, upper, rtol=1e-9, atol=0)
    design_effect = float(counts.sum() * np.sum(counts * weights**2) / np.sum(counts * weights) ** 2)
    return Result(scheme, weights, sweeps, bool(converged), float(error), int(counts[at_bound].sum()), design_effect,
                  1 / design_effect, float(weights.min()), float(weights.max()), dropped)
