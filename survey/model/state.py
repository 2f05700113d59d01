"""The view a person sees, and how it is written in the URL.

A view is the language, the global filters, the compare-by dimension, the weighting scheme, the confidence
level, presentation mode, the question the Explore page shows and the dimension the method page sets beside
the population. Its URL keys are the same words as the session-state keys, the SQL parameters and the codebook
ids: `lang`, `by`, `weights`, `level`, `present`, `question`, the Explore page's table
(`banner=gender&banner=age_group`, `cells=pct&cells=letters`, `tables=all`), `composition` (`composition=region`),
one key per dimension (`gender=female&gender=male`) and one per question filtered on by its answers
(`company_use=yes&private_channels=linkedin`): a filter is written the same way whether it is on the profile or
on an answer, and as `--where` writes it on the command line.
The page is the URL path (st.navigation).

Reading a URL never fails: a key or value that is not in the codebook is dropped and reported, so the app
can say so and show the rest of the view. A weighting scheme the app knows (WEIGHTS) is kept here even where
the data lacks it for the selection's waves: that depends on the database (survey.analysis.dataset.weight_schemes), and
the app falls back to unweighted and says why (survey.ui.settle_weights).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from survey.model.codebook import Codebook
from survey.model.filters import WAVE, Filters, answer_ids
from survey.model.population import DIMENSIONS
from survey.texts.i18n import DEFAULT_LANGUAGE, LANGUAGES

NO_COMPARISON = "none"
UNWEIGHTED = "none"
# The weighting schemes the app knows, in the order it offers them. Which of them a selection can use depends on
# the database (survey.analysis.dataset.weight_schemes): a weight delivered with the data exists only for some waves.
WEIGHTS = (UNWEIGHTED, "company", "person", "delivered")
LEVELS = ("90", "95", "99")
DEFAULT_LEVEL = 95
TRUE_WORDS = ("1", "true", "yes", "ja")
FALSE_WORDS = ("0", "false", "no", "nei")
IGNORED_PREFIXES = ("utm_", "fbclid", "gclid")  # added by sharing and ad platforms, not part of a view
# The Explore page's table: its banner (dimensions across), what its cells show, and whether it is the question's
# table or the table set of every question.
CELLS = ("pct", "n", "ci", "letters")
DEFAULT_CELLS = ("pct", "n")
ONE_TABLE, ALL_TABLES = "question", "all"
# A share link of the benchmark page may carry a client (survey.ingest.clients): read once by the page, never part of
# a view.
CLIENT_KEYS = ("client", "client_name", "client_peers")


@dataclass(frozen=True)
class View:
    lang: str = DEFAULT_LANGUAGE
    filters: Filters = field(default_factory=Filters)
    by: str = NO_COMPARISON
    present: bool = False
    question: str | None = None
    weights: str = UNWEIGHTED
    level: int = DEFAULT_LEVEL
    banner: tuple[str, ...] = ()
    cells: tuple[str, ...] = DEFAULT_CELLS
    tables: str = ONE_TABLE
    composition: str | None = None  # the method page's chart of the selection beside the population (None: the first)


@dataclass(frozen=True)
class Dropped:
    """A URL key and value that was left out of the view, and why ('key' or 'value')."""

    key: str
    value: str
    reason: str


def compare_options(codebook: Codebook, waves: Sequence[str] = ()) -> tuple[str, ...]:
    """What a chart can be split by: nothing, a dimension, or the wave where there are several."""
    return (NO_COMPARISON, *codebook.dimension_ids, *((WAVE,) if len(waves) > 1 else ()))


def _first_valid(key: str, values: Sequence[str], allowed: Sequence[str], dropped: list[Dropped]) -> str | None:
    chosen = None
    for value in values:
        if value in allowed and chosen is None:
            chosen = value
        elif value not in allowed:
            dropped.append(Dropped(key, value, "value"))
    return chosen


def _flag(key: str, values: Sequence[str], dropped: list[Dropped]) -> bool:
    word = _first_valid(key, [v.lower() for v in values], TRUE_WORDS + FALSE_WORDS, dropped)
    return word in TRUE_WORDS


def from_query(params: Mapping[str, Sequence[str]], codebook: Codebook,
               waves: Sequence[str] = ()) -> tuple[View, list[Dropped]]:
    """The view a URL's query parameters describe, and what had to be dropped from them. `waves` are the
    waves in the database (a wave filter only means something where there are several)."""
    dropped: list[Dropped] = []
    selected: dict[str, tuple[str, ...]] = {}
    lang, by, present, question = DEFAULT_LANGUAGE, NO_COMPARISON, False, None
    weights, level = UNWEIGHTED, DEFAULT_LEVEL
    banner, cells, tables, composition = (), DEFAULT_CELLS, ONE_TABLE, None
    for key, values in params.items():
        values = [values] if isinstance(values, str) else list(values)
        if key == "lang":
            lang = _first_valid(key, values, LANGUAGES, dropped) or DEFAULT_LANGUAGE
        elif key == "by":
            by = _first_valid(key, values, compare_options(codebook, waves), dropped) or NO_COMPARISON
        elif key == "present":
            present = _flag(key, values, dropped)
        elif key == "question":
            question = _first_valid(key, values, [q.id for q in codebook.questions], dropped)
        elif key == "weights":
            weights = _first_valid(key, values, WEIGHTS, dropped) or UNWEIGHTED
        elif key == "level":
            level = int(_first_valid(key, values, LEVELS, dropped) or DEFAULT_LEVEL)
        elif key == "banner":
            banner = _all_valid(key, values, compare_options(codebook, waves)[1:], dropped)
        elif key == "cells":
            cells = _all_valid(key, values, CELLS, dropped) or DEFAULT_CELLS
        elif key == "tables":
            tables = _first_valid(key, values, (ONE_TABLE, ALL_TABLES), dropped) or ONE_TABLE
        elif key == "composition":
            composition = _first_valid(key, values, DIMENSIONS, dropped)
        elif key in codebook.dimension_ids or key == WAVE or key in answer_ids(codebook):
            options = codebook[key].option_ids if key != WAVE else tuple(waves)
            kept = [v for v in dict.fromkeys(values) if v in options]
            dropped.extend(Dropped(key, v, "value") for v in values if v not in options)
            if kept:
                selected[key] = tuple(kept)
        elif key not in CLIENT_KEYS and not key.startswith(IGNORED_PREFIXES):
            dropped.append(Dropped(key, ", ".join(values), "key"))
    return View(lang, Filters(selected), by, present, question, weights, level, banner, cells, tables,
                composition), dropped


def _all_valid(key: str, values: Sequence[str], allowed: Sequence[str], dropped: list[Dropped]) -> tuple[str, ...]:
    """The values that are allowed, once each, in the order given; the others dropped."""
    dropped.extend(Dropped(key, v, "value") for v in values if v not in allowed)
    return tuple(v for v in dict.fromkeys(values) if v in allowed)


def to_query(view: View) -> dict[str, list[str]]:
    """The query parameters of a view, leaving out what is the default."""
    params: dict[str, list[str]] = {}
    if view.lang != DEFAULT_LANGUAGE:
        params["lang"] = [view.lang]
    params.update({key: list(values) for key, values in view.filters.active.items()})
    if view.by != NO_COMPARISON:
        params["by"] = [view.by]
    if view.weights != UNWEIGHTED:
        params["weights"] = [view.weights]
    if view.level != DEFAULT_LEVEL:
        params["level"] = [str(view.level)]
    if view.present:
        params["present"] = ["1"]
    if view.question:
        params["question"] = [view.question]
    if view.banner:
        params["banner"] = list(view.banner)
    if view.cells != DEFAULT_CELLS:
        params["cells"] = list(view.cells)
    if view.tables != ONE_TABLE:
        params["tables"] = [view.tables]
    if view.composition:
        params["composition"] = [view.composition]
    return params
