"""What stands out for a selection: every answer to every question tested against the rest, corrected across
all those tests, and the differences that hold listed largest first.

What is tested, for every option of every question that is not a dimension (nor a question the view filters
on by its answers, whose shares the filter fixes, nor the compare-by itself):

- With a compare-by, each shown group against the rest of the selection: the very complement test of the
  charts (survey.stats.estimates.complement_tests), before the chart's Holm correction.
- Without a compare-by but with filters, the selection against the rest of the sample: everyone the filters
  leave out, of the same waves where a wave filter is set (the wave filter chooses which sample the selection
  is part of; the other filters choose the selection). The rest is the whole sample's counts less the
  selection's (weighted counts, weighted bases, sums of squared weights), tested with the same pooled
  two-proportion z-test on Kish's effective sample sizes. Every count subtracted is one the app publishes
  (perturbed where the rules say so): the rest tells nothing that the two counts did not.
- Without either, there is nothing to compare with.

A p-value that cannot be computed (everyone or no one chose the option) is not a test made, and nor is the
second answer of a two-answer question (survey.stats.estimates.mirror, as the charts and the banner's letters count
it): its difference mirrors the first's, and its test is the first's.

Left out before testing: hidden groups, low bases (effective n below `low_base`), and every comparison whose
rest has a base below `min_group` or an effective n below `low_base`: a selection of everyone but three must
not give away the three's shares. What is left is corrected with Benjamini and Hochberg's false discovery
rate across all the tests made (their number is said with the list); the rate is a setting
(statistics.yaml `false_discovery_rate`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import pandas as pd

from queries.kept import Kept
from survey.analysis import counts
from survey.analysis.results import base_words, group_labels, shares_of, split_title
from survey.model.codebook import Codebook
from survey.model.filters import WAVE, Filters
from survey.model.state import NO_COMPARISON, View, to_query
from survey.stats import estimates, protection
from survey.stats import formulas as stats
from survey.texts.i18n import format_decimal, format_pct, t, word_list

GROUPS, SELECTION, NOTHING = "groups", "selection", "nothing"  # what is compared with its rest
COLUMNS = ["question", "option", "group", "pct", "pct_rest", "difference", "base_n", "n_eff", "p_value", "q_value"]
SHOWN = 10  # rows the panel lists before the rest go into an expander


@dataclass(frozen=True)
class Difference:
    """One option of one question: the group's share (or the selection's: group "all") and the rest's, in
    percent, their difference in points, the group's base and effective n, and the test's p-value before and
    after the correction."""

    question: str
    option: str
    group: str
    pct: float
    pct_rest: float
    difference: float
    base_n: int
    n_eff: float
    p_value: float
    q_value: float = math.nan
    mirror: bool = False  # the second answer of a two-answer question: its test is the first answer's

    def record(self) -> dict:
        return {c: getattr(self, c) for c in COLUMNS}


@dataclass(frozen=True)
class Standout:
    """The differences that hold (q_value <= fdr), largest first, of `tests` tests made for `view`."""

    view: View
    kind: str
    rows: tuple[Difference, ...]
    tests: int
    fdr: float

    def records(self) -> list[dict]:
        return [row.record() for row in self.rows]

    def intro(self, codebook: Codebook) -> str:
        """What was compared, how many tests, the correction, and how many hold."""
        lang = self.view.lang
        if self.kind == NOTHING:
            return t("standout_nothing", lang)
        if self.tests == 0:
            return t("standout_no_tests", lang)
        made = self.compared(codebook)
        key = "standout_intro_none" if not self.rows else "standout_intro_one" if len(self.rows) == 1 \
            else "standout_intro"
        return t(key, lang, m=self.tests, k=len(self.rows), made=made, fdr=fdr_text(self.fdr, lang))

    def compared(self, codebook: Codebook) -> str:
        lang, waves = self.view.lang, self.view.filters.active.get(WAVE, ())
        if self.kind == GROUPS:
            title = split_title(self.view.by, codebook, lang)
            return t("standout_made_groups", lang, by=title[:1].lower() + title[1:])
        if waves:
            return t("standout_made_selection_waves", lang, waves=word_list(waves, lang))
        return t("standout_made_selection", lang)

    def sentence(self, row: Difference, codebook: Codebook) -> str:
        """The difference in words: who, the answer, the question and its base, both shares, the points."""
        lang, question = self.view.lang, codebook[row.question]
        rest = "standout_rest_groups" if self.kind == GROUPS else "standout_rest_selection"
        return t("standout_row", lang, group=self.group_words(row.group, codebook),
                 pct=format_pct(row.pct, lang), option=question.option(row.option).label[lang],
                 question=question.title[lang], base=base_words(question, lang), n=row.base_n,
                 rest_pct=format_pct(row.pct_rest, lang), rest=t(rest, lang),
                 difference=points(row.difference, lang))

    def group_words(self, group: str, codebook: Codebook) -> str:
        """Who the group is, as a sentence starts: «Kvinner», «Bølge 2011», «Utvalget»."""
        lang, by = self.view.lang, self.view.by
        if self.kind == SELECTION:
            return t("standout_selection", lang)
        if by != WAVE:
            who = codebook[by].option(group).extra.get("who", {}).get(lang)
            if who:
                return who[:1].upper() + who[1:]
        return group_labels(by, codebook, lang, (group,))[group]

    def link(self, row: Difference) -> str:
        """The Explore page showing the row's question with the view's filters and compare-by; for a selection of
        one group (one option of one dimension), that dimension compared without its filter instead, so that the
        chart holds the comparison the sentence makes: the group beside the others."""
        view = replace(self.view, question=row.question, present=False)
        chosen = {d: v for d, v in view.filters.active.items() if d != WAVE}
        if self.kind == SELECTION and len(chosen) == 1 and len(next(iter(chosen.values()))) == 1:
            (dimension,) = chosen
            kept = {d: v for d, v in view.filters.selected.items() if d != dimension}
            view = replace(view, filters=Filters(kept), by=dimension)
        return "explore?" + urlencode(to_query(view), doseq=True)


def fdr_text(fdr: float, lang: str) -> str:
    """5 % (nb), 5% (en); a rate of a fraction of a percent with its decimal."""
    percent = round(100 * fdr, 6)  # 0.07 * 100 is 7.000000000000001
    return format_pct(percent, lang, decimals=0 if percent.is_integer() else 1)


def points(difference: float, lang: str) -> str:
    """+15,1 or −4,2 (a real minus sign)."""
    text = format_decimal(abs(difference), lang)
    return ("+" if difference >= 0 else "−") + text


# What stands out, by view: it is made from results kept for every session, and read on every run of the
# overview and explore pages.
_kept = Kept(256)


def standout(view: View, codebook: Codebook, db=None, fdr: float | None = None) -> Standout:
    """What stands out for the view (the module's docstring says how), at the false discovery rate `fdr`
    (the rules' false_discovery_rate where None). Kept on what it depends on: the data, codebook and rules,
    and the view."""
    rules = estimates.load_rules()
    fdr = rules.false_discovery_rate if fdr is None else fdr
    key = (counts.version(db), codebook.version, rules, protection.load(), repr(view), fdr)
    return _kept.get(key, lambda: tests_held(view, codebook, rules, db, fdr))


def tests_held(view: View, codebook: Codebook, rules, db, fdr: float) -> Standout:
    if view.by != NO_COMPARISON:
        kind, tested = GROUPS, group_tests(view, codebook, rules, db)
    elif view.filters.active.keys() - {WAVE}:
        kind, tested = SELECTION, selection_tests(view, codebook, rules, db)
    else:
        return Standout(view, NOTHING, (), 0, fdr)
    tested = [row for row in tested if not math.isnan(row.p_value) and not row.mirror]
    q_values = stats.benjamini_hochberg([row.p_value for row in tested])
    held = [replace(row, q_value=q) for row, q in zip(tested, q_values) if q <= fdr]
    held.sort(key=lambda row: (-abs(row.difference), row.q_value))
    return Standout(view, kind, tuple(held), len(tested), fdr)


def tested_questions(view: View, codebook: Codebook) -> list[str]:
    """Every question that is not a dimension, less those the view filters on by their answers."""
    filtered = view.filters.active
    return [q.id for q in codebook.questions if not q.dimension and q.id not in filtered]


def wanted(view: View, codebook: Codebook) -> list[tuple[str, tuple[str, ...]]]:
    """The shares of the selection the tests read, each question with its split: a page counts them with its
    charts, in one query (results.prefetch). (The rest of the sample is counted apart: other filters.)"""
    if view.by == NO_COMPARISON and not view.filters.active.keys() - {WAVE}:
        return []
    return [(q, (view.by,)) for q in tested_questions(view, codebook)]


def group_tests(view: View, codebook: Codebook, rules: estimates.Rules, db=None) -> list[Difference]:
    """Each shown group of the compare-by against the rest of the selection, for every option: the charts'
    own complement tests (raw p-values), their shares counted in one query."""
    found = shares_of(wanted(view, codebook), view, codebook, db=db)
    rows = []
    for question, splits in found.items():
        result = splits[view.by]
        frame = result.frame
        if frame.empty:
            continue
        twin = estimates.mirror_rows(frame["group"].tolist(), frame["option"].tolist(), frame["base_n"].tolist(),
                                     result.mirror)
        kept = frame.assign(mirror=[k >= 0 for k in twin])
        kept = kept[(kept["flag"] == "") & (kept["base_rest"] >= rules.min_group)
                    & (kept["n_eff_rest"] >= rules.low_base) & kept["p_raw"].notna()]
        rows += [Difference(question, r.option, r.group, r.pct, r.pct_rest, r.pct - r.pct_rest, int(r.base_n),
                            r.n_eff, r.p_raw, mirror=r.mirror) for r in kept.itertuples()]
    return rows


def selection_tests(view: View, codebook: Codebook, rules: estimates.Rules, db=None) -> list[Difference]:
    """The selection against the rest of the sample (the whole sample of the view's waves less the
    selection), for every option: the same two-proportion test on effective sample sizes."""
    parts = wanted(view, codebook)
    sample = Filters({WAVE: view.filters.active[WAVE]} if WAVE in view.filters.active else {})
    whole = shares_of(parts, view, codebook, filters=sample, db=db)
    chosen = shares_of(parts, view, codebook, db=db)
    rows = []
    for question, _ in parts:
        selection = chosen[question][NO_COMPARISON]
        rows += rest_rows(question, selection.frame, whole[question][NO_COMPARISON].frame, rules, selection.mirror)
    return rows


def rest_rows(question: str, chosen: pd.DataFrame, whole: pd.DataFrame, rules: estimates.Rules,
              pair: tuple[str, str] | None = None) -> list[Difference]:
    """The selection's rows of one question against the rest: whole less chosen, option by option. A
    selection row that is hidden or a low base, or a rest too small to show, is not tested. `pair`: the
    question's two mirrored answers (estimates.mirror), the second's row marked as the first's test."""
    if chosen.empty or whole.empty:
        return []
    sums = ["base_n", "w_n", "w_base", "w2_base"]
    both = chosen.merge(whole[["option", *sums]], on="option", suffixes=("", "_whole"))
    firsts = {(b, w) for o, b, w in zip(both["option"], both["base_n"], both["base_n_whole"]) if pair and o == pair[0]}
    rows = []
    for r in both.itertuples():
        base_rest = r.base_n_whole - r.base_n
        w_base_rest = r.w_base_whole - r.w_base
        n_eff_rest = stats.kish_effective_n(w_base_rest, r.w2_base_whole - r.w2_base)
        if r.flag != "" or base_rest < rules.min_group or n_eff_rest < rules.low_base or w_base_rest <= 0:
            continue
        # Perturbed counts may differ by a little more than the rest holds: the share is of the rest as meant.
        share_rest = min(max((r.w_n_whole - r.w_n) / w_base_rest, 0.0), 1.0)
        p = stats.two_proportion_p(r.pct / 100, r.n_eff, share_rest, n_eff_rest)
        mirror = bool(pair) and r.option == pair[1] and (r.base_n, r.base_n_whole) in firsts  # on the same bases
        rows.append(Difference(question, r.option, "all", r.pct, 100 * share_rest, r.pct - 100 * share_rest,
                               int(r.base_n), r.n_eff, p, mirror=mirror))
    return rows
