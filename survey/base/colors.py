"""One colour per group, the same on every page and in every export.

The group colours are taken from published colour-blind-safe schemes, unchanged: Paul Tol's schemes
(https://personal.sron.nl/~pault/, "Colour Schemes", SRON/EPS/TN/09-002; his qualitative sets, and single
colours of his discrete rainbow, iridescent and YlOrBr schemes) and Okabe & Ito's "Color Universal Design"
(https://jfly.uni-koeln.de/color/). SOURCES names the scheme and the colour's name or number in it. They were
chosen, and are kept (tests/test_colors.py), by their CIEDE2000 distance in normal vision and as people with
deuteranopia, protanopia and tritanopia see them (the simulation of Machado, Oliveira and Fernandes 2009,
severity 1), and by their distance from the white page (at least 13.9 in every vision, so that every bar
shows).

Two palettes, by how many groups the split has (a group keeps its colour wherever its split is drawn):

- FEW, for splits of up to 8 groups (gender, age, role, size, region, waves): 8 colours at least 15 apart in
  all four visions (smallest: 22.7 normal, 16.4 deutan, 15.8 protan, 17.8 tritan), bright ones first;
- MANY, for splits of 9 or more (industry's 11): its first 11 are at least 15 apart in all four visions
  (found by searching every set of colours from the schemes above: 11 is the most there are; sets of 12
  exist only with colours so pale that they barely stand out from the page, under 13 from white in some
  vision). Lightness alternates along it, so that bars side by side differ in light as well as hue, which
  each dichromatic vision keeps. A 12th colour (black, at least 11.9 from the others in every vision) is for
  splits of 12 groups; beyond that the colours repeat.
- In both, neighbours (groups side by side in a bar cluster and the legend) are never a red and a green.

A group is never told by its colour alone: within each answer the bars stand in the legend's order, and the
tooltip and the screen reader's text name the group. Significance is told by the arrows (▲ ▼) and in words,
the colour of the label repeats it.

PRIMARY (the whole selection) is drawn with no group colour; beside it only POPULATION (the method page), at
least 28 apart from it in all four visions.
"""

PRIMARY = "#1f5f8b"  # the whole selection
POPULATION = "#9aa5b1"  # the population beside the sample
FEW = ("#0077bb", "#ee3377", "#997700", "#33bbee", "#bbcc33", "#332288", "#ffaabb", "#000000")
MANY = ("#1965b0", "#d55e00", "#222255", "#bbcc33", "#684957", "#99ddff", "#42150a", "#ee99aa", "#993404",
        "#9b8ac4", "#009e73", "#000000")
SAFE = 11  # the first SAFE colours of MANY are apart in every vision
SOURCES = {
    "#0077bb": "Tol vibrant: blue",
    "#ee3377": "Tol vibrant: magenta",
    "#997700": "Tol medium-contrast: dark yellow",
    "#33bbee": "Tol vibrant: cyan",
    "#bbcc33": "Tol light: pear",
    "#332288": "Tol muted: indigo",
    "#ffaabb": "Tol light: pink",
    "#000000": "Okabe-Ito: black",
    "#1965b0": "Tol discrete rainbow: 10",
    "#d55e00": "Okabe-Ito: vermillion",
    "#222255": "Tol dark: dark blue",
    "#684957": "Tol iridescent: 22",
    "#99ddff": "Tol light: light cyan",
    "#42150a": "Tol discrete rainbow: 29",
    "#ee99aa": "Tol medium-contrast: light red",
    "#993404": "Tol YlOrBr: 8",
    "#9b8ac4": "Tol iridescent: 17",
    "#009e73": "Okabe-Ito: bluish green",
}


def group_color(position: int, groups: int = len(FEW)) -> str:
    """PRIMARY for the whole selection (position 0), else fixed by the group's position in the codebook among
    the `groups` of its split, so "Kvinne" is the same colour wherever gender splits a chart."""
    if position == 0:
        return PRIMARY
    palette = FEW if groups <= len(FEW) else MANY
    return palette[(position - 1) % len(palette)]
