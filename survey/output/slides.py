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

Where each thing goes is computed in survey.output.slide_layout, the shapes drawn in survey.output.slide_shapes;
here are what a deck holds and the deck made of it.

Pure python-pptx and openpyxl: no Streamlit, no queries.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from io import BytesIO
from typing import Callable

import pandas as pd
from pptx import Presentation
from pptx.util import Inches

from survey.output.slide_layout import (
    BULLET,
    FOOTER_SIZE,
    GAP,
    HEIGHT,
    SIDE,
    WIDTH,
    Box,
    Shape,
    body_room,
    chart_layout,
    chart_parts,
    fitted,
    full_width,
    height,
    lines,
    title_box,
    with_legend,
)
from survey.output.slide_shapes import MUTED, add_chart, add_footer, add_legend, new_slide, text_box

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

def add_chart_slides(made, spec: ChartSlide, footer: str, continued) -> None:
    """The chart on one slide, or continued over as many as its bars need (each part a whole set of
    answers, with every group)."""
    parts, caption_size, axis_size = chart_parts(spec.frame, spec.title, spec.caption, footer, continued)
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
