"""The headline figures of the overview: four shares, each on its own base, with their intervals."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from survey.codebook import Codebook
from survey.filters import WAVE
from survey.findings import LEVELS, overall, splits
from survey.i18n import format_pct, t
from survey.results import Shares, shares
from survey.state import View


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
        frame = overall(question, view, codebook, db).frame
        row = frame[frame["option"] == option] if not frame.empty else frame
        if row.empty:
            out.append(Headline(key, base_key, question, option, 0, 0, None))
            continue
        r = row.iloc[0]
        out.append(Headline(key, base_key, question, option, int(r["n"]), int(r["base_n"]), float(r["pct"]),
                            float(r["ci_low"]), float(r["ci_high"])))
    return out


def tile_caption(tile: Headline, view: View) -> str:
    """"95 % KI: 63,7 %–70,0 %. 567 av 847. Grunnlag: alle som svarte. Uvektet.\""""
    lang = view.lang
    interval = t("ci_text", lang, level=view.level, low=format_pct(tile.ci_low, lang), high=format_pct(tile.ci_high, lang))
    return " ".join([f"{interval}.", t("base_n", lang, n=tile.n, base_n=tile.base_n), t(tile.base_key, lang),
                     t(f"caption_weights_{view.weights}", lang)])


def trend(codebook: Codebook, view: View, db=None) -> Shares:
    """The headline shares of each wave side by side, each with its interval and its test against the other
    waves: one chart, the headlines down, the waves as groups."""
    parts = []
    for rank, (key, _, question, option) in enumerate(HEADLINES, start=1):
        frame = shares(question, view, codebook, by=WAVE, db=db).frame
        if not frame.empty:
            parts.append(frame[frame["option"] == option].assign(option_label=t(key, view.lang), option_rank=rank))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return Shares(codebook["private_use"], WAVE, view.lang, frame, t("trend_note", view.lang), view.weights,
                  view.level)
