"""Plain-language findings for the overview, written from the data for the current selection."""
from __future__ import annotations

from survey.codebook import Codebook
from survey.i18n import format_pct, t
from survey.results import Shares, shares
from survey.state import NO_COMPARISON, View


def _pct(result: Shares, option: str) -> float | None:
    rows = result.frame[result.frame["option"] == option] if not result.empty else result.frame
    return None if rows.empty else float(rows["pct"].iloc[0])


def _top(result: Shares, k: int) -> list[tuple[str, float]]:
    """The k options chosen most, with their share (ties broken by codebook order)."""
    if result.empty:
        return []
    ranked = result.frame.sort_values(["pct", "option_position"], ascending=[False, True]).head(k)
    return list(zip(ranked["option_label"], ranked["pct"]))


def findings(view: View, codebook: Codebook, db=None) -> list[str]:
    """Three to five sentences; a finding whose question nobody in the selection was asked is left out."""
    lang = view.lang

    def get(question: str) -> Shares:
        return shares(question, view, codebook, by=NO_COMPARISON, db=db)

    def pct(value: float) -> str:
        return format_pct(value, lang)

    out: list[str] = []
    private, company = _pct(get("private_use"), "yes"), _pct(get("company_use"), "yes")
    if private is not None and company is not None:
        key = "finding_use" if company < private else "finding_use_both"
        out.append(t(key, lang, private=pct(private), company=pct(company)))
    channels = _top(get("private_channels"), 2)
    if len(channels) == 2:
        (first, first_pct), (second, second_pct) = channels
        out.append(t("finding_channel", lang, first=first, first_pct=pct(first_pct), second=second,
                     second_pct=pct(second_pct)))
    no_guidelines, reasons = _pct(get("guidelines"), "no"), _top(get("guidelines_why_not"), 1)
    if no_guidelines is not None and reasons:
        out.append(t("finding_guidelines", lang, no=pct(no_guidelines), reason=reasons[0][0],
                     reason_pct=pct(reasons[0][1])))
    strategy = _pct(get("marketing_strategy"), "yes")
    if strategy is not None:
        out.append(t("finding_strategy", lang, pct=pct(strategy)))
    challenge = _top(get("challenges"), 1)
    if challenge:
        out.append(t("finding_challenge", lang, challenge=challenge[0][0], pct=pct(challenge[0][1])))
    return out
