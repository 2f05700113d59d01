"""The method page's tables and sentences: how the weights met their targets, who is over- or
under-represented in the sample, and what the noise of imported waves does to a share."""
from __future__ import annotations

import pandas as pd

from survey.analysis import counts
from survey.analysis.dataset import wave_table
from survey.analysis.results import labels
from survey.model.filters import Filters
from survey.model.population import population_shares
from survey.model.state import WEIGHTS
from survey.stats import protection
from survey.stats.weighting import dimension_targets
from survey.texts.i18n import format_number, format_pct, t, word_list


def weighting_table(lang: str, db=None) -> pd.DataFrame:
    """How the weighting of each scheme went, as a table with headers and values in the language: a row per
    scheme, and with several waves per wave and scheme (each wave is weighted on its own), the wave first. A
    weight delivered with the data was not computed here, so what the weighting would say of it is "–". Waves
    with noise are left out: they are never shown weighted (weight_schemes), and how their weighting went would
    tell of their true counts."""

    frame = counts.run("weighting_info", db=db)
    exact = set(counts.exact_waves(db))
    frame = frame[frame["scheme"].isin(WEIGHTS) & frame["wave"].isin(exact)].reset_index(drop=True)

    def each(*columns, show) -> list[str]:
        return ["–" if any(pd.isna(v) for v in values) else show(*values)
                for values in zip(*(frame[c] for c in columns))]

    def decimals(text: str) -> str:
        return text.replace(".", ",") if lang == "nb" else text

    yes_no = {True: t("yes", lang), False: t("no", lang)}
    rows = {
        "weighting_scheme": [t(f"weights_{s}", lang) for s in frame["scheme"]],
        "weighting_converged": each("converged", show=lambda c: yes_no[bool(c)]),
        "weighting_iterations": each("iterations", show=lambda i: str(int(i))),
        "weighting_max_error": each("max_margin_error",
                                    show=lambda e: t("points", lang, value=decimals(f"{100 * e:.2f}"))),
        "weighting_trimmed": each("trimmed", "trim_lower", "trim_upper",
                                  show=lambda n, b1, b2: decimals(f"{int(n)} ({b1:g}–{b2:g})")),
        "weighting_deff": each("design_effect", show=lambda d: decimals(f"{d:.2f}")),
        "weighting_efficiency": each("efficiency", show=lambda e: format_pct(100 * e, lang)),
        "weighting_range": each("min_weight", "max_weight", show=lambda lo, hi: decimals(f"{lo:.2f}–{hi:.2f}")),
    }
    if frame["wave"].nunique() > 1 or len(wave_table(db)) > 1:
        rows = {"wave": frame["wave"].tolist(), **rows}
    return pd.DataFrame({t(k, lang): v for k, v in rows.items()})


def _margin_counts(codebook, db=None):
    """For each computed scheme of each wave whose counts are exact: the wave, the scheme, its dimensions, and
    the wave's count and weighted count of each group of them (query group_count). Waves with noise are never
    shown weighted (weight_schemes)."""

    info = counts.run("weighting_info", db=db)
    info = info[info["iterations"].notna() & info["scheme"].isin(WEIGHTS) & info["wave"].isin(counts.exact_waves(db))]
    for wave, scheme, dims in info[["wave", "scheme", "dimensions"]].itertuples(index=False):
        yield wave, scheme, dims, counts.run("group_count", db=db, by=list(dims), weights=scheme,
                                             **Filters({"wave": (wave,)}).params(codebook))


def gap(points: float, lang: str) -> str:
    """A signed gap in percentage points, to two decimals ("−6,81", "+0,97"), or "0" where it rounds to none."""
    if abs(points) < 0.005:
        return "0"
    text = f"{points:+.2f}".replace("-", "\u2212")
    return text.replace(".", ",") if lang == "nb" else text


def weighting_margins(lang: str, codebook, db=None) -> pd.DataFrame:
    """Every target of every computed scheme beside what its weights reach, as a table in the language: a row per
    scheme, dimension and option (and wave, with several), with the sample's share, the target, the weighted
    share and the gap in points. Where the bounds on the weights keep targets out of reach, this shows each
    of them, not only the largest. Of the waves whose counts are exact (_margin_counts)."""

    rows = []
    for wave, scheme, dims, counted in _margin_counts(codebook, db):
        for dim in dims:
            part = counted[counted["split"] == dim]
            goal = dimension_targets(dim, part["group"], part["n"], codebook)
            names = labels(codebook[dim], lang)
            for option, n, w_n in zip(part["group"], part["n"], part["w_n"]):
                reached = w_n / part["w_n"].sum()
                rows.append({"wave": wave, "weighting_scheme": t(f"weights_{scheme}", lang),
                             "margin_dimension": codebook[dim].title[lang], "margin_option": names[option],
                             "margin_sample": format_pct(100 * n / part["n"].sum(), lang),
                             "margin_target": format_pct(100 * goal[option], lang),
                             "margin_weighted": format_pct(100 * reached, lang),
                             "margin_gap": gap(100 * (reached - goal[option]), lang)})
    frame = pd.DataFrame(rows, columns=["wave", "weighting_scheme", "margin_dimension", "margin_option",
                                        "margin_sample", "margin_target", "margin_weighted", "margin_gap"])
    if frame["wave"].nunique() <= 1 and len(wave_table(db)) <= 1:
        frame = frame.drop(columns="wave")
    return frame.rename(columns=lambda c: t(c, lang))


def target_sentence(dimension: str, own: list[tuple[str, float]], shared: list[tuple[str, float, float]],
                    lang: str) -> str:
    """Why a dimension's targets are not the population's shares, in a sentence: the options the population
    has no figures for (gender "not stated") keep their share of the sample (`own`: label and share), and the
    others share the rest in the population's proportions (`shared`: label, population share, target). Shares
    as proportions."""

    rest = 1 - sum(share for _, share in own)
    items = [t("weighting_target_item", lang, label=label, population=format_pct(100 * population, lang),
               rest=format_pct(100 * rest, lang), target=format_pct(100 * target, lang))
             for label, population, target in shared]
    groups = "; ".join(t("represented_group_share", lang, label=label, share=format_pct(100 * share, lang))
                       for label, share in own)
    return t("weighting_target_note", lang, dimension=dimension, groups=groups, rest=format_pct(100 * rest, lang),
             items="; ".join(items))


def weighting_target_notes(lang: str, codebook, db=None) -> list[str]:
    """A target_sentence for each dimension of a weighted scheme (and wave, with several) where an option
    without population figures was answered: what the table of every target (weighting_margins) shows, from
    the same counts."""

    notes, seen = [], set()
    several = len(wave_table(db)) > 1
    for wave, scheme, dims, counted in _margin_counts(codebook, db):
        for dim in dims:
            population = population_shares(dim, codebook)
            part = counted[counted["split"] == dim]
            own = [(o, n) for o, n in zip(part["group"], part["n"]) if o not in population and n > 0]
            if not own or (wave, dim) in seen:
                continue
            seen.add((wave, dim))  # two schemes on the same dimension have the same targets: said once
            goal, names = dimension_targets(dim, part["group"], part["n"], codebook), labels(codebook[dim], lang)
            present = sum(population[o] for o in population if o in goal)  # the proportions among those answered
            title = codebook[dim].title[lang] + (f" ({wave})" if several else "")
            shared = [(names[o], population[o] / present, goal[o]) for o in population if o in goal]
            notes.append(target_sentence(title, [(names[o], n / part["n"].sum()) for o, n in own], shared, lang))
    return notes


REPRESENTED_POINTS = 3  # a group of the sample differs from the population by this many points or more ...
# ... and the population's share lies outside the sample share's confidence interval: over- or under-represented


def representation(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Who is over- and under-represented in a composition chart (survey.analysis.results.composition: rows of group
    "sample" and "population", with option, option_label, pct, ci_low and ci_high). An option the population
    has no figures for (gender "not stated") is set aside, and the population's shares are scaled to the rest
    of the sample, as the weighting's targets are: its share of the population, times the share of the sample
    in options the population has. A group is over-represented where its sample share is at least
    REPRESENTED_POINTS above that and the interval drawn lies above it; under-represented the other way.
    Returns the compared options (option, label, sample, ci_low, ci_high, population, expected, difference,
    verdict: 1 over, -1 under, 0 neither), in the order drawn, and the options set aside (option, label, sample)."""
    sample = frame[frame["group"] == "sample"]
    population = dict(zip(frame.loc[frame["group"] == "population", "option"],
                          frame.loc[frame["group"] == "population", "pct"]))
    aside = sample[~sample["option"].isin(population)]
    compared = sample[sample["option"].isin(population)]
    scale = (100 - aside["pct"].sum()) / 100
    table = pd.DataFrame({"option": compared["option"].to_numpy(), "label": compared["option_label"].to_numpy(),
                          "sample": compared["pct"].to_numpy(dtype=float),
                          "ci_low": compared["ci_low"].to_numpy(dtype=float),
                          "ci_high": compared["ci_high"].to_numpy(dtype=float),
                          "population": [float(population[o]) for o in compared["option"]]})
    table["expected"] = table["population"] * scale
    table["difference"] = table["sample"] - table["expected"]
    over = (table["difference"] >= REPRESENTED_POINTS) & (table["expected"] < table["ci_low"])
    under = (table["difference"] <= -REPRESENTED_POINTS) & (table["expected"] > table["ci_high"])
    table["verdict"] = over.astype(int) - under.astype(int)
    return table, pd.DataFrame({"option": aside["option"].to_numpy(), "label": aside["option_label"].to_numpy(),
                                "sample": aside["pct"].to_numpy(dtype=float)})


def representation_sentence(frame: pd.DataFrame, lang: str) -> str:
    """What a composition chart shows, in sentences (representation says the rule): the options set aside and
    what the rest is compared with, the groups over- and under-represented with both shares, or that no group
    differs by REPRESENTED_POINTS points, or that those that do lie within the intervals."""

    table, aside = representation(frame)
    parts = []
    if len(aside) and aside["sample"].sum() > 0:
        groups = "; ".join(t("represented_group_share", lang, label=label, share=format_pct(share, lang))
                           for label, share in zip(aside["label"], aside["sample"]))
        parts.append(t("represented_aside", lang, groups=groups, rest=format_pct(100 - aside["sample"].sum(), lang)))

    def listed(rows: pd.DataFrame) -> str:
        return "; ".join(t("represented_group", lang, label=label, sample=format_pct(sample, lang),
                           population=format_pct(expected, lang))
                         for label, sample, expected in zip(rows["label"], rows["sample"], rows["expected"]))

    over, under = table[table["verdict"] > 0], table[table["verdict"] < 0]
    if len(over):
        parts.append(t("represented_over", lang, groups=listed(over)))
    if len(under):
        parts.append(t("represented_under_too" if len(over) else "represented_under", lang, groups=listed(under)))
    if not len(over) and not len(under):
        unclear = (table["difference"].abs() >= REPRESENTED_POINTS).any()
        parts.append(t("represented_unclear" if unclear else "represented_none", lang, points=REPRESENTED_POINTS))
    return " ".join(parts)


def profile_sentence(frames: dict[str, pd.DataFrame], codebook, lang: str) -> str | None:
    """The known weakness of who answered, from the composition charts drawn ({dimension: its frame}): the
    dimensions in which some group is over- or under-represented (representation), or None where none is."""

    differ = [codebook[dim].title[lang] for dim, frame in frames.items()
              if (representation(frame)[0]["verdict"] != 0).any()]
    if not differ:
        return None
    named = [title[0].lower() + title[1:] if title[1:2].islower() else title for title in differ]
    return t("weakness_profile", lang, dimensions=word_list(named, lang))


def perturbation_waves(lang: str, db=None) -> str:
    """Which waves' counts have noise and which are exact (survey.stats.protection), in a sentence."""

    table = wave_table(db)
    exact = set(counts.exact_waves(db))
    if not exact:
        return t("perturbation_all", lang)
    if exact >= set(table["wave"]):
        made = table["reconstructed"].all()
        return t("perturbation_reconstructed_only" if made else "perturbation_none", lang)
    named = [t("perturbation_reconstructed", lang, wave=w) if r else w
             for w, r in zip(table["wave"], table["reconstructed"]) if w in exact]
    noisy = [w for w in table["wave"] if w not in exact]
    return t("perturbation_waves", lang, perturbed=", ".join(noisy), exact=", ".join(named))


def perturbation_text(lang: str, min_group: int) -> str:
    """What the noise is and what it does to differences of counts (survey.stats.protection), in the language."""

    offsets = [f"{o:+d}".replace("-", "\u2212") if o else "0" for o in protection.OFFSETS.tolist()]
    chances = [format_pct(100 * c, lang, 0) for c in protection.CHANCES.tolist()]
    ways = protection.difference_chances(2)
    one = ways[1] + ways[-1]
    sd = f"{protection.VARIANCE ** 0.5:.1f}"
    return t("perturbation_text", lang, offsets=", ".join(offsets), chances=", ".join(chances),
             sd=sd.replace(".", ",") if lang == "nb" else sd, exact=format_pct(100 * ways[0], lang, 0),
             one=format_pct(100 * one, lang, 0), more=format_pct(100 * (1 - ways[0] - one), lang, 0),
             min=min_group)


def perturbation_effect(lang: str, level: float) -> pd.DataFrame:
    """The half-width of the interval of a share near 50 % on a few bases, from sampling alone and with the
    noise's variance added (survey.stats.protection.interval_half_widths), as a table in the language."""

    def points(value: float) -> str:
        text = f"±{value:.1f}"
        return text.replace(".", ",") if lang == "nb" else text

    rows = []
    for base in (10, 30, 100, 300, 1000):
        sampling, widened = protection.interval_half_widths(base, 0.5, level)
        rows.append({t("perturbation_base", lang): format_number(base, lang),
                     t("perturbation_sampling", lang): points(sampling), t("perturbation_with", lang): points(widened)})
    return pd.DataFrame(rows)
