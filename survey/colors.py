"""One colour per group, the same on every page and in every export.

The group colours are taken from published colour-blind-safe schemes, unchanged: Paul Tol's qualitative
schemes (https://personal.sron.nl/~pault/, "Colour Schemes", SRON/EPS/TN/09-002) and Okabe & Ito's
"Color Universal Design" (https://jfly.uni-koeln.de/color/). SOURCES names the scheme and the colour's name
in it. They were chosen, and are kept (tests/test_colors.py), by their CIEDE2000 distance in normal vision
and as people with deuteranopia, protanopia and tritanopia see them (the simulation of Machado, Oliveira and
Fernandes 2009, severity 1):

- the first 8 (every dimension but industry has at most 8 groups) are at least 15 apart in all four
  visions (smallest: 22.7 normal, 16.4 deutan, 15.8 protan, 17.8 tritan);
- all 12 are at least 15 apart in normal vision (15.0); under the simulations the 9th to 12th come closer to
  some of the first 8 (at least 8.5: 9.4 deutan, 9.1 protan, 8.8 tritan). Twelve colours 15 apart in all four
  visions do not exist among these schemes (at most 8 do); a search over all of sRGB found sets that barely
  reach 15, none of them a published scheme: each dichromatic vision has two dimensions of colour, not three.
  So the rule of 15 in every vision holds for dimensions of up to 8 groups, not for industry's 11;
- neighbours (groups side by side in a bar cluster and the legend) are at least 15 apart in all four
  visions, and a red is never next to a green.

A group is never told by its colour alone: within each answer the bars stand in the legend's order, and the
tooltip and the screen reader's text name the group. Significance is told by the arrows (▲ ▼) and in words,
the colour of the label repeats it.

PRIMARY (the whole selection) is drawn with no group colour; beside it only POPULATION (the method page), at
least 28 apart from it in all four visions.
"""

PRIMARY = "#1f5f8b"  # the whole selection
POPULATION = "#9aa5b1"  # the population beside the sample
PALETTE = ("#0077bb", "#ee3377", "#997700", "#33bbee", "#bbcc33", "#332288", "#ffaabb", "#000000",
           "#44aa99", "#aa4499", "#ee8866", "#882255")
SOURCES = {
    "#0077bb": "Tol vibrant: blue",
    "#ee3377": "Tol vibrant: magenta",
    "#997700": "Tol medium-contrast: dark yellow",
    "#33bbee": "Tol vibrant: cyan",
    "#bbcc33": "Tol light: pear",
    "#332288": "Tol muted: indigo",
    "#ffaabb": "Tol light: pink",
    "#000000": "Okabe-Ito: black",
    "#44aa99": "Tol muted: teal",
    "#aa4499": "Tol muted: purple",
    "#ee8866": "Tol light: orange",
    "#882255": "Tol muted: wine",
}


def group_color(position: int) -> str:
    """PRIMARY for the whole selection (position 0), else fixed by the group's position in the codebook, so
    "Kvinne" is the same colour wherever gender splits a chart."""
    return PRIMARY if position == 0 else PALETTE[(position - 1) % len(PALETTE)]
