"""PowerPoint decks of native charts: PowerPoint draws each chart from its numbers, so a reader can edit it,
restyle it, and hear it through a screen reader; no picture of a chart.

A deck is 16:9. A chart slide has the question as its title, a horizontal bar chart (one series per group,
in the group's colour, the share written at each bar in the language's format, the interval as error bars),
the caption under it and the selection, n and data notice in the footer. The layout is computed, not left to
PowerPoint: each text box is as tall as its text needs at its size (lines estimated from the characters a
line holds, erring towards more), and the chart takes the height that is left, so nothing overlaps. A chart
with more bars than its height can label (bars = answers × groups, each answer as tall as its label's lines)
is continued on the next slide, in parts as even as can be and never of a single answer. The legend is drawn
beside the chart rather than by it: renderers order a bar chart's own legend differently (LibreOffice lists
it bottom up), and a reader matches the legend to the bars by their order.

Pure python-pptx and openpyxl: no Streamlit, no queries.
"""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, replace
from io import BytesIO
from typing import Callable

import pandas as pd
from openpyxl import Workbook
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_MARK
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Inches, Pt

from survey.output.charts import DOWN, INTERVAL, TEXT, UP, description

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
GRID, AXIS_LINE, MUTED, FADED = "D9DDE3", "9AA5B1", "#55606B", 35  # FADED: opacity (%) of a bar on a low base
PERCENT = "0.0%"


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


# --- what a deck holds

@dataclass(frozen=True)
class Cover:
    """The first slide: the deck's title, what it is of, and lines such as the selection, n and the date."""

    title: str
    subtitle: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ChartSlide:
    """One chart: its title (the question), the frame of a results.Shares, the lines of its caption (base
    and n, weighting, notes: exports.About.lines after the selection), and, where there is no chart to show,
    the sentence said in its place (results.Shares.empty_text)."""

    title: str
    frame: pd.DataFrame
    lang: str
    caption: tuple[str, ...]
    empty: str | None = None


@dataclass(frozen=True)
class TextSlide:
    """A title and paragraphs, bulleted (findings, method); continued on more slides where they do not fit."""

    title: str
    paragraphs: tuple[str, ...]
    size: int = 18


def numbered(title: str, part: int, parts: int) -> str:
    return f"{title} ({part}/{parts})"


def deck(slides: list, *, footer: str, continued: Callable[[str, int, int], str] = numbered) -> bytes:
    """A 16:9 deck of `slides` (Cover, ChartSlide, TextSlide), `footer` (the selection, n and data notice) at
    the foot of every slide but the cover. `continued(title, part, parts)` titles each slide of a chart or
    text continued over several."""
    made = Presentation()
    made.slide_width, made.slide_height = WIDTH, HEIGHT
    for slide in slides:
        if isinstance(slide, Cover):
            add_cover(made, slide)
        elif isinstance(slide, ChartSlide) and slide.empty is None and not slide.frame.empty:
            add_chart_slides(made, slide, footer, continued)
        elif isinstance(slide, ChartSlide):
            add_text_slides(made, TextSlide(slide.title, (slide.empty or "",)), footer, continued, bullets=False)
        else:
            add_text_slides(made, slide, footer, continued)
    out = BytesIO()
    made.save(out)
    return out.getvalue()


# --- text boxes

def new_slide(made, title: str, box: Box, size: int):
    """A slide whose title is a real title placeholder (outline view, screen readers), moved to `box`:
    the default template lays it out for 4:3."""
    slide = made.slides.add_slide(made.slide_layouts[5])  # "Title Only"
    heading = slide.shapes.title
    heading.left, heading.top, heading.width, heading.height = box.left, box.top, box.width, box.height
    fill(heading, [title], size, bold=True)
    return slide


def text_box(slide, box: Box, paragraphs, size: float, *, name: str, bold: bool = False, color: str = TEXT,
             space: float = 0, bullets: bool = False):
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    shape.name = name
    return fill(shape, paragraphs, size, bold=bold, color=color, space=space, bullets=bullets)


def fill(shape, paragraphs, size: float, *, bold: bool = False, color: str = TEXT, space: float = 0,
         bullets: bool = False):
    """Each paragraph as one plain run (markup in survey text stays literal), at `size` points, single
    spaced, top-aligned, with the insets the heights were computed with, and never resized by PowerPoint."""
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = INSET_X
    frame.margin_top = frame.margin_bottom = INSET_Y
    for i, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.line_spacing, paragraph.alignment = 1.0, PP_ALIGN.LEFT
        paragraph.space_before, paragraph.space_after = Pt(space if i else 0), Pt(0)
        if bullets:
            bullet(paragraph)
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = RGBColor.from_string(color.lstrip("#"))
    return shape


def bullet(paragraph) -> None:
    """A bullet hanging in the indent BULLET (python-pptx has no API for it in a text box)."""
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", str(BULLET))
    pPr.set("indent", str(-BULLET))
    pPr.append(parse_xml(f'<a:buFont {nsdecls("a")} typeface="Arial"/>'))
    pPr.append(parse_xml(f'<a:buChar {nsdecls("a")} char="•"/>'))


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


def add_footer(slide, footer: str) -> None:
    text_box(slide, footer_box(footer), [footer], FOOTER_SIZE, name="Footer", color=MUTED)


# --- the cover

def add_cover(made, cover: Cover) -> None:
    width = WIDTH - 2 * SIDE
    title_size = next((s for s in (40, 32, 28) if lines(cover.title, s, width, bold=True) <= 2), 28)
    heading = full_width(Inches(1.6), height([cover.title], title_size, width, bold=True))
    slide = new_slide(made, cover.title, heading, title_size)
    sub = full_width(heading.bottom + GAP, height([cover.subtitle], 24, width))
    text_box(slide, sub, [cover.subtitle], 24, name="Subtitle", color=MUTED)
    body = full_width(sub.bottom + Inches(0.4), height(cover.lines, 16, width, space=6))
    text_box(slide, body, cover.lines, 16, name="Lines", space=6)


# --- text slides

def add_text_slides(made, slide: TextSlide, footer: str, continued, bullets: bool = True) -> None:
    """The paragraphs on as many slides as they need, each holding as many whole paragraphs as fit."""
    pages = paginate(slide, footer, bullets)
    for part, paragraphs in enumerate(pages, start=1):
        title = continued(slide.title, part, len(pages)) if len(pages) > 1 else slide.title
        heading, size = title_box(title)
        made_slide = new_slide(made, title, heading, size)
        room = body_room(heading, footer)
        text_size = body_size(paragraphs, slide.size, room, bullets)
        box = Box(room.left, room.top, room.width,
                  height(paragraphs, text_size, room.width, space=text_size / 2, indent=BULLET if bullets else 0))
        text_box(made_slide, box, paragraphs, text_size, name="Body", space=text_size / 2, bullets=bullets)
        add_footer(made_slide, footer)


def body_room(heading: Box, footer: str) -> Box:
    """The room between a slide's title and its footer."""
    top = heading.bottom + GAP * 2
    return full_width(top, footer_box(footer).top - GAP - top)


def paginate(slide: TextSlide, footer: str, bullets: bool) -> list[list[str]]:
    room = body_room(title_box(slide.title + " (9/9)")[0], footer)
    indent = BULLET if bullets else 0
    pages: list[list[str]] = [[]]
    for paragraph in slide.paragraphs:
        trial = [*pages[-1], paragraph]
        if pages[-1] and height(trial, slide.size, room.width, space=slide.size / 2, indent=indent) > room.height:
            pages.append([paragraph])
        else:
            pages[-1] = trial
    return pages


def body_size(paragraphs: list[str], size: int, room: Box, bullets: bool) -> float:
    """`size`, or smaller where one paragraph alone is more than a slide holds."""
    indent = BULLET if bullets else 0
    while size > 9 and height(paragraphs, size, room.width, space=size / 2, indent=indent) > room.height:
        size -= 1
    return size


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


def add_chart_slides(made, spec: ChartSlide, footer: str, continued) -> None:
    """The chart on one slide, or continued over as many as its bars need (each part a whole set of
    answers, with every group)."""
    parts, caption_size, axis_size = chart_parts(spec, footer, continued)
    for part, options in enumerate(parts, start=1):
        title = continued(spec.title, part, len(parts)) if len(parts) > 1 else spec.title
        frame = spec.frame[spec.frame["option_rank"].isin(options)]
        shape = replace(Shape.of(frame), axis_size=axis_size)
        legend, layout = with_legend(chart_layout(title, spec.caption, footer, caption_size), shape)
        layout = fitted(layout, shape)
        slide = new_slide(made, title, layout.title, layout.title_size)
        add_chart(slide, layout.chart, frame, spec.lang, title, axis_size)
        if legend is not None:
            add_legend(slide, legend, shape)
        text_box(slide, layout.caption, spec.caption, layout.caption_size, name="Caption")
        text_box(slide, layout.footer, [footer], FOOTER_SIZE, name="Footer", color=MUTED)


def fitted(layout: Layout, shape: "Shape") -> Layout:
    """The chart no taller than its bars need at MAX_BAR points each, and the caption right under it."""
    extra = int(shape.plot(layout.chart).height - Pt(MAX_BAR * len(shape.options) * shape.slot_bars))
    if extra <= 0:
        return layout
    chart = replace(layout.chart, height=layout.chart.height - extra)
    return replace(layout, chart=chart, caption=replace(layout.caption, top=chart.bottom + GAP))


def chart_parts(spec: ChartSlide, footer: str, continued) -> tuple[list[list[int]], int, int]:
    """The answers of each slide of the chart (split_evenly by how many a slide holds), the caption's size
    and the size of the answers' labels: the fewest slides, then the larger labels, then the larger caption."""
    shape = Shape.of(spec.frame)
    tried = []
    for axis_size in AXIS_SIZES:
        sized = replace(shape, axis_size=axis_size)
        for size in CAPTION_SIZES:
            held = capacity(sized, spec.title, spec.caption, footer, size)
            if held < len(shape.options):  # continued: the slides' titles are longer
                held = capacity(sized, continued(spec.title, 9, 9), spec.caption, footer, size)
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


def add_legend(slide, box: Box, shape: Shape):
    """The groups' keys and labels above the chart, in the order of the bars (a group of shapes named
    "Legend"; each label a text box, read by a screen reader in that order)."""
    group = slide.shapes.add_group_shape()
    group.name = "Legend"
    size, row_height = shape.legend_size, legend_row(shape)
    for (row, left), label_, color, width in zip(legend_places(shape, box.width), shape.group_labels,
                                                 shape.colors, legend_widths(shape)):
        top = box.top + INSET_Y + row * row_height
        key = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, box.left + Pt(left), top + INSET_Y + Pt(size * 0.2),
                                     Pt(size * 0.8), Pt(size * 0.8))
        key.name = "Legend key"
        key.fill.solid()
        key.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
        key.line.fill.background()
        entry = Box(box.left + Pt(left + size + 4), top, Pt(width - size - 4), row_height)
        text_box(group, entry, [label_], size, name="Legend entry").text_frame.word_wrap = False
    return group


def add_chart(slide, box: Box, frame: pd.DataFrame, lang: str, title: str, axis_size: int = AXIS_SIZE):
    """A clustered horizontal bar chart of the frame's shares: answers top down in the page's order, a series
    per group in its colour, low bases faded, each bar labelled with its share in the language's format (an
    arrow where it differs significantly), the interval as error bars, no legend of its own (add_legend), no
    title of its own (the slide's title is the question), and alt text that says what it shows."""
    shape = replace(Shape.of(frame), axis_size=axis_size)
    data = CategoryChartData(number_format=PERCENT)
    data.categories = shape.option_labels
    cells = frame.set_index(["group", "option_rank"])
    for group, label in zip(shape.groups, shape.group_labels):
        data.add_series(label, [share(cells, group, option) for option in shape.options])
    graphic = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, box.left, box.top, box.width, box.height, data)
    graphic.name = "Chart"
    chart = graphic.chart
    plot = shape.plot(box)
    style(chart, shape)
    size = label_size(shape.bar(plot))
    for series, group, color in zip(chart.plots[0].series, shape.groups, shape.colors):
        paint(series, cells, group, shape.options, color, size, plot.width / box.width, points(box.width))
    place_plot(chart, box, plot)
    chart.part.chart_workbook.update_from_xlsx_blob(workbook(shape, cells))
    graphic._element.nvGraphicFramePr.cNvPr.set("descr", alt_text(frame, lang, title))
    return graphic


def share(cells: pd.DataFrame, group: str, option: int) -> float | None:
    """The share as a fraction (PowerPoint's percent format), None where the group has no share of it."""
    return float(cells.loc[(group, option), "pct"]) / 100 if (group, option) in cells.index else None


def style(chart, shape: Shape) -> None:
    chart.has_title = False
    chart.font.size = Pt(AXIS_SIZE)
    chart.font.color.rgb = RGBColor.from_string(TEXT.lstrip("#"))
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width, plot.overlap, plot.vary_by_categories = GAP_WIDTH, 0, False
    answers = chart.category_axis
    answers.reverse_order = True  # PowerPoint draws the first answer at the bottom; the page reads top down
    # ...which would move the share axis to the top: it crosses the answers at the last one, now the lowest.
    # (python-pptx sets this only from the other axis' side.)
    chart.value_axis._element.find(qn("c:crosses")).set("val", "max")
    answers.major_tick_mark = XL_TICK_MARK.NONE
    answers.tick_labels.font.size = Pt(shape.axis_size)
    answers.format.line.color.rgb = RGBColor.from_string(AXIS_LINE)
    shares = chart.value_axis
    shares.minimum_scale, shares.maximum_scale, shares.major_unit = 0, 1, 0.1
    shares.tick_labels.number_format, shares.tick_labels.number_format_is_linked = "0%", False
    shares.tick_labels.font.size = Pt(AXIS_SIZE - 2)
    shares.tick_labels.font.color.rgb = RGBColor.from_string(MUTED.lstrip("#"))
    shares.major_tick_mark = XL_TICK_MARK.NONE
    shares.format.line.fill.background()
    shares.has_major_gridlines = True
    shares.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID)


def paint(series, cells: pd.DataFrame, group: str, options: list[int], color: str, size: int,
          offset_scale: float, chart_width: float) -> None:
    """The series' colour, and for each bar: faded on a low base, its label, its interval."""
    series.invert_if_negative = False
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
    plus, minus = {}, {}
    for i, option in enumerate(options):
        if (group, option) not in cells.index:
            continue
        row = cells.loc[(group, option)]
        if row["flag"] == "low_base":
            fade(series.points[i], color)
        label(series.points[i], row, size, offset_scale, chart_width)
        if pd.notna(row["ci_low"]) and pd.notna(row["ci_high"]):
            plus[i], minus[i] = (row["ci_high"] - row["pct"]) / 100, (row["pct"] - row["ci_low"]) / 100
    if plus:
        error_bars(series, len(options), plus, minus)
    no_leader_lines(series)


def fade(point, color: str) -> None:
    point.format.fill.solid()
    point.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
    rgb = point.format.fill._xPr.find(".//" + qn("a:srgbClr"))
    rgb.append(parse_xml(f'<a:alpha {nsdecls("a")} val="{FADED * 1000}"/>'))


def label(point, row: pd.Series, size: int, offset_scale: float, chart_width: float) -> None:
    """The share as text, as the language writes it ("22,7 %", "22.7%"), with the arrow of a significant
    difference, in green or red as on the page. Text rather than a number format: PowerPoint writes a
    number format in the viewer's locale, so an English deck would show "22,7%" in Norwegian Office and a
    Norwegian one "22.7%" in English Office. Moved past the interval's end by LABEL_GAP points (an offset
    in fractions of the chart's width: `offset_scale` is the plot's share of it), so the interval's cap never
    touches it."""
    data_label = point.data_label
    data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    frame = data_label.text_frame
    frame.text = str(row["label_text"])
    run = frame.paragraphs[0].runs[0]
    run.font.size = Pt(size)
    tone = UP if row["direction"] > 0 else DOWN if row["direction"] < 0 else TEXT
    run.font.color.rgb = RGBColor.from_string(tone.lstrip("#"))
    if pd.notna(row["ci_high"]) and row["ci_high"] > row["pct"]:
        past = (row["ci_high"] - row["pct"]) / 100 * offset_scale + LABEL_GAP / chart_width
        layout = parse_xml(f'<c:layout {nsdecls("c")}><c:manualLayout><c:x val="{past:.5f}"/><c:y val="0"/>'
                           f'</c:manualLayout></c:layout>')
        data_label._dLbl.find(qn("c:idx")).addnext(layout)


def no_leader_lines(series) -> None:
    """No line from a moved label to its bar (LibreOffice draws one unless told not to; PowerPoint reads the
    same Office 2012 extension)."""
    labels = series._element.find(qn("c:dLbls"))
    if labels is None:
        return
    labels.append(parse_xml(
        f'<c:extLst {nsdecls("c")}><c:ext uri="{{CE6537A1-D6FC-4f65-9D91-7224C49458BB}}" '
        'xmlns:c15="http://schemas.microsoft.com/office/drawing/2012/chart">'
        '<c15:showLeaderLines val="0"/></c:ext></c:extLst>'))


def error_bars(series, count: int, plus: dict[int, float], minus: dict[int, float]) -> None:
    """The interval of each bar as custom error bars (c:errBars, values given in the chart itself)."""
    def values(amounts: dict[int, float]) -> str:
        pts = "".join(f'<c:pt idx="{i}"><c:v>{v:.6f}</c:v></c:pt>' for i, v in sorted(amounts.items()))
        return f'<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{count}"/>{pts}</c:numLit>'

    bars = parse_xml(
        f'<c:errBars {nsdecls("c", "a")}><c:errBarType val="both"/><c:errValType val="cust"/>'
        f'<c:noEndCap val="0"/><c:plus>{values(plus)}</c:plus><c:minus>{values(minus)}</c:minus>'
        f'<c:spPr><a:ln w="12700"><a:solidFill><a:srgbClr val="{INTERVAL.lstrip("#")}"/></a:solidFill></a:ln>'
        f'</c:spPr></c:errBars>')
    series._element.find(qn("c:cat")).addprevious(bars)


def place_plot(chart, box: Box, plot: Box) -> None:
    """The plot where the layout put it, so the labels' offsets are right."""
    def manual(target: Box) -> str:
        fractions = (target.left / box.width, target.top / box.height, target.width / box.width,
                     target.height / box.height)
        x, y, w, h = (f"{v:.5f}" for v in fractions)
        return (f'<c:layout {nsdecls("c")}><c:manualLayout><c:layoutTarget val="inner"/>'
                '<c:xMode val="edge"/><c:yMode val="edge"/>'
                f'<c:x val="{x}"/><c:y val="{y}"/><c:w val="{w}"/><c:h val="{h}"/></c:manualLayout></c:layout>')

    area = chart._chartSpace.chart.plotArea
    area.insert(0, parse_xml(manual(plot)))


def workbook(shape: Shape, cells: pd.DataFrame) -> bytes:
    """The chart's data as PowerPoint opens it for editing, laid out as python-pptx laid it out (answers down
    column A, a column per group). Written here because python-pptx's writer makes a formula of any text
    that starts with "=": here every label is stored as text."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for c, label_ in enumerate(shape.group_labels, start=2):
        sheet.cell(1, c, label_).data_type = "s"
    for r, (option, label_) in enumerate(zip(shape.options, shape.option_labels), start=2):
        sheet.cell(r, 1, label_).data_type = "s"
        for c, group in enumerate(shape.groups, start=2):
            value = share(cells, group, option)
            if value is not None:
                sheet.cell(r, c, value).number_format = PERCENT
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def alt_text(frame: pd.DataFrame, lang: str, title: str) -> str:
    """What the chart shows, in words: its kind, answers and groups (charts.description), then each bar:
    answer, group, share, interval and note, in the page's order."""
    rows = frame.sort_values(["option_rank", "group_position"])
    bars = [", ".join(part for part in (f"{r.option_label}, {r.group_label}: {r.pct_text}", r.ci_text, r.note_text)
                      if part) for r in rows.itertuples()]
    said = "; ".join(bars)
    return f"{description(frame, lang, title)} {said}{'' if said.endswith('.') else '.'}"
