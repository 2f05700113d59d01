"""Exports of one chart's numbers (CSV, Excel) and image (PNG, SVG), and a PowerPoint deck of a page.

Everything is rendered on the server: vl-convert for images, python-pptx for decks; no browser, no Streamlit.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from io import BytesIO
from typing import Callable

import altair as alt
import pandas as pd
import vl_convert as vlc
from openpyxl import Workbook
from openpyxl.styles import Font
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

# Leading characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)


def escape_cell(value):
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe (OWASP CSV injection);
    anything that is not a str is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _escaped(table: pd.DataFrame) -> pd.DataFrame:
    # Only text is escaped: a negative number is a number, not a formula.
    out = table.copy()
    out.columns = [escape_cell(str(c)) for c in out.columns]
    for col in out.select_dtypes(exclude="number").columns:
        out[col] = out[col].map(escape_cell)
    return out


def to_csv(table: pd.DataFrame, *, lang: str) -> bytes:
    """UTF-8 with BOM (so Excel detects the encoding). "nb": semicolon separator and decimal comma, as
    Norwegian Excel reads it; "en": comma separator and decimal point. Floats rounded to 4 decimals."""
    sep, decimal = (";", ",") if lang == "nb" else (",", ".")
    text = _escaped(table).round(4).to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _sheet_name(name: str) -> str:
    # Excel refuses these characters and names longer than 31.
    return re.sub(r"[\[\]:*?/\\]", "", name)[:31] or "Sheet1"


def _plain(value):
    # openpyxl wants Python scalars, and cannot store NaN (it writes invalid XML) nor pandas' NA.
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def to_xlsx(table: pd.DataFrame, *, sheet: str) -> bytes:
    """One sheet named `sheet`, header row bold, text escaped and stored as strings, numbers as numbers."""
    book = Workbook()
    ws = book.active
    ws.title = _sheet_name(sheet)
    rows = [list(table.columns), *table.itertuples(index=False, name=None)]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            value = escape_cell(str(value) if r == 1 else _plain(value))
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would otherwise turn a leading "=" into a formula
            if r == 1:
                cell.font = Font(bold=True)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def to_png(chart: alt.TopLevelMixin, *, scale: float = 2) -> bytes:
    """Rendered on the server with vl-convert (no browser)."""
    return vlc.vegalite_to_png(chart.to_json(), scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> bytes:
    """Rendered on the server with vl-convert (no browser)."""
    return vlc.vegalite_to_svg(chart.to_json()).encode("utf-8")


@dataclass(frozen=True)
class Slide:
    title: str
    chart: alt.TopLevelMixin | Callable[[], alt.TopLevelMixin]  # or what makes it, when the deck is made
    caption: str  # base and n, e.g. "Grunnlag: alle som svarte (n = 847)"

    def figure(self) -> alt.TopLevelMixin:
        return self.chart() if callable(self.chart) else self.chart


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the IHDR header (avoids a Pillow dependency)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _fill(shape, text: str, size: int, bold: bool = False):
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text  # a plain run: markup in survey text stays literal
    run.font.size, run.font.bold = Pt(size), bold
    return shape


def _text(slide, left, top, width, height, text: str, size: int):
    return _fill(slide.shapes.add_textbox(left, top, width, height), text, size)


def _new_slide(deck, title: str, footer: str, title_top, title_height, title_size: int):
    # "Title Only" keeps a real title placeholder (outline view, screen readers), moved because the
    # default template lays it out for 4:3.
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    width = SLIDE_WIDTH - 2 * MARGIN
    heading = _fill(slide.shapes.title, title, title_size, bold=True)
    heading.left, heading.top, heading.width, heading.height = MARGIN, title_top, width, title_height
    _text(slide, MARGIN, SLIDE_HEIGHT - Inches(0.6), width, Inches(0.4), footer, 10).name = "Footer"
    return slide


def _add_chart(slide, slide_spec: Slide) -> None:
    png = to_png(slide_spec.figure())
    px_w, px_h = png_size(png)
    box_top, box_w, box_h = Inches(1.3), SLIDE_WIDTH - 2 * MARGIN, Inches(4.9)
    ratio = min(box_w / px_w, box_h / px_h)
    width, height = Emu(int(px_w * ratio)), Emu(int(px_h * ratio))
    left = Emu(int((SLIDE_WIDTH - width) / 2))
    slide.shapes.add_picture(BytesIO(png), left, box_top, width, height)
    _text(slide, MARGIN, box_top + height + Inches(0.1), box_w, Inches(0.4), slide_spec.caption, 12).name = "Caption"


def to_pptx(title: str, slides: list[Slide], *, footer: str) -> bytes:
    """A 16:9 deck: a title slide, then one slide per chart (title, chart PNG fitted keeping its aspect ratio,
    caption under it); `footer` (filters, n, data notice) in small type at the bottom of every slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _new_slide(deck, title, footer, Inches(2.8), Inches(1.5), 36)
    for spec in slides:
        _add_chart(_new_slide(deck, spec.title, footer, Inches(0.3), Inches(0.9), 28), spec)
    out = BytesIO()
    deck.save(out)
    return out.getvalue()
