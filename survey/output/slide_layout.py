"""Where things go on a slide of a deck (survey.output.slides): the slide's measures, the lines a text takes and
the height its box needs, the title's, footer's and body's boxes, and a chart's layout (Shape, chart_layout,
fitted), its legend's rows, and how many answers a slide holds, so that a chart is split over as many slides
as its bars need (chart_parts, split_evenly). Numbers only: nothing here draws.
"""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, replace

import pandas as pd
from pptx.util import Inches, Pt

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
SIDE, TOP, BOTTOM, GAP = Inches(0.5), Inches(0.3), Inches(0.2), Inches(0.12)
INSET_X, INSET_Y = Inches(0.05), Inches(0.03)
BULLET = Inches(0.3)  # the indent of a bulleted paragraph

# A character's width and a line's height, in ems, for the lines a text takes. Calibri (the default theme's
# font) averages about half an em a character; 0.6 allows for capitals, digits and a wider fallback font.
CHAR, BOLD, LINE = 0.6, 1.08, 1.2
TITLE_SIZES, CAPTION_SIZES, FOOTER_SIZE = (28, 24, 20), (12, 11, 10), 10
MIN_CHART = Inches(2.5)

# The chart: text sizes in points (the answers' labels at the first of AXIS_SIZES that fits), the gap between
# clusters (percent of a bar), the thinnest bar whose label (the smallest of LABEL_SIZES, a line of LINE ems)
# can be read without touching its neighbours', and the thickest that still looks like a bar.
AXIS_SIZE, AXIS_SIZES, LABEL_SIZES, GAP_WIDTH, MAX_BAR = 14, (14, 12), (14, 12, 11, 10, 9, 8), 40, 56
MIN_BAR = LABEL_SIZES[-1] * LINE
LABEL_GAP = 4  # points between an interval's end and the share written past it
LEGEND_GAP = 12  # points between one legend entry and the next


# --- text and its boxes

def points(emu: int) -> float:
    return emu / 12700


def per_line(size: float, width: int, bold: bool = False) -> int:
    """How many characters a line `width` wide (EMU, the box's insets taken off) holds at `size` points."""
    return max(1, int(points(width - 2 * INSET_X) / (size * CHAR * (BOLD if bold else 1))))


def lines(text: str, size: float, width: int, bold: bool = False) -> int:
    """The lines `text` takes at `size` points in a box `width` wide, wrapped at words."""
    most = per_line(size, width, bold)
    return sum(len(textwrap.wrap(part, most)) or 1 for part in text.split("\n"))


def height(paragraphs, size: float, width: int, bold: bool = False, space: float = 0, indent: int = 0) -> int:
    """The height (EMU) a box `width` wide needs for `paragraphs` at `size` points, `space` points between
    them, each `indent` in from the box's left edge."""
    count = sum(lines(p, size, width - indent, bold) for p in paragraphs)
    return math.ceil((count * size * LINE + space * max(0, len(paragraphs) - 1)) * 12700) + 2 * INSET_Y


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height


def full_width(top: int, height_: int) -> Box:
    return Box(SIDE, top, WIDTH - 2 * SIDE, height_)


def title_box(title: str) -> tuple[Box, int]:
    """The title at the largest size that keeps it to two lines (the smallest, with as many as it needs)."""
    width = WIDTH - 2 * SIDE
    size = next((s for s in TITLE_SIZES if lines(title, s, width, bold=True) <= 2), TITLE_SIZES[-1])
    return full_width(TOP, height([title], size, width, bold=True)), size


def footer_box(footer: str) -> Box:
    needed = height([footer], FOOTER_SIZE, WIDTH - 2 * SIDE)
    return full_width(HEIGHT - BOTTOM - needed, needed)


def body_room(heading: Box, footer: str) -> Box:
    """The room between a slide's title and its footer."""
    top = heading.bottom + GAP * 2
    return full_width(top, footer_box(footer).top - GAP - top)


# --- chart slides

@dataclass(frozen=True)
class Layout:
    title: Box
    title_size: int
    chart: Box
    caption: Box
    caption_size: int
    footer: Box


def chart_layout(title: str, caption: tuple[str, ...], footer: str, caption_size: int | None = None) -> Layout:
    """Title at the top, footer at the foot, the caption above the footer, and the chart (with its legend, see
    with_legend) in what is left. The caption at `caption_size`, or at the largest of CAPTION_SIZES that leaves
    the chart MIN_CHART."""
    heading, title_size = title_box(title)
    foot = footer_box(footer)
    width = WIDTH - 2 * SIDE
    for size in [caption_size] if caption_size else CAPTION_SIZES:
        needed = height(caption, size, width)
        if foot.top - GAP - needed - GAP - (heading.bottom + GAP) >= MIN_CHART:
            break
    caption_box = full_width(foot.top - GAP - needed, needed)
    chart = full_width(heading.bottom + GAP, max(caption_box.top - GAP - heading.bottom - GAP, Inches(1)))
    return Layout(heading, title_size, chart, caption_box, size, foot)


def with_legend(layout: Layout, shape: "Shape") -> tuple[Box | None, Layout]:
    """The legend's box at the top of the chart's room, and the layout with the chart below it; no legend
    for a single group."""
    if not shape.compared:
        return None, layout
    tall = legend_rows(shape, layout.chart.width) * legend_row(shape) + 2 * INSET_Y
    legend = replace(layout.chart, height=tall)
    chart = replace(layout.chart, top=legend.bottom, height=layout.chart.height - tall)
    return legend, replace(layout, chart=chart)


def fitted(layout: Layout, shape: "Shape") -> Layout:
    """The chart no taller than its bars need at MAX_BAR points each, and the caption right under it."""
    extra = int(shape.plot(layout.chart).height - Pt(MAX_BAR * len(shape.options) * shape.slot_bars))
    if extra <= 0:
        return layout
    chart = replace(layout.chart, height=layout.chart.height - extra)
    return replace(layout, chart=chart, caption=replace(layout.caption, top=chart.bottom + GAP))


def chart_parts(frame: pd.DataFrame, title: str, caption: tuple[str, ...], footer: str,
                continued) -> tuple[list[list[int]], int, int]:
    """The answers of each slide of the chart of `frame` (split_evenly by how many a slide holds), the
    caption's size and the size of the answers' labels: the fewest slides, then the larger labels, then the
    larger caption."""
    shape = Shape.of(frame)
    tried = []
    for axis_size in AXIS_SIZES:
        sized = replace(shape, axis_size=axis_size)
        for size in CAPTION_SIZES:
            held = capacity(sized, title, caption, footer, size)
            if held < len(shape.options):  # continued: the slides' titles are longer
                held = capacity(sized, continued(title, 9, 9), caption, footer, size)
            tried.append((len(split_evenly(shape.options, held)), -axis_size, -size, held))
    _, axis_size, size, held = min(tried)
    return split_evenly(shape.options, held), -size, -axis_size


def capacity(shape: "Shape", title: str, caption: tuple[str, ...], footer: str, caption_size: int) -> int:
    """How many answers a slide titled `title` holds with every bar at least MIN_BAR points thick and every
    answer's label room for its lines."""
    box = with_legend(chart_layout(title, caption, footer, caption_size), shape)[1].chart
    return int(points(shape.plot(box).height) // shape.slot_needed(box))


def split_evenly(options: list, most: int) -> list[list]:
    """`options` in as few parts as hold at most `most` each, the parts' sizes differing by one at most; but
    never a part of one answer where there are several: a slide of one answer says nothing a part before it
    could not, so that part takes an answer more than fits (its bars a little thinner) instead."""
    count = math.ceil(len(options) / max(1, most))
    count = max(1, min(count, len(options) // 2))
    each, extra = divmod(len(options), count)
    sizes = [each + (1 if i < extra else 0) for i in range(count)]
    starts = [sum(sizes[:i]) for i in range(count)]
    return [options[start:start + size] for start, size in zip(starts, sizes)]


@dataclass(frozen=True)
class Shape:
    """What the layout of a chart depends on: its answers (ids and labels, in the page's order), its groups
    (labels and colours, in the codebook's order) and the longest label at a bar."""

    options: list[int]  # the answers by their rank: one answer of a trend chart is one question's option
    option_labels: list[str]
    groups: list[str]
    group_labels: list[str]
    colors: list[str]
    longest_label: int
    axis_size: int = AXIS_SIZE

    @classmethod
    def of(cls, frame: pd.DataFrame) -> "Shape":
        options = frame.sort_values("option_rank").drop_duplicates("option_rank")
        groups = frame.drop_duplicates("group").sort_values("group_position")
        return cls(options["option_rank"].tolist(), options["option_label"].tolist(), groups["group"].tolist(),
                   groups["group_label"].tolist(), groups["color"].tolist(),
                   max(len(text) for text in frame["label_text"]))

    @property
    def compared(self) -> bool:
        return self.groups != ["all"]

    def label_room(self, box: Box) -> int:
        """The width left of the plot for the answers' labels: the longest, up to a quarter of the chart (a
        longer one wraps)."""
        longest = max(len(label) for label in self.option_labels)
        return min(int(Pt(longest * self.axis_size * CHAR + 12)), box.width // 4)

    @property
    def legend_size(self) -> int:
        return 12 if len(self.groups) <= 4 else 10

    def plot(self, box: Box) -> Box:
        """The plot (the bars alone) within the chart `box`, relative to it: the answers' labels to its left,
        room for the labels past the longest interval to its right, the axis below. (The legend is above the
        chart, not in it.)"""
        left = self.label_room(box)
        right = int(Pt(self.longest_label * LABEL_SIZES[0] * CHAR + LABEL_GAP + 8))
        width = box.width - left - right
        top = int(Pt(8))
        bottom = int(Pt(AXIS_SIZE * LINE + 12))
        return Box(left, top, width, box.height - top - bottom)

    @property
    def slot_bars(self) -> float:
        """How many bars' thickness one answer takes: its groups' bars and the gap to the next answer."""
        return len(self.groups) + GAP_WIDTH / 100

    def bar(self, plot: Box) -> float:
        """How thick a bar is, in points, in `plot`."""
        return points(plot.height) / (len(self.options) * self.slot_bars)

    def slot_needed(self, box: Box) -> float:
        """The height (points) one answer needs in the chart `box`: its bars at MIN_BAR, and its label's
        lines."""
        label_lines = max(lines(label, self.axis_size, self.label_room(box)) for label in self.option_labels)
        return max(MIN_BAR * self.slot_bars, label_lines * self.axis_size * LINE + 4)


def label_size(bar: float) -> int:
    """The largest of LABEL_SIZES whose line fits in a bar `bar` points thick, so that the shares of
    neighbouring bars do not touch (the smallest where none does)."""
    return next((s for s in LABEL_SIZES if s * LINE <= bar), LABEL_SIZES[-1])


# --- the legend

def legend_widths(shape: Shape) -> list[float]:
    """Each entry's width in points: its key, a space and its label (estimated as text boxes are, and a
    character more: a short label's estimate is the likeliest to fall short)."""
    size = shape.legend_size
    return [size + 4 + (len(label) + 1) * size * CHAR + 2 * points(INSET_X) for label in shape.group_labels]


def legend_places(shape: Shape, width: int) -> list[tuple[int, float]]:
    """Each entry's row and left edge (points), in the order of the groups: left to right, then the next
    row, as the bars run top down in each answer."""
    places, row, left = [], 0, 0.0
    for entry in legend_widths(shape):
        if left and left + entry > points(width):
            row, left = row + 1, 0.0
        places.append((row, left))
        left += entry + LEGEND_GAP
    return places


def legend_row(shape: Shape) -> int:
    """A row's height (EMU): an entry's text box with its insets, and a little air."""
    return int(Pt(shape.legend_size * LINE + 2)) + 2 * INSET_Y


def legend_rows(shape: Shape, width: int) -> int:
    return legend_places(shape, width)[-1][0] + 1 if shape.compared else 0
