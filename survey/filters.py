"""The global filters: for each dimension of the codebook, the option ids to keep (empty keeps everyone).

The dimension ids are the URL keys, the session-state keys and the SQL parameters alike.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from survey.codebook import Codebook
from survey.i18n import t


WAVE = "wave"  # the survey wave filters like a dimension, though it is not a question of the codebook


class FilterError(ValueError):
    """A filter names a dimension or a value that is not in the codebook, or a wave not in the database."""


@dataclass(frozen=True)
class Filters:
    selected: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def params(self, codebook: Codebook) -> dict[str, list[str]]:
        """One SQL parameter per dimension and for the wave, an empty list where nothing is selected."""
        return {dim: list(self.selected.get(dim, ())) for dim in (WAVE, *codebook.dimension_ids)}

    @property
    def active(self) -> dict[str, tuple[str, ...]]:
        return {dim: values for dim, values in self.selected.items() if values}


def check(codebook: Codebook, dimension: str, value: str, waves: Sequence[str] | None = None) -> None:
    """Raise FilterError unless `value` is an option of `dimension`, or, for the wave, one of `waves` (the
    waves of the database; the caller reads them, so that this module never touches the database)."""
    if dimension == WAVE:
        if waves is None:
            raise FilterError("the waves of the database are not known here, so there is no filtering by wave")
        if value not in waves:
            raise FilterError(f"{value!r} is not a wave of the database; it holds "
                              f"{'wave ' if len(waves) == 1 else 'waves '}{', '.join(waves) or 'none'}")
        return
    if dimension not in codebook.dimension_ids:
        raise FilterError(f"{dimension!r} is not a dimension; use one of {', '.join((WAVE, *codebook.dimension_ids))}")
    options = codebook[dimension].option_ids
    if value not in options:
        raise FilterError(f"{value!r} is not a value of {dimension}; use one of {', '.join(options)}")


def from_pairs(codebook: Codebook, pairs: list[tuple[str, str]], waves: Sequence[str] | None = None) -> Filters:
    """Filters from (dimension, value) pairs; several values of one dimension mean any of them. The dimension
    may be the wave, whose values are checked against `waves`, the waves of the database."""
    selected: dict[str, tuple[str, ...]] = {}
    for dimension, value in pairs:
        check(codebook, dimension, value, waves)
        if value not in selected.get(dimension, ()):
            selected[dimension] = selected.get(dimension, ()) + (value,)
    return Filters(selected)


def parse_where(codebook: Codebook, clauses: list[str], waves: Sequence[str] | None = None) -> Filters:
    """Filters from command-line clauses DIM=VALUE (VALUE may be VALUE1,VALUE2 for any of them); DIM may be
    `wave`, checked against `waves`, the waves of the database."""
    pairs = []
    for clause in clauses:
        dimension, sep, values = clause.partition("=")
        if not sep or not dimension.strip() or not values.strip():
            raise FilterError(f"--where {clause!r} is not of the form DIMENSION=VALUE, e.g. gender=female")
        pairs.extend((dimension.strip(), v.strip()) for v in values.split(","))
    return from_pairs(codebook, pairs, waves)


def in_words(filters: Filters, codebook: Codebook, lang: str) -> str:
    """The active filters as a person would say them: "Kjønn: Kvinne; Rolle: Leder, Mellomleder"."""
    parts = []
    for dimension, values in filters.active.items():
        if dimension == WAVE:
            parts.append(f"{t('wave', lang)}: {', '.join(values)}")
            continue
        question = codebook[dimension]
        parts.append(f"{question.title[lang]}: {', '.join(question.option(v).label[lang] for v in values)}")
    return "; ".join(parts)
