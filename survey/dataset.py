"""What the database in use holds: which answers are the reconstruction, and how its weighting went."""
from __future__ import annotations

import pandas as pd

import queries


def notice(lang: str, db=None) -> str | None:
    """What the page must say about reconstructed answers: for all of them, for some waves, or nothing."""
    from survey.i18n import t

    frame = queries.run("waves", db=db)
    made = frame.loc[frame["reconstructed"], "wave"].tolist()
    if not made:
        return None
    if len(made) == len(frame):
        return t("reconstruction_notice", lang)
    return t("reconstruction_notice_waves", lang, waves=", ".join(f"{t('wave', lang).lower()} {w}" for w in made))


def weighting_table(lang: str, db=None) -> pd.DataFrame:
    """How the raking of each scheme went, as a table with headers and values in the language."""
    from survey.i18n import format_pct, t

    frame = queries.run("weighting_info", db=db)
    yes_no = {True: t("yes", lang), False: t("no", lang)}
    rows = {
        "weighting_scheme": [t(f"weights_{s}", lang) for s in frame["scheme"]],
        "weighting_converged": [yes_no[bool(c)] for c in frame["converged"]],
        "weighting_iterations": [str(int(i)) for i in frame["iterations"]],
        "weighting_max_error": [t("points", lang, value=f"{100 * e:.2f}") for e in frame["max_margin_error"]],
        "weighting_trimmed": [f"{int(n)} ({b1:g}–{b2:g})" for n, b1, b2 in
                              zip(frame["trimmed"], frame["trim_lower"], frame["trim_upper"])],
        "weighting_deff": [f"{d:.2f}" for d in frame["design_effect"]],
        "weighting_efficiency": [format_pct(100 * e, lang) for e in frame["efficiency"]],
        "weighting_range": [f"{lo:.2f}–{hi:.2f}" for lo, hi in zip(frame["min_weight"], frame["max_weight"])],
    }
    table = pd.DataFrame({t(k, lang): v for k, v in rows.items()})
    return table.map(lambda v: v.replace(".", ",") if lang == "nb" and isinstance(v, str) else v)
