"""What the database in use holds: which answers are the reconstruction, and how its weighting went."""
from __future__ import annotations

import pandas as pd

from queries.kept import Kept
from survey.analysis import counts
from survey.model.state import UNWEIGHTED, WEIGHTS

_kept = Kept(16)  # per database version: its waves, what they asked, and their weighting schemes


def wave_table(db=None) -> pd.DataFrame:
    """The waves of the database (query waves), read once per database version, which never changes them:
    a page asks for them from every chart (read it, do not change it)."""
    return _kept.get(("waves", counts.version(db)), lambda: counts.run("waves", db=db))


def data_version(db=None) -> str:
    """The published version's name (its file, survey-<when>), or for a database without versions when it
    was built."""
    from survey.base.paths import database_path
    from survey.ingest import versions

    path = database_path(db)
    if path.is_symlink():
        return versions.current(path).stem
    return str(counts.run("build_info", db=db)["built_at"].iloc[0])


def database_waves(db=None) -> list[str]:
    """The waves in the database, in order."""
    return wave_table(db)["wave"].tolist()


def notice(lang: str, db=None) -> str | None:
    """What the page must say about reconstructed answers: for all of them, for some waves, or nothing."""
    from survey.texts.i18n import t

    frame = wave_table(db)
    made = frame.loc[frame["reconstructed"], "wave"].tolist()
    if not made:
        return None
    if len(made) == len(frame):
        return t("reconstruction_notice", lang)
    return t("reconstruction_notice_waves", lang, waves=", ".join(f"{t('wave', lang).lower()} {w}" for w in made))


def asked(db=None) -> dict[str, dict[str, tuple[str, ...]]]:
    """What each wave asked: {wave: {question: the options it offered, in codebook order}}. A question a wave
    did not ask is not under that wave. Made once per database version (read it, do not change it)."""
    def make() -> dict[str, dict[str, tuple[str, ...]]]:
        out: dict[str, dict[str, tuple[str, ...]]] = {}
        frame = counts.run("wave_options", db=db)
        for wave, question, option in zip(frame["wave"], frame["question_id"], frame["option_id"]):
            questions = out.setdefault(wave, {})
            questions[question] = questions.get(question, ()) + (option,)
        return out
    return _kept.get(("asked", counts.version(db)), make)


def asked_per_wave(question: str, db=None) -> dict[str, int]:
    """How many respondents of each wave were asked `question` and answered it (its base): {wave: n}. Made
    once per database version."""
    def make() -> dict[str, int]:
        from survey.model import codebook as cb
        from survey.model.filters import Filters

        rows = counts.shares([(question, ["wave"])], weights=UNWEIGHTED, db=db, **Filters().params(cb.load()))[0]
        return {wave: int(n) for wave, n in rows.groupby("group")["base_n"].max().items()}
    return _kept.get(("asked_per_wave", question, counts.version(db)), make)


def selected_waves(waves, db=None) -> list[str]:
    """The waves a selection holds: those of `waves` (a wave filter) that are in the database, or every wave of
    the database where it is empty; in the database's order."""
    every = database_waves(db)
    return [w for w in every if w in set(waves)] if waves else every


def noisy_waves(waves=(), db=None) -> list[str]:
    """Of `waves` (every wave of the database where empty), those whose counts have noise (survey.stats.protection):
    a selection reaching one has no weights and no filter of several options."""
    exact = set(counts.exact_waves(db))
    return [w for w in selected_waves(waves, db) if w not in exact]


def not_asked(question: str, waves, db=None) -> list[str]:
    """Of `waves` (every wave of the database where empty), those that did not ask `question`."""
    by_wave = asked(db)
    return [w for w in selected_waves(waves, db) if question not in by_wave.get(w, {})]


def not_offered(question: str, waves, db=None) -> dict[str, list[str]]:
    """Of `waves` (every wave where empty) that asked `question`: {option: the waves that did not offer it},
    for the options some of them did not offer."""
    by_wave = asked(db)
    from survey.model import codebook as cb

    options = cb.load()[question].option_ids
    missing: dict[str, list[str]] = {}
    for wave in selected_waves(waves, db):
        offered = by_wave.get(wave, {}).get(question)
        if offered is not None:
            for option in options:
                if option not in offered:
                    missing.setdefault(option, []).append(wave)
    return missing


def scheme_waves(db=None) -> dict[str, tuple[str, ...]]:
    """The waves each weighting scheme has weights for: {scheme: waves}, for the schemes of WEIGHTS with a row in
    weighting_info and a column in the data. Made once per database version."""
    def make() -> dict[str, tuple[str, ...]]:
        frame = counts.run("weighting_schemes", db=db)
        found: dict[str, tuple[str, ...]] = {}
        for wave, scheme in zip(frame["wave"], frame["scheme"]):
            if scheme in WEIGHTS:
                found[scheme] = found.get(scheme, ()) + (wave,)
        return found
    return _kept.get(("schemes", counts.version(db)), make)


def weight_schemes(waves=(), db=None) -> list[str]:
    """The weighting schemes a selection of `waves` (every wave of the database where empty) can be weighted
    by, in the order of survey.model.state.WEIGHTS: unweighted, and each scheme that every one of the waves has
    weights for (a share must never mix weighted respondents with some whose weight is missing). Only
    unweighted where a wave has noise (survey.stats.protection: weighted sums would give its true counts away)."""
    wanted, by_scheme = selected_waves(waves, db), scheme_waves(db)
    if noisy_waves(waves, db):
        return [UNWEIGHTED]
    return [scheme for scheme in WEIGHTS
            if scheme == UNWEIGHTED or (wanted and set(wanted) <= set(by_scheme.get(scheme, ())))]
