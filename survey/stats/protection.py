"""Cell key perturbation: published counts of real respondents are moved by a small, fixed amount, so that
tables subtracted from one another give noise, not people (the cell key method of the Australian Bureau of
Statistics' TableBuilder).

- Every respondent has a permanent random key (record_key, 0 to 65535, drawn when the answers enter the
  database and kept with them in every later version).
- A count of respondents (a group, a base, the respondents who chose an option, a selection) has a cell key:
  the sum of its respondents' keys, modulo 65536. The cell key picks the count's offset from OFFSETS with
  the chances CHANCES (the cell key is uniform, so each offset comes up with its chance). The same
  respondents always give the same cell key, so the same count is the same number in every output, and
  asking for it again, or by another route, gives nothing new; two counts that differ by even one
  respondent have independent offsets.
- A count stays on its side of the threshold for small groups (min_group): 0 stays 0, a count below the
  threshold stays below it (at least 0), a count at or above it stays at or above it. So what is hidden is
  the same with or without perturbation, and nothing shown tells a hidden group of none from one of a few.
- A count of those who chose an option is at most its base, and the options of a single-choice question in a
  group add up to its published base where their true counts add up to its true base (additive). Weighted
  sums are scaled with their count (a count moved from 20 to 21 scales its weighted count and its sum of
  squared weights by 21/20), so weighted shares and effective sizes follow the published counts; a selection
  reaching a wave with noise is not weighted at all, nor filtered by unions or answers (narrowed, unions).
- Shares, intervals and tests are computed from the published counts.

Which waves are perturbed is a setting (statistics.yaml `perturbation`): by default every imported wave; the
reconstruction's respondents do not exist, so its counts stay exact (and the published figures exactly
reproduced). A count that holds only respondents of exact waves is exact.
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
from survey.stats.estimates import load_rules

KEY_RANGE = 65536
OFFSETS = np.array([-2, -1, 0, 1, 2])
# No offset comes up more often than 30 %: a count of a wave with noise worked out from exact counts and one
# published count (all waves less the reconstruction's exact wave, say) is right at most that often.
CHANCES = np.array([0.15, 0.2, 0.3, 0.2, 0.15])
VARIANCE = float((CHANCES * OFFSETS ** 2).sum())  # 1.6: a standard deviation of 1.3 respondents
RULES = ("imported", "all", "none")
# Each count column of a query's result, and the weighted sums that go with it (scaled with it).
COMPANIONS = {"n": ("w_n", "w2_n"), "base_n": ("w_base", "w2_base"), "selected": ()}


@dataclass(frozen=True)
class Perturbation:
    """Which waves' counts are perturbed: "imported" (every wave that is not the reconstruction), "all",
    "none", or the waves named."""

    waves: str | tuple[str, ...] = "imported"

    def exact_waves(self, waves: pd.DataFrame) -> list[str]:
        """The waves (of a frame with wave and reconstructed) whose counts stay exact."""
        if self.waves == "imported":
            return [w for w, r in zip(waves["wave"], waves["reconstructed"]) if r]
        if self.waves == "all":
            return []
        if self.waves == "none":
            return list(waves["wave"])
        return [w for w in waves["wave"] if w not in self.waves]


def load(path: Path | None = None) -> Perturbation:
    """The rule of `path`, else of statistics_path() (read once per file)."""
    return _perturbation(Path(path or statistics_path()))


@lru_cache(maxsize=4)
def _perturbation(path: Path) -> Perturbation:
    with open(path, encoding="utf-8") as fh:
        raw = (yaml.safe_load(fh) or {}).get("perturbation", "imported")
    if isinstance(raw, list):
        return Perturbation(tuple(str(w) for w in raw))
    if raw not in RULES:
        raise ValueError(f"{path}: perturbation must be one of {', '.join(RULES)} or a list of waves, not {raw!r}")
    return Perturbation(raw)


@dataclass(frozen=True)
class Rules:
    """The rules queries publishes counts by (queries.Rules): which waves are exact, what a selection reaching the
    others may filter on, and how a count is perturbed and kept on its side of the threshold for small groups.
    Results are kept under them, so a change of rules is never answered from results kept under the old."""

    perturbation: Perturbation
    min_group: int

    def exact_waves(self, waves: pd.DataFrame) -> list[str]:
        return self.perturbation.exact_waves(waves)

    def unions(self, selected: dict, exact: set) -> list[str]:
        return unions(selected, exact)

    def publish(self, frame: pd.DataFrame, blocks: pd.Series | None = None) -> pd.DataFrame:
        return publish(frame, self.min_group, blocks)


def rules() -> Rules:
    """The rules in force (statistics_path(): the perturbation and min_group)."""
    return _in_force(load(), load_rules().min_group)


@lru_cache(maxsize=4)
def _in_force(perturbation: Perturbation, min_group: int) -> Rules:
    return Rules(perturbation, min_group)


def offsets(cell_keys: np.ndarray) -> np.ndarray:
    """The offset each cell key picks (keys 0 to KEY_RANGE - 1, each equally likely)."""
    edges = np.cumsum(CHANCES)[:-1] * KEY_RANGE
    return OFFSETS[np.searchsorted(edges, cell_keys, side="right")]


def perturb(counts, key_sums, min_group: int) -> np.ndarray:
    """The published counts: each count moved by the offset of its cell key (its key sum modulo KEY_RANGE),
    kept on its side of min_group; a count whose key sum is missing (NaN: only respondents of exact waves)
    stays as it is, and so does 0."""
    counts = np.asarray(counts, dtype=float)
    sums = np.asarray(key_sums, dtype=float)
    keyed = ~np.isnan(sums) & (counts > 0)
    moved = counts + offsets(np.where(keyed, sums, 0) % KEY_RANGE)
    low = np.where(counts >= min_group, min_group, 0)
    high = np.where(counts >= min_group, np.inf, min_group - 1)
    return np.where(keyed, np.clip(moved, low, high), counts)


def publish(frame: pd.DataFrame, min_group: int, blocks: pd.Series | None = None) -> pd.DataFrame:
    """A query's result as it may be shown: each count column with a <count>_key column beside it perturbed,
    its weighted sums scaled with it, a count of choosers at most its base, and the key columns dropped. A
    result with no key columns is returned as it is. `blocks`: for each row, the block of rows whose counts of
    choosers add up to their base (the options of a single-choice question in one group), or None; their
    published counts are made to add up to the published base too (additive)."""
    keyed = [c for c in COMPANIONS if f"{c}_key" in frame.columns]
    if not keyed:
        return frame
    frame = frame.copy()
    published = {c: perturb(frame[c], _floats(frame[f"{c}_key"]), min_group) for c in keyed}
    if "n" in published and "base_n" in published:
        published["n"] = np.minimum(published["n"], published["base_n"])
        if blocks is not None and frame["base_n_key"].notna().any():  # exact counts add up as they are
            published["n"] = additive(frame, published["n"], published["base_n"], blocks, min_group)
    for count, new in published.items():
        old = frame[count].to_numpy(dtype=float)
        scale = np.divide(new, old, out=np.zeros_like(new), where=old > 0)
        for companion in COMPANIONS[count]:
            if companion in frame.columns:
                frame[companion] = frame[companion].to_numpy(dtype=float) * scale
        frame[count] = new.astype("int64")
    if "pct" in frame.columns:
        frame["pct"] = 100 * frame["w_n"] / frame["w_base"]
    return frame.drop(columns=[f"{c}_key" for c in keyed])


def additive(frame: pd.DataFrame, chosen: np.ndarray, bases: np.ndarray, blocks: pd.Series,
             min_group: int) -> np.ndarray:
    """The published counts of choosers `chosen`, those of each block whose true counts add up to its base made
    to add up to its published base (`bases`). Otherwise the options of a group, summed, would be one more
    estimate of the group's size, with noise of its own, for every single-choice question: averaged over the
    questions they gave the size nearly exact, and a small group beside it by difference. The difference is
    moved a respondent at a time onto the options with the most, round and round, each kept on its side of
    min_group and 0 kept 0 (so what is hidden and what is none stay as they were); a block that cannot take it
    all keeps what is left."""
    out = chosen.astype(float).copy()
    if not blocks.notna().any():  # no single-choice question
        return out
    true, base = frame["n"].to_numpy(dtype=float), frame["base_n"].to_numpy(dtype=float)
    sums = pd.DataFrame({"block": blocks.to_numpy(), "true": true, "out": out}).groupby("block", dropna=True)
    totals = sums.transform("sum")
    off = blocks.notna().to_numpy() & (totals["true"].to_numpy() == base) & (totals["out"].to_numpy() != bases)
    for block in pd.unique(blocks.to_numpy()[off]):  # most blocks add up already: exact counts, or no noise left
        rows = np.flatnonzero(blocks.to_numpy() == block)
        out[rows] = _spread(out[rows], true[rows], bases[rows[0]] - out[rows].sum(), min_group)
    return out


def _spread(counts: np.ndarray, true: np.ndarray, difference: float, min_group: int) -> np.ndarray:
    """`counts` moved by `difference` in all, one at a time, onto the largest first (ties: the first)."""
    counts, step = counts.copy(), 1 if difference > 0 else -1
    low = np.where(true >= min_group, min_group, np.where(true > 0, 1, 0))
    high = np.where(true >= min_group, np.inf, np.where(true > 0, min_group - 1, 0))
    order = sorted(range(len(counts)), key=lambda i: (-counts[i], i))
    while difference:
        movable = [i for i in order if low[i] <= counts[i] + step <= high[i]]
        if not movable:
            break
        for i in movable:
            if not difference:
                break
            counts[i] += step
            difference -= step
    return counts


def _floats(column: pd.Series) -> np.ndarray:
    return pd.to_numeric(column, errors="coerce").astype("Float64").to_numpy(dtype=float, na_value=np.nan)


# What a selection with noise may be. Several options of one filter make a union, and the unions of a small
# group with the other options of its dimension (or with answers) are as many different sets, each with noise
# of its own: the mean of their differences is the small group, exactly. So where a selection holds a wave
# with noise, each filter of the profile holds one option; the wave filter may hold several waves of which at
# most one has noise (an exact wave's respondents add no key, so they make no new noise). There is no filter
# on answers: the people of a group who gave one answer are counted in its chart, where the answers add up
# to the group (additive), and a selection of them would be a count of its own beside that one. Weighted sums
# are not published there either: a weighted base over its count is the true mean weight of the people
# counted, and since everyone of a weighting cell has one weight, it solves for the cells' sizes.

WAVE = "wave"


def narrowed(selected: dict, noisy: set, answers=()) -> tuple[dict, list[str]]:
    """The filters `selected` ({filter: option ids}, the wave's values waves) as a selection holding a wave of
    `noisy` (the waves with noise the selection reaches) may have them, and the filters that were narrowed: a
    filter of several options keeps its first, a wave filter of several waves with noise keeps its exact waves
    and the first with noise, a filter on answers (those of `answers`) is dropped."""
    if not noisy:
        return dict(selected), []
    kept, changed = {}, []
    for key, values in selected.items():
        values = tuple(values)
        if key in answers:
            fewer = ()
        elif key == WAVE:
            with_noise = [w for w in values if w in noisy]
            fewer = tuple(w for w in values if w not in noisy or w == with_noise[0]) if len(with_noise) > 1 else values
        else:
            fewer = values[:1]
        kept[key] = fewer
        if fewer != values:
            changed.append(key)
    return kept, changed


def unions(selected: dict, exact: set) -> list[str]:
    """The filters of `selected` that a selection reaching waves with noise may not have (narrowed): those of
    several options, and a wave filter of several waves not in `exact`, the waves whose counts are exact."""
    return [key for key, values in selected.items()
            if len([v for v in values if key != WAVE or v not in exact]) > 1]


# What the perturbation means for someone who subtracts tables, and for the intervals (the method page).

def offset_chances(count: int, min_group: int) -> dict[int, float]:
    """The chance of each error of a published count whose true value is `count` (perturb: 0 stays 0, and a
    count kept on its side of min_group takes the offsets that would cross it as the nearest value there)."""
    if count == 0:
        return {0: 1.0}
    low, high = (min_group, math.inf) if count >= min_group else (0, min_group - 1)
    chances: dict[int, float] = {}
    for offset, chance in zip(OFFSETS.tolist(), CHANCES.tolist()):
        error = int(min(max(count + offset, low), high)) - count
        chances[error] = chances.get(error, 0.0) + chance
    return chances


def exact_chance_of(terms: list[tuple[int, int]], min_group: int) -> float:
    """The chance that a count worked out as a signed sum of published counts, `terms` = [(sign, true count)],
    comes out exact: that the errors of its terms cancel (each term's offset independent of the others', as
    counts of different respondents have independent cell keys)."""
    return _sum_of([(sign, offset_chances(count, min_group)) for sign, count in terms]).get(0, 0.0)


def difference_chances(terms: int) -> dict[int, float]:
    """The chances of each error of a count worked out from `terms` published counts far from 0 and from the
    threshold (e.g. 2 for one difference: a total minus the rest), their offsets independent."""
    return _sum_of([(1, dict(zip(OFFSETS.tolist(), CHANCES.tolist())))] * terms)


def exact_chance(terms: int) -> float:
    """The chance that a count worked out from `terms` published counts comes out exact."""
    return difference_chances(terms)[0]


def _sum_of(errors: list[tuple[int, dict[int, float]]]) -> dict[int, float]:
    """The distribution of a signed sum of independent errors, each given as (sign, {error: chance})."""
    total = {0: 1.0}
    for sign, chances in errors:
        step: dict[int, float] = {}
        for error, p in total.items():
            for offset, q in chances.items():
                step[error + sign * offset] = step.get(error + sign * offset, 0.0) + p * q
        total = step
    return total


def interval_half_widths(base: int, share: float = 0.5, level: float = 95) -> tuple[float, float]:
    """The half-width in points of the interval of a share on `base` respondents (normal approximation):
    from sampling alone, and with the perturbation's variance added (the share's variance grows by
    VARIANCE * (1 + share²) / base², from the offsets of its count and of its base)."""
    z = stats.z_value(level)
    sampling = share * (1 - share) / base
    perturbation = VARIANCE * (1 + share * share) / (base * base)
    return 100 * z * math.sqrt(sampling), 100 * z * math.sqrt(sampling + perturbation)
