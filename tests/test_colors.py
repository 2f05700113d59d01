"""The group colours stay apart for everyone: CIEDE2000 distances in normal vision and under simulated
deuteranopia, protanopia and tritanopia (Machado 2009, severity 1), computed with coloraide as an
independent reference, and each colour is the published one its source names."""
import itertools

import pytest
from coloraide import Color

from survey import colors, results
from survey.colors import PALETTE, POPULATION, PRIMARY, SOURCES
from survey.state import View

VISIONS = ("normal", "deutan", "protan", "tritan")
# The published schemes, as their authors give them (Tol: personal.sron.nl/~pault; Okabe & Ito: jfly).
PUBLISHED = {
    "Tol bright": {"blue": "#4477aa", "cyan": "#66ccee", "green": "#228833", "yellow": "#ccbb44", "red": "#ee6677",
                   "purple": "#aa3377", "grey": "#bbbbbb"},
    "Tol vibrant": {"blue": "#0077bb", "cyan": "#33bbee", "teal": "#009988", "orange": "#ee7733", "red": "#cc3311",
                    "magenta": "#ee3377", "grey": "#bbbbbb"},
    "Tol muted": {"indigo": "#332288", "cyan": "#88ccee", "teal": "#44aa99", "green": "#117733", "olive": "#999933",
                  "sand": "#ddcc77", "rose": "#cc6677", "wine": "#882255", "purple": "#aa4499"},
    "Tol medium-contrast": {"light yellow": "#eecc66", "light red": "#ee99aa", "light blue": "#6699cc",
                            "dark yellow": "#997700", "dark red": "#994455", "dark blue": "#004488"},
    "Tol light": {"light blue": "#77aadd", "light cyan": "#99ddff", "mint": "#44bb99", "pear": "#bbcc33",
                  "olive": "#aaaa00", "light yellow": "#eedd88", "orange": "#ee8866", "pink": "#ffaabb"},
    "Okabe-Ito": {"black": "#000000", "orange": "#e69f00", "sky blue": "#56b4e9", "bluish green": "#009e73",
                  "yellow": "#f0e442", "blue": "#0072b2", "vermillion": "#d55e00", "reddish purple": "#cc79a7"},
}
SAFE = 8  # the first SAFE colours are apart in every vision: every dimension but industry has at most 8 groups


def seen(color: str, vision: str) -> Color:
    return Color(color) if vision == "normal" else Color(color).filter(vision, method="machado").clip()


def distance(a: str, b: str, vision: str) -> float:
    return seen(a, vision).delta_e(seen(b, vision), method="2000")


def hue_family(color: str) -> str | None:
    """"red" (magenta-red to orange-red) or "green" (yellow-green to teal) by CIE LCh hue, where the colour has
    chroma enough to read as either."""
    _, chroma, hue = Color(color).convert("lch-d65").coords()
    if chroma < 20:
        return None
    if hue >= 345 or hue < 60:
        return "red"
    return "green" if 105 <= hue < 185 else None


def test_each_colour_is_the_published_one_its_source_names():
    assert len(PALETTE) >= 12 and len(set(PALETTE)) == len(PALETTE) and set(SOURCES) == set(PALETTE)
    for color in PALETTE:
        scheme, name = SOURCES[color].split(": ")
        assert PUBLISHED[scheme][name] == color, SOURCES[color]


@pytest.mark.parametrize("vision", VISIONS)
def test_the_first_eight_are_apart_in_every_vision(vision):
    for a, b in itertools.combinations(PALETTE[:SAFE], 2):
        assert distance(a, b, vision) >= 15, (a, b, vision)


@pytest.mark.parametrize("vision, least", [("normal", 15), ("deutan", 8.5), ("protan", 8.5), ("tritan", 8.5)])
def test_all_twelve_are_apart_in_normal_vision_and_not_alike_in_the_others(vision, least):
    for a, b in itertools.combinations(PALETTE, 2):
        assert distance(a, b, vision) >= least, (a, b, vision)


@pytest.mark.parametrize("vision", VISIONS)
def test_neighbours_are_apart_in_every_vision(vision):
    for a, b in zip(PALETTE, PALETTE[1:]):
        assert distance(a, b, vision) >= 15, (a, b, vision)


def test_no_red_beside_a_green():
    assert {hue_family("#cc3311"), hue_family("#228833")} == {"red", "green"}  # the families as meant
    for a, b in zip(PALETTE, PALETTE[1:]):
        assert {hue_family(a), hue_family(b)} != {"red", "green"}, (a, b)


@pytest.mark.parametrize("vision", VISIONS)
def test_the_selection_and_the_population_are_apart(vision):
    assert distance(PRIMARY, POPULATION, vision) >= 15


def test_the_whole_selection_colour_is_no_group_colour():
    assert colors.group_color(0) == PRIMARY and PRIMARY not in PALETTE and POPULATION not in PALETTE
    assert [colors.group_color(p) for p in range(1, 13)] == list(PALETTE)


def test_significance_is_told_by_an_arrow_not_by_colour_alone(seed_db, codebook):
    frame = results.shares("private_use", View(by="age_group"), codebook, db=seed_db).frame
    marked = frame[frame["direction"] != 0]
    assert not marked.empty
    for row in marked.itertuples():
        assert row.label_text.endswith(" ▲" if row.direction > 0 else " ▼") and row.note_text
