"""Plain-language findings for the overview, written from the data for the current selection.

Besides the levels (how many use social media, which channel leads), the findings speak of differences
between groups, but only of those that hold: on each of the questions and dimensions in DIFFERENCES the two
groups furthest apart are tested against each other (two-proportion z-test on effective sample sizes; groups
whose effective n is below the low base are left out), and since those pairs were chosen after looking at
every pair of every comparison screened, each p-value is multiplied by the number of all those pairs
(Bonferroni) before it is compared with the level.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import comb

import pandas as pd

from survey.analysis.results import Shares, p_text, shares, shares_by
from survey.model.codebook import Codebook
from survey.model.state import NO_COMPARISON, View
from survey.stats import formulas as stats
from survey.stats.estimates import load_rules
from survey.texts.i18n import format_pct, t, word_list

COMPANY_DIMENSIONS = ("company_size", "industry", "region")
DIFFERENCES = (  # (question, option, dimension) whose differences the overview looks for
    ("private_use", "yes", "gender"),
    ("private_use", "yes", "age_group"),
    ("company_use", "yes", "role"),
    ("company_use", "yes", "company_size"),
    ("guidelines", "yes", "company_size"),
)


LEVELS = ("private_use", "company_use", "private_channels", "guidelines", "guidelines_why_not",
          "marketing_strategy", "challenges")  # the questions whose levels the findings and headlines give


def splits(question: str) -> tuple[str, ...]:
    """The splits of `question` the overview reads: the whole selection, and the dimensions whose differences
    it looks for. Asked for together (results.shares_by), they cost one query, not one each."""
    return (NO_COMPARISON, *(d for q, _, d in DIFFERENCES if q == question))


def overall(question: str, view: View, codebook: Codebook, db=None) -> Shares:
    """The shares of `question` in the whole selection, counted with the overview's other splits of it."""
    return shares_by(question, splits(question), view, codebook, db=db)[NO_COMPARISON]


def _pct(result: Shares, option: str) -> float | None:
    rows = result.frame[result.frame["option"] == option] if not result.empty else result.frame
    return None if rows.empty else float(rows["pct"].iloc[0])


def _top(result: Shares, k: int) -> list[tuple[str, float]]:
    """The k options chosen most, with their share (ties broken by codebook order)."""
    if result.empty:
        return []
    ranked = result.frame.sort_values(["pct", "option_position"], ascending=[False, True]).head(k)
    return list(zip(ranked["option_label"], ranked["pct"]))


@dataclass(frozen=True)
class Candidate:
    """The two groups furthest apart on one comparison, the p-value of their test alone, and how many pairs
    of groups the comparison screened to find them."""

    question: str
    dimension: str
    high: pd.Series
    low: pd.Series
    p: float
    pairs: int


def candidate(question: str, option: str, dimension: str, view: View, codebook: Codebook,
              db=None) -> Candidate | None:
    """The two groups furthest apart on `option` of `question` by `dimension`, among those whose effective n
    (Kish's, under weights) reaches the low base: a finding should not rest on an uncertain figure."""
    result = shares(question, view, codebook, by=dimension, db=db)
    if result.empty:
        return None
    rows = result.frame[(result.frame["option"] == option) & (result.frame["n_eff"] >= load_rules().low_base)]
    if len(rows) < 2:
        return None
    high, low = rows.loc[rows["pct"].idxmax()], rows.loc[rows["pct"].idxmin()]
    p = stats.two_proportion_p(high.pct / 100, high.n_eff, low.pct / 100, low.n_eff)
    return Candidate(question, dimension, high, low, p, comb(len(rows), 2))


def sentence(found: Candidate, p: float, view: View, codebook: Codebook) -> str:
    lang, high, low = view.lang, found.high, found.low
    who = {o.id: o.extra["who"][lang] for o in codebook[found.dimension].options}
    subject = "company" if found.dimension in COMPANY_DIMENSIONS else "person"
    return t("finding_difference", lang, a=who[high.group][0].upper() + who[high.group][1:],
             verb=t(f"verb_{found.question}_{subject}", lang), b=who[low.group], pa=format_pct(high.pct, lang),
             pb=format_pct(low.pct, lang), p=p_text(p, lang))


def differences(view: View, codebook: Codebook, db=None) -> list[str]:
    """The differences that hold, the strongest first: each p-value multiplied by the pairs screened in all
    the comparisons (Bonferroni)."""
    found = [c for c in (candidate(*d, view, codebook, db) for d in DIFFERENCES) if c]
    screened = sum(c.pairs for c in found)
    adjusted = sorted(((min(1.0, c.p * screened), i) for i, c in enumerate(found)))
    return [sentence(found[i], p, view, codebook) for p, i in adjusted if p < 1 - view.level / 100]


def findings(view: View, codebook: Codebook, db=None) -> list[str]:
    """Three to five sentences: levels, and differences between groups that hold. A finding whose question
    nobody in the selection was asked is left out."""
    levels = level_findings(view, codebook, db)
    return (levels[:3] + differences(view, codebook, db)[:2] + levels[3:])[:5]


def waves_said(sentence: str, *results: Shares, options: tuple[str, ...] = ()) -> str:
    """The sentence, and what the selection's waves did not ask of it: the questions of `results`, or the
    options it names (labels) that some waves did not offer, so that a level on fewer waves is not read as
    one on all."""
    notes = []
    for result in results:
        lang = result.lang
        if result.not_asked:
            notes.append(t("caption_not_asked", lang, waves=word_list(result.not_asked, lang)))
        labels = {o.id: o.label[lang] for o in result.question.options}
        for option, waves in result.not_offered:
            if labels[option] in options:
                notes.append(t("caption_not_offered", lang, options=labels[option], waves=word_list(waves, lang)))
    return " ".join([sentence, *dict.fromkeys(notes)])


def level_findings(view: View, codebook: Codebook, db=None) -> list[str]:
    lang = view.lang

    def get(question: str) -> Shares:
        return overall(question, view, codebook, db)

    def pct(value: float) -> str:
        return format_pct(value, lang)

    out: list[str] = []
    private, company = _pct(get("private_use"), "yes"), _pct(get("company_use"), "yes")
    if private is not None and company is not None:
        key = "finding_use" if company < private else "finding_use_both"
        sentence = t(key, lang, private=pct(private), company=pct(company))
        out.append(waves_said(sentence, get("private_use"), get("company_use")))
    channels = _top(get("private_channels"), 2)
    if len(channels) == 2:
        (first, first_pct), (second, second_pct) = channels
        out.append(waves_said(t("finding_channel", lang, first=first, first_pct=pct(first_pct), second=second,
                                second_pct=pct(second_pct)), get("private_channels"), options=(first, second)))
    no_guidelines, reasons = _pct(get("guidelines"), "no"), _top(get("guidelines_why_not"), 1)
    if no_guidelines is not None and reasons:
        sentence = t("finding_guidelines", lang, no=pct(no_guidelines), reason=reasons[0][0],
                     reason_pct=pct(reasons[0][1]))
        out.append(waves_said(sentence, get("guidelines"), get("guidelines_why_not"), options=(reasons[0][0],)))
    strategy = _pct(get("marketing_strategy"), "yes")
    if strategy is not None:
        out.append(waves_said(t("finding_strategy", lang, pct=pct(strategy)), get("marketing_strategy")))
    challenge = _top(get("challenges"), 1)
    if challenge:
        out.append(waves_said(t("finding_challenge", lang, challenge=challenge[0][0], pct=pct(challenge[0][1])),
                              get("challenges"), options=(challenge[0][0],)))
    return out
