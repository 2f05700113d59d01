"""The group colours stay apart for everyone: CIEDE2000 distances in normal vision and under simulated
deuteranopia, protanopia and tritanopia (Machado 2009, severity 1), computed with coloraide as an
independent reference, and each colour is the published one its source names."""
import itertools

import pytest
from coloraide import Color

from survey.analysis import results
from survey.base import colors
from survey.base.colors import FEW, MANY, POPULATION, PRIMARY, SAFE, SOURCES
from survey.model.filters import Filters
from survey.model.state import View

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
    "Tol dark": {"dark blue": "#222255", "dark cyan": "#225555", "dark green": "#225522", "dark yellow": "#666633",
                 "dark red": "#663333", "dark grey": "#555555"},
    # Tol's discrete rainbow and iridescent schemes by colour number, YlOrBr by step (1 lightest)
    "Tol discrete rainbow": {"10": "#1965b0", "29": "#42150a"},
    "Tol iridescent": {"17": "#9b8ac4", "22": "#684957"},
    "Tol YlOrBr": {"8": "#993404"},
    "Okabe-Ito": {"black": "#000000", "orange": "#e69f00", "sky blue": "#56b4e9", "bluish green": "#009e73",
                  "yellow": "#f0e442", "blue": "#0072b2", "vermillion": "#d55e00", "reddish purple": "#cc79a7"},
}


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
    assert len(FEW) == 8 and len(MANY) >= 12 and len(set(MANY)) == len(MANY) and len(set(FEW)) == len(FEW)
    assert set(SOURCES) == set(FEW) | set(MANY)
    for color in SOURCES:
        scheme, name = SOURCES[color].split(": ")
        assert PUBLISHED[scheme][name] == color, SOURCES[color]


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("palette", [FEW, MANY[:SAFE]], ids=["few", "many"])
def test_every_colour_of_a_split_up_to_eleven_groups_is_apart_in_every_vision(palette, vision):
    for a, b in itertools.combinations(palette, 2):
        assert distance(a, b, vision) >= 15, (a, b, vision)


@pytest.mark.parametrize("vision", VISIONS)
def test_the_twelfth_is_not_alike_any_other(vision):
    for a in MANY[:SAFE]:
        assert distance(a, MANY[SAFE], vision) >= 11.5, (a, vision)


@pytest.mark.parametrize("vision", VISIONS)
def test_every_bar_stands_out_from_the_page(vision):
    for color in set(FEW) | set(MANY):
        assert distance(color, "#ffffff", vision) >= 13.5, (color, vision)


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("palette", [FEW, MANY], ids=["few", "many"])
def test_neighbours_are_apart_in_every_vision(palette, vision):
    for a, b in zip(palette, palette[1:]):
        assert distance(a, b, vision) >= 15, (a, b, vision)


def test_neighbours_are_never_a_red_and_a_green():
    assert {hue_family("#cc3311"), hue_family("#228833")} == {"red", "green"}  # the families as meant
    for palette in (FEW, MANY):
        for a, b in zip(palette, palette[1:]):
            assert {hue_family(a), hue_family(b)} != {"red", "green"}, (a, b)


def test_industry_eleven_groups_are_told_apart_in_every_vision(seed_db, codebook):
    frame = results.shares("private_use", View(by="industry"), codebook, db=seed_db).frame
    shown = frame.drop_duplicates("group")["color"].tolist()
    assert len(shown) == 11 and len(set(shown)) == 11
    for vision in VISIONS:
        assert min(distance(a, b, vision) for a, b in itertools.combinations(shown, 2)) >= 15, vision


def test_a_split_keeps_its_colours_when_filters_thin_it_out(seed_db, codebook):
    whole = results.shares("private_use", View(by="industry"), codebook, db=seed_db).frame
    some = whole.drop_duplicates("group").nlargest(3, "base_n")
    thinned = results.shares("private_use", View(by="industry", filters=Filters({"industry": tuple(some["group"])})),
                             codebook, db=seed_db).frame
    kept = dict(zip(thinned["group"], thinned["color"]))
    assert len(kept) >= 2 and kept.items() <= dict(zip(whole["group"], whole["color"])).items()


@pytest.mark.parametrize("vision", VISIONS)
def test_the_selection_and_the_population_are_apart(vision):
    assert distance(PRIMARY, POPULATION, vision) >= 15


def test_the_whole_selection_colour_is_no_group_colour():
    assert colors.group_color(0) == colors.group_color(0, 11) == PRIMARY
    assert PRIMARY not in SOURCES and POPULATION not in SOURCES
    assert [colors.group_color(p, 3) for p in range(1, 4)] == list(FEW[:3])
    assert [colors.group_color(p, 11) for p in range(1, 12)] == list(MANY[:11])
    assert colors.group_color(9, 8) == FEW[0] and colors.group_color(13, 12) == MANY[0]  # beyond: they repeat


def test_significance_is_told_by_an_arrow_not_by_colour_alone(seed_db, codebook):
    frame = results.shares("private_use", View(by="age_group"), codebook, db=seed_db).frame
    marked = frame[frame["direction"] != 0]
    assert not marked.empty
    for row in marked.itertuples():
        assert row.label_text.endswith(" ▲" if row.direction > 0 else " ▼") and row.note_text
