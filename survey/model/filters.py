"""The global filters: for each dimension of the codebook, and for any other question (an answer), the option
ids to keep (empty keeps everyone).

The question ids are the URL keys, the session-state keys and the SQL parameters alike. Several options of one
question mean any of them (for a multi-choice question: chose any of them); several questions all hold. A
filter on a routed question keeps only those who were asked it and answered so: the others have no answer.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from survey.model.codebook import Codebook
from survey.texts.i18n import t

WAVE = "wave"  # the survey wave filters like a dimension, though it is not a question of the codebook
ANSWERS = "answers"  # the SQL parameter of the filters on answers: {question: option ids} (queries._with_segment)


class FilterError(ValueError):
    """A filter names a dimension or a value that is not in the codebook, or a wave not in the database."""


@dataclass(frozen=True)
class Filters:
    selected: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def params(self, codebook: Codebook) -> dict:
        """One SQL parameter per dimension and for the wave, an empty list where nothing is selected; and,
        where an answer is filtered on, `answers`: {question: option ids} in codebook order (the loader
        writes a line of the segment for each). Left out without such a filter, so that the queries and
        their kept results stay as they were for the views that have none."""
        params: dict = {dim: list(self.selected.get(dim, ())) for dim in (WAVE, *codebook.dimension_ids)}
        answers = {q: list(self.selected[q]) for q in answer_ids(codebook) if self.selected.get(q)}
        if answers:
            params[ANSWERS] = answers
        return params

    @property
    def active(self) -> dict[str, tuple[str, ...]]:
        return {dim: values for dim, values in self.selected.items() if values}


def answer_ids(codebook: Codebook) -> tuple[str, ...]:
    """The questions besides the dimensions that can filter the selection: every single- and multi-choice one."""
    return tuple(q.id for q in codebook.questions if not q.dimension and q.kind in ("single", "multi"))


def filter_ids(codebook: Codebook) -> tuple[str, ...]:
    """Every key that filters: the wave, the dimensions, the answers."""
    return (WAVE, *codebook.dimension_ids, *answer_ids(codebook))


def check(codebook: Codebook, dimension: str, value: str, waves: Sequence[str] | None = None) -> None:
    """Raise FilterError unless `value` is an option of `dimension` (a dimension or another question), or, for
    the wave, one of `waves` (the waves of the database; the caller reads them, so that this module never
    touches the database)."""
    if dimension == WAVE:
        if waves is None:
            raise FilterError("the waves of the database are not known here, so there is no filtering by wave")
        if value not in waves:
            raise FilterError(f"{value!r} is not a wave of the database; it holds "
                              f"{'wave ' if len(waves) == 1 else 'waves '}{', '.join(waves) or 'none'}")
        return
    if dimension not in filter_ids(codebook):
        raise FilterError(f"{dimension!r} is not a dimension or question; use one of "
                          f"{', '.join(filter_ids(codebook))}")
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
    `wave`, checked against `waves`, the waves of the database, or any question (company_use=yes)."""
    pairs = []
    for clause in clauses:
        dimension, sep, values = clause.partition("=")
        if not sep or not dimension.strip() or not values.strip():
            raise FilterError(f"--where {clause!r} is not of the form DIMENSION=VALUE or QUESTION=VALUE, "
                              "e.g. gender=female or company_use=yes")
        pairs.extend((dimension.strip(), v.strip()) for v in values.split(","))
    return from_pairs(codebook, pairs, waves)


def in_words(filters: Filters, codebook: Codebook, lang: str) -> str:
    """The active filters as a person would say them, in the order of the codebook: "Kjønn: Kvinne; Rolle:
    Leder, Mellomleder; Sosiale medier brukt privat (minst ett av): Facebook, LinkedIn". Options of a
    multi-choice question say "any of", since a respondent may have chosen several."""
    active = filters.active
    parts = [f"{t('wave', lang)}: {', '.join(active[WAVE])}"] if WAVE in active else []
    for question in codebook.questions:
        values = active.get(question.id)
        if not values:
            continue
        title = question.title[lang]
        if question.kind == "multi" and len(values) > 1:
            title = f"{title} ({t('any_of', lang)})"
        parts.append(f"{title}: {', '.join(question.option(v).label[lang] for v in values)}")
    return "; ".join(parts)
