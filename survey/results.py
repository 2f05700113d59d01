"""Results for the pages: option shares from the query modules, with labels, formats and order for a view.

Pages ask for a result here and hand it to a chart function; they do no reshaping of their own.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import queries
from survey.codebook import Codebook, Question
from survey.colors import POPULATION, group_color
from survey.filters import Filters
from survey.i18n import format_number, format_pct, t
from survey.state import NO_COMPARISON, View


@dataclass(frozen=True)
class Shares:
    """The share choosing each option of one question, per group of the compare-by dimension.

    frame columns: group, group_label, group_position, color, option, option_label, option_rank, n, base_n,
    pct, pct_text (as the language writes it), count_text ("307 av 847"), base_text (who was asked, with n).
    """

    question: Question
    by: str
    lang: str
    frame: pd.DataFrame
    note: str | None = None  # a caption of its own, where the groups are not respondents

    @property
    def empty(self) -> bool:
        return self.frame.empty

    @property
    def title(self) -> str:
        return self.question.title[self.lang]

    def base_words(self) -> str:
        return self.question.base[self.lang] if self.question.base else t("base_everyone", self.lang)

    def caption(self) -> str:
        """Who the shares are of, and n: for the whole selection, or for each group."""
        if self.note:
            return self.note
        groups = self.frame.drop_duplicates("group")
        if self.by == NO_COMPARISON:
            return t("base_caption", self.lang, base=self.base_words(), n=int(groups["base_n"].iloc[0]))
        sizes = ", ".join(f"{r.group_label} {format_number(int(r.base_n), self.lang)}" for r in groups.itertuples())
        return t("base_caption_groups", self.lang, base=self.base_words(), groups=sizes)

    def export_table(self) -> pd.DataFrame:
        """The numbers of the chart with headers in the language, for CSV and Excel."""
        columns = {"group_label": "column_group", "option_label": "column_option", "n": "column_n",
                   "base_n": "column_base_n", "pct": "column_pct"}
        table = self.frame.sort_values(["group_position", "option_rank"])[list(columns)]
        return table.rename(columns={c: t(key, self.lang) for c, key in columns.items()})


def labels(question: Question, lang: str) -> dict[str, str]:
    return {o.id: o.label[lang] for o in question.options}


def group_labels(by: str, codebook: Codebook, lang: str) -> dict[str, str]:
    if by == NO_COMPARISON:
        return {"all": t("all", lang)}
    return labels(codebook[by], lang)


def option_ranks(frame: pd.DataFrame, question: Question) -> pd.Series:
    """Codebook order, or by share (the mean over the groups) where the order carries no meaning."""
    if question.order == "codebook":
        return frame["option_position"]
    mean = frame.groupby("option")["pct"].transform("mean")
    ranked = frame.assign(mean=mean).drop_duplicates("option").sort_values(["mean", "option_position"],
                                                                           ascending=[False, True])
    return frame["option"].map({o: i for i, o in enumerate(ranked["option"], start=1)})


def decorate(frame: pd.DataFrame, question: Question, by: str, codebook: Codebook, lang: str) -> pd.DataFrame:
    base = question.base[lang] if question.base else t("base_everyone", lang)
    return frame.assign(
        group_label=frame["group"].map(group_labels(by, codebook, lang)),
        color=frame["group_position"].map(group_color),
        option_label=frame["option"].map(labels(question, lang)),
        option_rank=option_ranks(frame, question),
        pct_text=[format_pct(p, lang) for p in frame["pct"]],
        count_text=[t("count_of_base", lang, n=int(n), base_n=int(b)) for n, b in zip(frame["n"], frame["base_n"])],
        base_text=[f"{base} (n = {int(b)})" for b in frame["base_n"]],
    )


def shares(question_id: str, view: View, codebook: Codebook, *, by: str | None = None,
           filters: Filters | None = None, db=None) -> Shares:
    """The shares of `question_id` for the view's filters, split by the view's compare-by (or `by`)."""
    question, by = codebook[question_id], by or view.by
    params = (filters or view.filters).params(codebook)
    frame = queries.run("option_share", db=db, question=question_id, by=by, **params)
    if frame.empty:
        return Shares(question, by, view.lang, frame)
    return Shares(question, by, view.lang, decorate(frame, question, by, codebook, view.lang))


def respondents(view: View, codebook: Codebook, db=None) -> int:
    """How many respondents the view's filters keep."""
    frame = queries.run("respondent_count", db=db, by=NO_COMPARISON, **view.filters.params(codebook))
    return int(frame["n"].sum())


def why_not_texts(view: View, codebook: Codebook, search: str = "", db=None) -> pd.DataFrame:
    """The free-text answers to "why no guidelines?" with their coded reason in the view's language:
    columns reason (label) and text. Texts are data, to be shown as plain text only."""
    frame = queries.run("why_not_texts", db=db, search=search.strip(), **view.filters.params(codebook))
    reasons = labels(codebook["guidelines_why_not"], view.lang)
    return pd.DataFrame({t("reason_column", view.lang): frame["reason"].map(reasons),
                         t("text_column", view.lang): frame["text"]})


def composition(dimension: str, view: View, codebook: Codebook, db=None) -> Shares:
    """The selection's shares of one dimension beside the population's (SSB), as two groups of one chart."""
    from survey.population import SOURCES, population_counts

    sample = shares(dimension, view, codebook, by=NO_COMPARISON, db=db)
    counts = population_counts(dimension, codebook)
    total = sum(counts.values())
    source = SOURCES[dimension]
    population = pd.DataFrame({
        "group": "population", "group_position": 1, "option": list(counts),
        "n": [round(c) for c in counts.values()], "base_n": round(total),
        "pct": [100.0 * c / total for c in counts.values()],
    })
    population["option_position"] = population["option"].map(
        {o: i for i, o in enumerate(codebook[dimension].option_ids, start=1)})
    population = decorate(population, codebook[dimension], NO_COMPARISON, codebook, view.lang).assign(
        group_label=t("composition_population", view.lang), group_position=1, color=POPULATION,
        base_text=f"SSB {source['year']}")
    frame = pd.concat([sample.frame.assign(group="sample", group_label=t("composition_sample", view.lang)),
                       population], ignore_index=True)
    source_key = "source_labour_force" if dimension in ("gender", "age_group") else "source_establishments"
    note = t("composition_note", view.lang, n=int(sample.frame["base_n"].iloc[0]), source=t(source_key, view.lang))
    return Shares(sample.question, "sample_population", view.lang, frame, note)


def crosstab(result: Shares) -> pd.DataFrame:
    """Options down, groups across, each cell the share and the count: "36,2 % (307)"."""
    frame = result.frame.assign(cell=[f"{p} ({n})" for p, n in zip(result.frame["pct_text"], result.frame["n"])])
    table = frame.pivot_table(index=["option_rank", "option_label"], columns=["group_position", "group_label"],
                              values="cell", aggfunc="first")
    table.index = table.index.droplevel(0)
    table.columns = table.columns.droplevel(0)
    table.index.name, table.columns.name = t("column_option", result.lang), None
    base = frame.drop_duplicates("group").sort_values("group_position")
    table.loc["n"] = [str(int(b)) for b in base["base_n"]]
    return table
