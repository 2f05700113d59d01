"""The shapes on a slide of a deck (survey.output.slides), drawn with python-pptx where slide_layout put them:
the title placeholder and text boxes (each paragraph one plain run, never resized by PowerPoint), the legend,
and the native bar chart with its colours, labels, intervals as error bars, the data it opens in Excel and
alt text that says what it shows.
"""
from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pandas as pd
from openpyxl import Workbook
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_MARK
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Pt

from survey.output.charts import DOWN, INTERVAL, TEXT, UP, description
from survey.output.slide_layout import (
    AXIS_SIZE,
    BULLET,
    FOOTER_SIZE,
    GAP_WIDTH,
    INSET_X,
    INSET_Y,
    LABEL_GAP,
    Box,
    Shape,
    footer_box,
    label_size,
    legend_places,
    legend_row,
    legend_widths,
    points,
)

GRID, AXIS_LINE, MUTED, FADED = "D9DDE3", "9AA5B1", "#55606B", 35  # FADED: opacity (%) of a bar on a low base
PERCENT = "0.0%"


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


def add_footer(slide, footer: str) -> None:
    text_box(slide, footer_box(footer), [footer], FOOTER_SIZE, name="Footer", color=MUTED)


# --- the legend and the chart

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
