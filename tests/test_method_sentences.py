"""The method page's sentences about who answered (survey/analysis/dataset.py): the rule for over- and under-represented
groups, the sentence under each composition chart, the weakness they add up to, and why a weighting target is
not the population's share."""
from __future__ import annotations

import pandas as pd
import pytest

from survey.analysis.method import (
    REPRESENTED_POINTS,
    profile_sentence,
    representation,
    representation_sentence,
    target_sentence,
)
from survey.model import codebook as cb
from survey.texts.i18n import t

CODEBOOK = cb.load()


def composition_frame(sample: list[tuple], population: list[tuple]) -> pd.DataFrame:
    """A composition chart's frame: sample rows (option, label, pct, ci_low, ci_high), population rows
    (option, label, pct)."""
    rows = [{"group": "sample", "option": o, "option_label": label, "pct": pct, "ci_low": low, "ci_high": high}
            for o, label, pct, low, high in sample]
    rows += [{"group": "population", "option": o, "option_label": label, "pct": pct, "ci_low": float("nan"),
              "ci_high": float("nan")} for o, label, pct in population]
    return pd.DataFrame(rows)


SIZES = composition_frame(
    [("a", "Small", 20.0, 17.0, 23.5), ("b", "Middle", 45.0, 41.0, 49.0), ("c", "Large", 35.0, 31.5, 38.6)],
    [("a", "Small", 50.0), ("b", "Middle", 44.0), ("c", "Large", 6.0)])


def test_a_group_is_over_or_under_represented_by_the_points_and_the_interval():
    table, aside = representation(SIZES)
    assert aside.empty
    assert list(table["verdict"]) == [-1, 0, 1]  # 30 points under, 1 point over, 29 over
    assert list(table["expected"]) == [50.0, 44.0, 6.0]
    assert representation_sentence(SIZES, "nb") == (
        "Overrepresentert blant dem som svarte: Large (35,0\u00a0% i utvalget, 6,0\u00a0% i befolkningen). "
        "Underrepresentert: Small (20,0\u00a0% i utvalget, 50,0\u00a0% i befolkningen).")
    assert representation_sentence(SIZES, "en") == (
        "Over-represented among those who answered: Large (35.0% in the sample, 6.0% in the population). "
        "Under-represented: Small (20.0% in the sample, 50.0% in the population).")


@pytest.mark.parametrize("difference, verdict", [(REPRESENTED_POINTS, 1), (REPRESENTED_POINTS - 0.01, 0),
                                                 (-REPRESENTED_POINTS, -1), (-REPRESENTED_POINTS + 0.01, 0)])
def test_the_points_are_a_threshold_of_their_own(difference, verdict):
    frame = composition_frame([("a", "A", 40.0 + difference, 40.0 + difference - 0.5, 40.0 + difference + 0.5),
                               ("b", "B", 60.0 - difference, 60.0 - difference - 0.5, 60.0 - difference + 0.5)],
                              [("a", "A", 40.0), ("b", "B", 60.0)])
    assert representation(frame)[0]["verdict"].tolist() == [verdict, -verdict]


def test_a_large_difference_inside_the_interval_is_not_called_a_difference():
    frame = composition_frame([("a", "A", 30.0, 18.0, 44.0), ("b", "B", 70.0, 56.0, 82.0)],
                              [("a", "A", 40.0), ("b", "B", 60.0)])  # a small selection: 10 points, wide intervals
    assert representation(frame)[0]["verdict"].tolist() == [0, 0]
    assert representation_sentence(frame, "nb") == (
        "Avvikene på 3 prosentpoeng eller mer ligger innenfor konfidensintervallene, så ingen gruppe er klart "
        "over- eller underrepresentert.")


def test_small_differences_are_said_to_be_small():
    frame = composition_frame([("a", "A", 41.0, 38.0, 44.0), ("b", "B", 59.0, 56.0, 62.0)],
                              [("a", "A", 40.0), ("b", "B", 60.0)])
    assert representation_sentence(frame, "nb") == (
        "Ingen gruppe avviker fra befolkningen med 3 prosentpoeng eller mer.")
    assert representation_sentence(frame, "en") == (
        "No group differs from the population by 3 percentage points or more.")


def test_an_option_without_population_figures_is_set_aside_and_the_population_scaled_to_the_rest():
    """The reconstruction's gender: 50.8 % men in the sample against 53.0 % in the population reads as fewer
    men, but 5.2 % did not state their gender: of the rest, men are 53.0 % x 94.8 % = 50.2 %, as the weighting's
    target, and the sample is close to it."""
    frame = composition_frame([("male", "Mann", 50.77, 47.40, 54.12), ("female", "Kvinne", 44.04, 40.73, 47.40),
                               ("not_stated", "Ikke oppgitt", 5.19, 3.89, 6.90)],
                              [("male", "Mann", 52.98), ("female", "Kvinne", 47.02)])
    table, aside = representation(frame)
    assert aside["option"].tolist() == ["not_stated"]
    assert table["expected"].tolist() == pytest.approx([52.98 * 0.9481, 47.02 * 0.9481])
    assert table["verdict"].tolist() == [0, 0]
    assert representation_sentence(frame, "nb") == (
        "Ikke oppgitt (5,2\u00a0%) finnes ikke i befolkningstallene; de andre gruppene sammenlignes med "
        "befolkningens andeler av de øvrige 94,8\u00a0%. Ingen gruppe avviker fra befolkningen med 3 prosentpoeng "
        "eller mer.")
    women = composition_frame([("male", "Male", 0.0, 0.0, 1.8), ("female", "Female", 100.0, 98.2, 100.0),
                               ("not_stated", "Not stated", 0.0, 0.0, 1.8)],
                              [("male", "Male", 52.98), ("female", "Female", 47.02)])  # a selection of women
    assert representation_sentence(women, "en") == (  # nobody set aside: nothing said of it
        "Over-represented among those who answered: Female (100.0% in the sample, 47.0% in the population). "
        "Under-represented: Male (0.0% in the sample, 53.0% in the population).")


def test_the_weakness_names_the_dimensions_where_some_group_differs():
    close = composition_frame([("a", "A", 41.0, 38.0, 44.0), ("b", "B", 59.0, 56.0, 62.0)],
                              [("a", "A", 40.0), ("b", "B", 60.0)])
    frames = {"company_size": SIZES, "region": close, "age_group": SIZES}
    assert profile_sentence(frames, CODEBOOK, "nb") == t(
        "weakness_profile", "nb", dimensions="bedriftens størrelse og alder")
    assert profile_sentence(frames, CODEBOOK, "en") == t("weakness_profile", "en", dimensions="company size and age")
    assert profile_sentence({"region": close}, CODEBOOK, "nb") is None  # nothing to say is said as nothing


def test_the_targets_of_an_option_without_population_figures_are_explained_with_their_numbers():
    sentence = target_sentence("Kjønn", [("Ikke oppgitt", 44 / 847)],
                               [("Mann", 0.5298, 0.5298 * 803 / 847), ("Kvinne", 0.4702, 0.4702 * 803 / 847)], "nb")
    assert sentence == ("Kjønn: Ikke oppgitt (5,2\u00a0%) finnes ikke i SSBs tall, så målet er andelen blant dem "
                        "som svarte; de andre gruppene deler resten, 94,8\u00a0%, i SSBs forhold: Mann 53,0\u00a0% "
                        "× 94,8\u00a0% = 50,2\u00a0%; Kvinne 47,0\u00a0% × 94,8\u00a0% = 44,6\u00a0%.")
    assert target_sentence("Gender", [("Not stated", 0.1)], [("Male", 0.5, 0.45), ("Female", 0.5, 0.45)], "en") == (
        "Gender: Not stated (10.0%) is not in SSB's figures, so its target is its share among those who answered; "
        "the other groups share the rest, 90.0%, in SSB's proportions: Male 50.0% × 90.0% = 45.0%; "
        "Female 50.0% × 90.0% = 45.0%.")
