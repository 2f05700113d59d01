"""Results for the pages: option shares from the query modules, with labels, formats and order for a view.

Pages ask for a result here and hand it to a chart function; they do no reshaping of their own.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pandas as pd

import queries
from queries.kept import Kept
from survey.analysis import counts, dataset
from survey.base.colors import POPULATION, group_color
from survey.model.codebook import Codebook, Question
from survey.model.filters import WAVE, Filters
from survey.model.state import NO_COMPARISON, UNWEIGHTED, View
from survey.stats import estimates, protection
from survey.texts.i18n import format_decimal, format_number, format_pct, t, word_list


class WeightsUnavailable(ValueError):
    """The view's weighting scheme has no weights for some of the selection's waves (see
    survey.analysis.dataset.weight_schemes): weighted shares would leave those waves' respondents out."""


def check_weights(weights: str, waves, db=None) -> None:
    """Raise WeightsUnavailable unless every wave of the selection (the wave filter `waves`, or every wave) has
    weights of the scheme `weights`."""
    if weights != "none" and weights not in dataset.weight_schemes(waves, db):
        raise WeightsUnavailable(f"the weights {weights!r} are not there for every wave of the selection")


@dataclass(frozen=True)
class Shares:
    """The share choosing each option of one question, per group of the compare-by dimension.

    frame columns: group, group_label, group_position, color, option, option_label, option_rank, n, base_n,
    pct, ci_low, ci_high, p_value (Holm), significant, direction, flag (survey.stats.estimates), and as text in the
    language: pct_text ("36,2 %"), label_text (pct_text with an arrow where significant), ci_text,
    count_text ("307 av 847"), base_text (who was asked, with n), note_text (flag and p-value in words).
    Groups not shown are not in the frame: `hidden` holds every group the split has (split_groups) with no
    row shown, whether nobody is in it, fewer than the threshold, or it was hidden with such a group: what is
    shown never tells those apart. `secondary` says whether a lone small group took the next smallest with it
    (the counts hold exact counts of real respondents: exact_people); without, each hidden group is one of
    fewer than the threshold, or of none. `rows_hidden` says whether some rows of shown groups were hidden (an
    option some waves did not offer, on a base of its own).

    What the selection's waves did not ask: `waves` are the selection's waves (its wave filter, or every
    wave), `not_asked` those of them that did not ask the question (their respondents are in no base),
    `not_offered` the options some of them did not offer, each with those waves (the option is counted on
    the other waves' respondents, and a group of those waves alone has no row for it), `by_not_asked` those
    that did not ask the compare-by dimension (their respondents are in no group). The caption says each.
    """

    question: Question
    by: str
    lang: str
    frame: pd.DataFrame
    note: str | None = None  # a caption of its own, where the groups are not respondents
    weights: str = "none"
    level: int = 95
    hidden: tuple[str, ...] = ()
    rows_hidden: bool = False
    waves: tuple[str, ...] = ()
    not_asked: tuple[str, ...] = ()
    not_offered: tuple[tuple[str, tuple[str, ...]], ...] = ()
    by_not_asked: tuple[str, ...] = ()
    secondary: bool = True

    @property
    def empty(self) -> bool:
        return self.frame.empty

    @property
    def asked_nowhere(self) -> bool:
        """None of the selection's waves asked the question."""
        return bool(self.not_asked) and set(self.not_asked) >= set(self.waves)

    def empty_text(self, min_group: int | None = None) -> str:
        """What to say instead of an empty chart: the question was not asked in the selection's waves, or too
        few were asked to show (whether none or a few: the one sentence for both)."""
        if self.asked_nowhere:
            return t("not_asked_anywhere", self.lang, waves=word_list(self.not_asked, self.lang))
        return t("too_few_asked", self.lang, min=min_group or estimates.load_rules().min_group)

    @property
    def title(self) -> str:
        return self.question.title[self.lang]

    @property
    def mirror(self) -> tuple[str, str] | None:
        """The question's two answers of which the second's test is the first's (estimates.mirror), in the
        selection's waves."""
        return estimates.mirror(self.question, self.not_offered)

    def base_words(self) -> str:
        return base_words(self.question, self.lang)

    def caption(self) -> str:
        """Who the shares are of and n (for the selection, or each group), then how the numbers were made:
        weighting, interval, significance, low bases and hidden groups."""
        return " ".join(self.export_lines())

    def base_caption(self) -> str:
        if self.note:
            return self.note
        groups = group_bases(self.frame)
        if self.by == NO_COMPARISON:
            said = t("base_caption", self.lang, base=self.base_words(), n=int(groups["base_n"].iloc[0]))
        else:
            sizes = ", ".join(f"{r.group_label} {format_number(int(r.base_n), self.lang)}" for r in groups.itertuples())
            said = t("base_caption_groups", self.lang, base=self.base_words(), groups=sizes)
        return f"{said} {self.weighted_bases(groups)}" if self.weighted else said

    @property
    def weighted(self) -> bool:
        return self.weights != UNWEIGHTED

    def weighted_bases(self, groups: pd.DataFrame) -> str:
        """Under weights, each base weighted and its effective n (Kish), beside the respondents counted:
        "Vektet grunnlag 812,4, effektiv n 603." A share is its weighted count over its weighted base."""
        lang = self.lang
        if self.by == NO_COMPARISON:
            r = groups.iloc[0]
            return t("bases_weighted", lang, w_base=format_decimal(r["w_base"], lang),
                     n_eff=format_number(round(r["n_eff"]), lang))
        sizes = ", ".join(f"{r.group_label} {format_decimal(r.w_base, lang)} / {format_number(round(r.n_eff), lang)}"
                          for r in groups.itertuples())
        return t("bases_weighted_groups", lang, groups=sizes)

    def wave_notes(self) -> list[str]:
        """What the selection's waves did not ask, in words: the question, options of it, the compare-by
        dimension ("Ikke spurt i 2011.", "Blogger, MySpace: ikke spurt i 2011.")."""
        lang, notes = self.lang, []
        if self.not_asked and not self.asked_nowhere:
            notes.append(t("caption_not_asked", lang, waves=word_list(self.not_asked, lang)))
        options: dict[tuple[str, ...], list[str]] = {}
        for option, waves in self.not_offered:
            options.setdefault(tuple(waves), []).append(self.question.option(option).label[lang])
        notes += [t("caption_not_offered", lang, options=", ".join(labels), waves=word_list(waves, lang))
                  for waves, labels in options.items()]
        if self.by_not_asked:
            from survey.model import codebook as cb

            notes.append(t("caption_by_not_asked", lang, dimension=cb.load()[self.by].title[lang],
                           waves=word_list(self.by_not_asked, lang)))
        return notes

    def method_notes(self) -> list[str]:
        rules = estimates.load_rules()
        notes = [t(f"caption_weights_{self.weights}", self.lang), t("caption_ci", self.lang, level=self.level)]
        if self.by != NO_COMPARISON and self.note is None:
            notes.append(t("caption_sig", self.lang, level=self.level))
        if (self.frame["flag"] == estimates.LOW_BASE).any():
            notes.append(t("caption_low_base", self.lang, low=rules.low_base))
        hidden = self.hidden_text()
        if hidden:
            notes.append(hidden)
        elif self.rows_hidden:
            notes.append(t("caption_suppressed", self.lang, min=rules.min_group))
        return notes

    def hidden_text(self) -> str | None:
        """How many of the split's groups are not shown, and why, without naming them (None where all are, or
        where nothing is: the empty chart has a sentence of its own). Where a lone small group took the next
        smallest with it (secondary), the sentence says a group may be hidden with such a one."""
        if not self.hidden or self.frame.empty:
            return None
        groups = len(self.hidden) + self.frame["group"].nunique()
        key = "caption_hidden" if self.secondary else \
            "caption_hidden_alone_one" if len(self.hidden) == 1 else "caption_hidden_alone"
        return t(key, self.lang, hidden=len(self.hidden), groups=groups, min=estimates.load_rules().min_group)

    def top(self, k: int) -> Shares:
        """The k answers chosen most (in the whole of the frame), in the result's order."""
        if self.empty:
            return self
        best = self.frame.groupby("option")["pct"].max().nlargest(k).index
        return replace(self, frame=self.frame[self.frame["option"].isin(best)])

    def export_columns(self) -> dict[str, str]:
        """The frame's columns an export holds, with their headers' keys: under weights the weighted count and
        base and the effective n beside the respondents counted."""
        if not self.weighted:
            return EXPORT_COLUMNS
        columns = list(EXPORT_COLUMNS.items())
        at = [c for c, _ in columns].index("base_n") + 1
        return dict(columns[:at] + list(WEIGHTED_COLUMNS.items()) + columns[at:])

    def export_table(self) -> pd.DataFrame:
        """The numbers of the chart with headers in the language, for CSV and Excel."""
        columns = self.export_columns()
        table = self.frame.sort_values(["group_position", "option_rank"])[list(columns)]
        return table.rename(columns={c: t(key, self.lang) for c, key in columns.items()})

    def export_formats(self) -> dict[str, str]:
        """The kind of number of each column of export_table (survey.output.exports.FORMATS), by its header."""
        columns = self.export_columns()
        return {t(columns[c], self.lang): kind for c, kind in EXPORT_KINDS.items() if c in columns}

    def export_lines(self) -> list[str]:
        """The caption as lines: who the shares are of and n, what was not asked, how the numbers were made."""
        return [self.base_caption(), *self.wave_notes(), *self.method_notes()]


# The columns of an exported table, their headers (i18n keys) and the kind of number of each (exports.FORMATS).
EXPORT_COLUMNS = {"group_label": "column_group", "option_label": "column_option", "n": "column_n",
                  "base_n": "column_base_n", "pct": "column_pct", "ci_low": "column_ci_low",
                  "ci_high": "column_ci_high", "p_value": "column_p", "note_text": "column_note"}
WEIGHTED_COLUMNS = {"w_n": "column_w_n", "w_base": "column_w_base", "n_eff": "column_n_eff"}
EXPORT_KINDS = {"n": "whole", "base_n": "whole", "pct": "percent", "ci_low": "percent", "ci_high": "percent",
                "p_value": "p", "w_n": "decimal", "w_base": "decimal", "n_eff": "decimal"}


def group_bases(frame: pd.DataFrame, keys=("group",)) -> pd.DataFrame:
    """One row per group (in the frame's order) with its base: the largest base of its options, those asked the
    question (an option some of its waves did not offer has a smaller one). A frame of several splits (a
    banner table's) names its groups by `keys`."""
    return frame.loc[frame.groupby(list(keys), sort=False)["base_n"].idxmax()]  # its weighted base and n_eff too


def base_words(question: Question, lang: str) -> str:
    """Who was asked the question, in words."""
    return question.base[lang] if question.base else t("base_everyone", lang)


def labels(question: Question, lang: str) -> dict[str, str]:
    return {o.id: o.label[lang] for o in question.options}


def split_title(by: str, codebook: Codebook, lang: str) -> str:
    """What a split is by, in words: «Alder», «Bølge», «Ingen sammenligning»."""
    if by == NO_COMPARISON:
        return t("compare_none", lang)
    return t("wave", lang) if by == WAVE else codebook[by].title[lang]


def group_labels(by: str, codebook: Codebook, lang: str, groups=()) -> dict[str, str]:
    """The label of each group of the split `by` ("Bølge 2011" for each wave in `groups`)."""
    if by == NO_COMPARISON:
        return {"all": t("all", lang)}
    if by == WAVE:
        return {w: f"{t('wave', lang)} {w}" for w in groups}
    return labels(codebook[by], lang)


def waves(db=None) -> list[str]:
    """The waves in the database, in order (kept per database version)."""
    return dataset.database_waves(db)


def option_ranks(frame: pd.DataFrame, question: Question) -> list[int]:
    """Codebook order, or by share (the mean over the groups, ties in codebook order) where the order carries
    no meaning."""
    options, positions = frame["option"].tolist(), frame["option_position"].tolist()
    if question.order == "codebook":
        return positions
    shares: dict[str, list[float]] = {}
    for option, pct in zip(options, frame["pct"].tolist()):
        shares.setdefault(option, []).append(pct)
    position = dict(zip(options, positions))
    ranked = sorted(shares, key=lambda o: (-sum(shares[o]) / len(shares[o]), position[o]))
    rank = {o: i for i, o in enumerate(ranked, start=1)}
    return [rank[o] for o in options]


def p_text(p: float, lang: str) -> str:
    """A p-value as the language writes it: "p = 0,03", "p < 0,001"."""
    if p < 0.001:
        return "p < " + ("0,001" if lang == "nb" else "0.001")
    text = f"{p:.3f}" if p < 0.1 else f"{p:.2f}"  # three decimals near the usual thresholds
    return "p = " + (text.replace(".", ",") if lang == "nb" else text)


def note_text(flag: str, significant: bool, direction: int, p_value: float, lang: str) -> str:
    """The flag and the significance of one share in words."""
    notes = []
    if flag == estimates.LOW_BASE:
        notes.append(t("flag_low_base", lang, low=estimates.load_rules().low_base))
    if significant:
        notes.append(t("sig_up" if direction > 0 else "sig_down", lang, p=p_text(p_value, lang)))
    return " ".join(notes)


def decorate(frame: pd.DataFrame, question: Question, by: str, codebook: Codebook, lang: str,
             level: int = 95, weighted: bool = False) -> pd.DataFrame:
    """Labels, order, colours and the texts of each share in the language. (Lists, not pandas, inside: a
    chart has a few dozen rows, where each pandas operation costs more than the formatting.)"""
    base = base_words(question, lang)
    arrows = {1: " ▲", -1: " ▼", 0: ""}
    group_names, option_names = group_labels(by, codebook, lang, set(frame["group"])), labels(question, lang)
    pct, low, high = frame["pct"].tolist(), frame["ci_low"].tolist(), frame["ci_high"].tolist()
    base_n, direction = frame["base_n"].tolist(), frame["direction"].tolist()
    positions = frame["group_position"].tolist()
    groups = max(positions, default=0) if by == WAVE else len(group_names)  # the split's, drawn or not
    pct_text = [format_pct(p, lang) for p in pct]
    group_label, option_label = frame["group"].map(group_names), frame["option"].map(option_names)
    ci_text = [t("ci_text", lang, level=level, low=format_pct(lo, lang), high=format_pct(hi, lang))
               if lo == lo else "" for lo, hi in zip(low, high)]
    notes = [note_text(f, s, d, p, lang) for f, s, d, p in
             zip(frame["flag"].tolist(), frame["significant"].tolist(), direction, frame["p_value"].tolist())]
    return pd.DataFrame({  # one frame made at once: cheaper than a column at a time
        **{c: frame[c] for c in frame.columns},
        "group_label": group_label,
        "color": [group_color(p, groups) for p in positions],
        "option_label": option_label,
        "option_rank": option_ranks(frame, question),
        "pct_text": pct_text,
        "ci_text": ci_text,
        "count_text": count_texts(frame, lang, weighted),
        "base_text": [f"{base} (n = {format_number(int(b), lang)})" for b in base_n],
        "label_text": [text + arrows[d] for text, d in zip(pct_text, direction)],
        "note_text": notes,
        "aria_text": aria_texts(option_label.tolist(), group_label.tolist(), pct_text, ci_text, notes),
    }, index=frame.index)


def count_texts(frame: pd.DataFrame, lang: str, weighted: bool) -> list[str]:
    """"101 av 254"; under weights "57,5 av 205,4 vektet (101 av 254 svar, effektiv n 79)", so that the share
    is the first count over the second."""
    n, base_n = frame["n"].tolist(), frame["base_n"].tolist()
    if not weighted:
        return [t("count_of_base", lang, n=format_number(int(a), lang), base_n=format_number(int(b), lang))
                for a, b in zip(n, base_n)]
    return [t("count_weighted", lang, w_n=format_decimal(w, lang), w_base=format_decimal(wb, lang),
              n=format_number(int(a), lang), base_n=format_number(int(b), lang), n_eff=format_number(round(e), lang))
            for w, wb, a, b, e in zip(frame["w_n"], frame["w_base"], n, base_n, frame["n_eff"])]


def aria_texts(options, groups, pcts, intervals, notes) -> list[str]:
    """What a screen reader says of each bar: its answer, group, share, interval and note, in words."""
    return [", ".join(part for part in (f"{o}, {g}: {p}", c, note) if part)
            for o, g, p, c, note in zip(options, groups, pcts, intervals, notes)]


def relabelled(frame: pd.DataFrame, **labels) -> pd.DataFrame:
    """The frame with other answer or group labels (option_label=..., group_label=...), its bars' spoken
    texts following them."""
    frame = frame.assign(**labels)
    return frame.assign(aria_text=aria_texts(frame["option_label"], frame["group_label"], frame["pct_text"],
                                             frame["ci_text"], frame["note_text"]))


def share_rows(question: Question, *, by: str | tuple[str, ...], weights: str, params: dict,
               db=None) -> pd.DataFrame:
    """The rows of query shares for one question: n, base_n and pct per group and option, before any
    statistics. `by` is one split, or several counted at once (the column split then says which rows are
    whose)."""
    splits = [by] if isinstance(by, str) else list(by)
    return counts.shares([(question.id, splits)], weights=weights, db=db, **params)[0]


def shares(question_id: str, view: View, codebook: Codebook, *, by: str | None = None,
           filters: Filters | None = None, db=None) -> Shares:
    """The shares of `question_id` for the view's filters, weighted as the view says, split by the view's
    compare-by (or `by`), with intervals and tests at the view's level; groups too small to show are left
    out and named in `hidden`."""
    by = by or view.by
    return shares_by(question_id, (by,), view, codebook, filters=filters, db=db)[by]


def shares_by(question_id: str, splits: tuple[str, ...], view: View, codebook: Codebook, *,
              filters: Filters | None = None, db=None) -> dict[str, Shares]:
    """shares() for several splits of one question, counted in one query: {split: Shares}."""
    return shares_of([(question_id, splits)], view, codebook, filters=filters, db=db)[question_id]


def shares_of(wanted: list[tuple[str, tuple[str, ...]]], view: View, codebook: Codebook, *,
              filters: Filters | None = None, db=None) -> dict[str, dict[str, Shares]]:
    """shares() for several questions, each with its splits, counted in one query: {question: {split: Shares}}.

    Results are kept on (database and codebook version, rules, question, split, filters, weights, level,
    language), like the query results they come from: the intervals, tests and texts of a chart take longer
    to make than to look up. Only those not kept are counted. The Shares returned may be shared with other
    callers: read it, do not change its frame in place."""
    params = (filters or view.filters).params(codebook)
    keys = {(question_id, by): kept_key("shares", question_id, by, params, view, codebook, db)
            for question_id, splits in wanted for by in splits}
    found = {pair: _kept.find(key) for pair, key in keys.items()}
    missing: dict[str, list[str]] = {}
    for (question_id, by), result in found.items():
        if result is None:
            missing.setdefault(question_id, []).append(by)
    if missing:
        check_weights(view.weights, params["wave"], db)
        counted = counts.shares(list(missing.items()), weights=view.weights, db=db, **params)
        for (question_id, splits), rows in zip(missing.items(), counted):
            for by in splits:
                said = gaps(question_id, by, params["wave"], codebook, db)
                made = _shares(codebook[question_id], by, rows[rows["split"] == by], view, codebook, said,
                               split_groups(by, params, codebook, asking(said)), exact_people(asking(said), db))
                found[(question_id, by)] = _kept.get(keys[(question_id, by)], lambda made=made: made)
    out: dict[str, dict[str, Shares]] = {}
    for (question_id, by), result in found.items():
        out.setdefault(question_id, {})[by] = result
    return out


def prefetch(wanted: list[tuple[str, tuple[str, ...]]], view: View, codebook: Codebook, db=None) -> None:
    """Count every chart a page is about to show in one query, before it shows them: the calls of shares()
    that follow find their results kept. (DuckDB plans each query in a few milliseconds whatever the data:
    eight charts cost eight plans, one prefetch one.)"""
    shares_of(wanted, view, codebook, db=db)


def kept_key(kind: str, question_id: str, by: str, params: dict, view: View, codebook: Codebook, db) -> tuple:
    """What a result depends on: the data and codebook versions, the rules, and the view's part in it."""
    return (kind, counts.version(db), codebook.version, estimates.load_rules(), protection.load(), question_id, by,
            json.dumps(params, sort_keys=True), view.weights, view.level, view.lang)


def gaps(question_id: str, by: str, waves, codebook: Codebook, db=None) -> dict:
    """What the selection's waves (the wave filter `waves`, or every wave) did not ask of a chart of
    `question_id` split by `by`: the fields waves, not_asked, not_offered and by_not_asked of Shares."""
    selected = dataset.selected_waves(waves, db)
    return {
        "waves": tuple(selected),
        "not_asked": tuple(dataset.not_asked(question_id, selected, db)) if selected else (),
        "not_offered": tuple((option, tuple(missing)) for option, missing in
                             dataset.not_offered(question_id, selected, db).items()) if selected else (),
        "by_not_asked": tuple(dataset.not_asked(by, selected, db)) if selected and by in codebook.dimension_ids
        else (),
    }


def asking(gaps: dict) -> tuple[str, ...]:
    """The selection's waves that asked the question (of the fields gaps() gives)."""
    return tuple(w for w in gaps["waves"] if w not in gaps["not_asked"])


def exact_people(waves, db=None) -> bool:
    """Whether any of `waves` holds exact counts of real respondents: a wave the rules of perturbation leave
    exact (survey.stats.protection) that is not the reconstruction. Only there would a chart's total less the groups
    it shows give a lone hidden group exactly, so only there does a small group take the next smallest with
    it (estimates.suppressed_groups, `secondary`). A count of a wave with noise is worked out that way only as
    often as the noise of all the counts used cancels (protection.exact_chance), and the reconstruction's
    respondents do not exist: there a small group is hidden alone. (`waves`: those whose respondents a
    chart counts, the selection's waves that asked its question.)"""
    table = dataset.wave_table(db)
    real_and_exact = set(protection.load().exact_waves(table)) - set(table.loc[table["reconstructed"], "wave"])
    return bool(real_and_exact & set(waves))


def split_groups(by: str, params: dict, codebook: Codebook, waves=()) -> tuple[str, ...]:
    """The groups a split of the selection has, whether anyone is in them or not: the whole selection, the
    `waves` (those of the selection that asked the question), or the options of a dimension that its filter
    leaves (every option without one)."""
    if by == NO_COMPARISON:
        return ("all",)
    if by == WAVE:
        return tuple(waves)
    return tuple(params.get(by) or codebook[by].option_ids)


def _shares(question: Question, by: str, frame: pd.DataFrame, view: View, codebook: Codebook,
            gaps: dict | None = None, expected: tuple[str, ...] = ("all",), secondary: bool = True) -> Shares:
    """The Shares of one chart from its query rows: annotated (estimates.annotate, the small groups hidden
    alone or, with `secondary`, a lone one with the next smallest), labelled, the hidden groups left out."""
    frame = frame.drop(columns="split").reset_index(drop=True)
    made = {"weights": view.weights, "level": view.level, "secondary": secondary, **(gaps or {})}
    if frame.empty:
        return Shares(question, by, view.lang, frame, hidden=expected, **made)
    pair = estimates.mirror(question, made.get("not_offered", ()))
    frame = estimates.annotate(frame, view.level, expected=expected, secondary=secondary, pair=pair)
    suppressed = frame["flag"] == estimates.SUPPRESSED
    shown = set(frame.loc[~suppressed, "group"])
    made |= {"hidden": tuple(g for g in expected if g not in shown),
             "rows_hidden": bool(shown & set(frame.loc[suppressed, "group"]))}
    frame = frame[~suppressed]
    frame = frame.assign(n=frame["n"].astype(int), base_n=frame["base_n"].astype(int))  # astype(dict) copies all
    if frame.empty:
        return Shares(question, by, view.lang, frame, **made)
    return Shares(question, by, view.lang,
                  decorate(frame, question, by, codebook, view.lang, view.level, view.weights != UNWEIGHTED), **made)


_kept = Kept(1024)


def clear_cache() -> None:
    """Forget the results made so far, and the query results they came from (for benchmarks of cold runs)."""
    _kept.clear()
    queries.clear_cache()


def n_words(n: int, lang: str) -> str:
    """"n = 847 respondenter", or for a group too small to show, "færre enn 10 respondenter"."""
    min_group = estimates.load_rules().min_group
    return t("respondents_n", lang, n=n) if n >= min_group else t("respondents_fewer", lang, min=min_group)


def respondents(view: View, codebook: Codebook, db=None) -> int:
    """How many respondents the view's filters keep."""
    return int(counts.run("respondent_count", db=db, **view.filters.params(codebook))["n"].iloc[0])


TEXTS_SHOWN = 500  # free-text answers on a page at most: a search narrows them down


def why_not_texts(view: View, codebook: Codebook, search: str = "", db=None,
                  limit: int | None = None) -> pd.DataFrame | None:
    """The free-text answers to "why no guidelines?" that contain `search`, at most `limit` (TEXTS_SHOWN), with
    their coded reason in the view's language: columns reason (label) and text. Texts are data, to be shown as
    plain text only. Of the waves text_waves gives, whatever the other filters (it says why); None where
    there are none."""
    if not texts_shown(view, codebook, db):
        return None
    frame = _why_not(view, codebook, search, db, limit)
    reasons = labels(codebook["guidelines_why_not"], view.lang)
    return pd.DataFrame({t("reason_column", view.lang): frame["reason"].map(reasons),
                         t("text_column", view.lang): frame["text"]})


def why_not_count(view: View, codebook: Codebook, search: str = "", db=None) -> int:
    """How many free-text answers to "why no guidelines?" contain `search` (0 where they are not shown):
    counted by the query of the texts, so a page showing both sends it once. Without a search, how many gave
    a text: a count of people, with the noise of their wave (survey.stats.protection), so that it agrees with a
    chart of the same people; with one, how many of the texts listed it finds."""
    if not texts_shown(view, codebook, db):
        return 0
    frame = _why_not(view, codebook, search, db)
    return int(frame["matching" if search.strip() else "n"].iloc[0]) if not frame.empty else 0


def _why_not(view: View, codebook: Codebook, search: str, db, limit: int | None = None) -> pd.DataFrame:
    shown = tuple(text_waves(view, codebook, db))
    waves = Filters({WAVE: () if set(shown) == set(dataset.database_waves(db)) else shown})  # every wave: no filter
    return counts.run("why_not_texts", db=db, search=search.strip(), limit=limit or TEXTS_SHOWN,
                      **waves.params(codebook))


def text_waves(view: View, codebook: Codebook, db=None) -> list[str]:
    """The waves whose free texts may be shown for the view: those of its selection in which at least
    min_group respondents were asked "why not". The other filters do not apply to the texts: texts are
    records anyone can recognise, so two filtered lists compared (one less the other, or what both hold)
    would tie a text to the group of their difference or overlap, however small. A list is always whole
    waves of texts, each of at least min_group respondents asked, and so is anything two lists make."""
    asked = dataset.asked_per_wave("guidelines_why_not", db)
    least = estimates.load_rules().min_group
    return [w for w in dataset.selected_waves(view.filters.selected.get(WAVE, ()), db) if asked.get(w, 0) >= least]


def texts_shown(view: View, codebook: Codebook, db=None) -> bool:
    """Whether any free texts may be shown for the view (text_waves)."""
    return bool(text_waves(view, codebook, db))


def texts_unfiltered(view: View) -> bool:
    """Whether the view has filters that the texts do not follow (all but the wave)."""
    return any(dim != WAVE for dim in view.filters.active)


def composition(dimension: str, view: View, codebook: Codebook, db=None) -> Shares:
    """The selection's shares of one dimension beside the population's (SSB), as two groups of one chart."""
    key = kept_key("composition", dimension, NO_COMPARISON, view.filters.params(codebook), view, codebook, db)
    return _kept.get(key, lambda: _composition(dimension, view, codebook, db))


def sample_shares(dimension: str, view: View, codebook: Codebook, db=None) -> Shares:
    """The shares of one dimension's groups in the selection: shares(dimension, by none), counted for every
    dimension of the composition charts in one query (group_count)."""
    from survey.model.population import SOURCES

    check_weights(view.weights, view.filters.params(codebook)["wave"], db)
    rows = counts.run("group_count", db=db, by=list(SOURCES), weights=view.weights, **view.filters.params(codebook))
    rows = rows[rows["split"] == dimension]
    said = gaps(dimension, NO_COMPARISON, view.filters.params(codebook)["wave"], codebook, db)
    secondary = exact_people(asking(said), db)
    if rows.empty:
        return _shares(codebook[dimension], NO_COMPARISON, rows.iloc[:0], view, codebook, said, secondary=secondary)
    options = codebook[dimension].option_ids  # every option, with 0 where nobody is in it, as query shares gives
    n = rows.set_index("group")["n"].reindex(options, fill_value=0)
    w_n = rows.set_index("group")["w_n"].reindex(options, fill_value=0.0)
    frame = pd.DataFrame({
        "split": NO_COMPARISON, "group": "all", "group_position": 0, "option": list(options),
        "option_position": range(1, len(options) + 1), "n": n.to_numpy(), "base_n": int(n.sum()),
        "pct": 100.0 * w_n.to_numpy() / w_n.sum(), "w_n": w_n.to_numpy(), "w_base": w_n.sum(),
        "w2_base": rows["w2_n"].sum(),
    })
    return _shares(codebook[dimension], NO_COMPARISON, frame, view, codebook, said, secondary=secondary)


def _composition(dimension: str, view: View, codebook: Codebook, db) -> Shares:
    from survey.model.population import SOURCES, population_counts

    sample = sample_shares(dimension, view, codebook, db)
    if sample.empty:  # the selection's waves did not ask the dimension, or too few answered it
        return sample
    sizes = population_counts(dimension, codebook)
    total = sum(sizes.values())
    source = SOURCES[dimension]
    population = pd.DataFrame({
        "group": "population", "group_position": 1, "option": list(sizes),
        "n": [round(c) for c in sizes.values()], "base_n": round(total),
        "pct": [100.0 * c / total for c in sizes.values()],
        "ci_low": float("nan"), "ci_high": float("nan"), "p_value": float("nan"), "significant": False,
        "direction": 0, "flag": "",
    })
    population["option_position"] = population["option"].map(
        {o: i for i, o in enumerate(codebook[dimension].option_ids, start=1)})
    population = relabelled(
        decorate(population, codebook[dimension], NO_COMPARISON, codebook, view.lang, view.level),
        group_label=t("composition_population", view.lang)).assign(color=POPULATION, base_text=f"SSB {source['year']}")
    sample_frame = relabelled(sample.frame, group_label=t("composition_sample", view.lang)).assign(group="sample")
    frame = pd.concat([sample_frame, population], ignore_index=True)
    source_key = "source_labour_force" if dimension in ("gender", "age_group") else "source_establishments"
    note = t("composition_note", view.lang, n=int(sample.frame["base_n"].iloc[0]), source=t(source_key, view.lang))
    return Shares(sample.question, "sample_population", view.lang, frame, note, view.weights, view.level,
                  sample.hidden, sample.rows_hidden, sample.waves, sample.not_asked, sample.not_offered,
                  secondary=sample.secondary)
