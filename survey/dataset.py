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


def asked(db=None) -> dict[str, dict[str, tuple[str, ...]]]:
    """What each wave asked: {wave: {question: the options it offered, in codebook order}}. A question a wave
    did not ask is not under that wave."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    frame = queries.run("wave_options", db=db)
    for wave, question, option in zip(frame["wave"], frame["question_id"], frame["option_id"]):
        questions = out.setdefault(wave, {})
        questions[question] = questions.get(question, ()) + (option,)
    return out


def not_asked(question: str, waves, db=None) -> list[str]:
    """Of `waves` (every wave of the database where empty), those that did not ask `question`."""
    by_wave = asked(db)
    return [w for w in (waves or by_wave) if question not in by_wave.get(w, {})]


def not_offered(question: str, waves, db=None) -> dict[str, list[str]]:
    """Of `waves` (every wave where empty) that asked `question`: {option: the waves that did not offer it},
    for the options some of them did not offer."""
    by_wave = asked(db)
    from survey import codebook as cb

    options = cb.load()[question].option_ids
    missing: dict[str, list[str]] = {}
    for wave in waves or by_wave:
        offered = by_wave.get(wave, {}).get(question)
        if offered is not None:
            for option in options:
                if option not in offered:
                    missing.setdefault(option, []).append(wave)
    return missing


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
