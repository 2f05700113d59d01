"""The headline figures of the overview: four shares, each on its own base, with their intervals."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from survey.analysis import dataset
from survey.analysis.findings import LEVELS, overall, splits
from survey.analysis.results import Shares, relabelled, shares
from survey.model.codebook import Codebook
from survey.model.filters import WAVE
from survey.model.state import NO_COMPARISON, UNWEIGHTED, View
from survey.texts.i18n import format_decimal, format_number, format_pct, t, word_list


@dataclass(frozen=True)
class Headline:
    key: str  # message key of the label
    base_key: str  # message key of the base
    question: str
    option: str
    n: int
    base_n: int
    pct: float | None  # None where nobody in the selection was asked, or too few to show
    ci_low: float | None = None
    ci_high: float | None = None
    w_n: float | None = None  # the weighted count and base, and the effective n (as n and base_n unweighted)
    w_base: float | None = None
    n_eff: float | None = None
    not_asked: tuple[str, ...] = ()  # the selection's waves that did not ask the question
    asked_nowhere: bool = False  # none of them did: the tile says so instead of a number

    def not_asked_text(self, lang: str) -> str:
        """"Spørsmålet ble ikke stilt i 2011.", for a tile whose question none of the selection's waves asked."""
        return t("not_asked_anywhere", lang, waves=word_list(self.not_asked, lang))


HEADLINES = (
    ("headline_private_use", "base_all", "private_use", "yes"),
    ("headline_company_use", "base_all", "company_use", "yes"),
    ("headline_no_guidelines", "base_all", "guidelines", "no"),
    ("headline_marketing_strategy", "base_marketers", "marketing_strategy", "yes"),
)
TREND = {question for _, _, question, _ in HEADLINES}


def wanted(trend: bool) -> list[tuple[str, tuple[str, ...]]]:
    """Every question of the overview with its splits (headlines, findings and, with several waves, the trend),
    for the page header (ui.page_header): the whole page and its n counted in one query."""
    return [(question, splits(question) + ((WAVE,) if trend and question in TREND else ()))
            for question in LEVELS]


def headlines(codebook: Codebook, view: View, db=None) -> list[Headline]:
    out = []
    for key, base_key, question, option in HEADLINES:
        result = overall(question, view, codebook, db)
        frame = result.frame
        row = frame[frame["option"] == option] if not frame.empty else frame
        waves = {"not_asked": result.not_asked, "asked_nowhere": result.asked_nowhere}
        if row.empty:
            out.append(Headline(key, base_key, question, option, 0, 0, None, **waves))
            continue
        r = row.iloc[0]
        out.append(Headline(key, base_key, question, option, int(r["n"]), int(r["base_n"]), float(r["pct"]),
                            float(r["ci_low"]), float(r["ci_high"]), float(r["w_n"]), float(r["w_base"]),
                            float(r["n_eff"]), **waves))
    return out


GLANCE = (("private_channels", 5), ("guidelines", None), ("challenges", 5))  # besides use: (question, top k)


def glance(codebook: Codebook, view: View, db=None) -> list[tuple[str, Shares]]:
    """The overview's small charts, each a title and a result of the whole selection: private and company use
    side by side, the five channels used most privately, guidelines, the five challenges named most. They are
    counted with the headlines and findings (overall), so they cost no query of their own."""
    lang = view.lang
    out = [(t("glance_use", lang), use_at_a_glance(codebook, view, db))]
    for question, k in GLANCE:
        result = overall(question, view, codebook, db)
        out.append((t("glance_top", lang, title=result.title, k=k), result.top(k)) if k else (result.title, result))
    return out


def use_at_a_glance(codebook: Codebook, view: View, db=None) -> Shares:
    """The share using social media privately and the share whose company does, as two bars."""
    lang, parts = view.lang, []
    for rank, (key, _, question, option) in enumerate(HEADLINES[:2], start=1):
        frame = overall(question, view, codebook, db).frame
        if not frame.empty:
            parts.append(relabelled(frame[frame["option"] == option],
                                    option_label=t(key, lang)).assign(option_rank=rank))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return Shares(codebook["private_use"], NO_COMPARISON, lang, frame, None, view.weights, view.level)


def tile_caption(tile: Headline, view: View) -> str:
    """"95 % KI: 63,7 %–70,0 %. 567 av 847. Grunnlag: alle som svarte. Uvektet.\""""
    lang = view.lang
    interval = t("ci_text", lang, level=view.level, low=format_pct(tile.ci_low, lang),
                 high=format_pct(tile.ci_high, lang))
    not_asked = [t("caption_not_asked", lang, waves=word_list(tile.not_asked, lang))] if tile.not_asked else []
    if view.weights == UNWEIGHTED:
        counted = t("base_n", lang, n=tile.n, base_n=tile.base_n)
    else:  # the share is the weighted count over the weighted base
        counted = t("count_weighted", lang, w_n=format_decimal(tile.w_n, lang),
                    w_base=format_decimal(tile.w_base, lang), n=format_number(tile.n, lang),
                    base_n=format_number(tile.base_n, lang), n_eff=format_number(round(tile.n_eff), lang)) + "."
    return " ".join([f"{interval}.", counted, t(tile.base_key, lang), *not_asked,
                     t(f"caption_weights_{view.weights}", lang)])


def trend(codebook: Codebook, view: View, db=None) -> Shares:
    """The headline shares of each wave side by side, each with its interval and its test against the other
    waves: one chart, the headlines down, the waves as groups. A wave that did not ask a headline's question
    has no bar for it (its respondents are in no base), and the note says so."""
    lang, parts, notes = view.lang, [], [t("trend_note", view.lang)]
    waves = dataset.selected_waves(view.filters.params(codebook)[WAVE], db)
    for rank, (key, _, question, option) in enumerate(HEADLINES, start=1):
        frame = shares(question, view, codebook, by=WAVE, db=db).frame
        if not frame.empty:
            parts.append(relabelled(frame[frame["option"] == option],
                                    option_label=t(key, lang)).assign(option_rank=rank))
        missing = dataset.not_asked(question, waves, db) if waves else []
        if missing:
            notes.append(t("caption_not_offered", lang, options=t(key, lang), waves=word_list(missing, lang)))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return Shares(codebook["private_use"], WAVE, lang, frame, " ".join(notes), view.weights, view.level)
