"""Exports: CSV and Excel of a chart's numbers, PNG and SVG of its image, and a PowerPoint deck."""
from __future__ import annotations

import csv
from io import BytesIO, StringIO

import altair as alt
import openpyxl
import pandas as pd
import pptx
import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE

from survey.exports import Slide, escape_cell, png_size, to_csv, to_png, to_pptx, to_svg, to_xlsx

HOSTILE = '=HYPERLINK("x")'
FOOTER = "Filtre: ingen · n = 847 · Data: syntetiske svar"


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame({"option": ["Ja", HOSTILE], "n": [362, 485], "pct": [36.2, 63.81234567]})


def bar_chart(title: str = "Andel som svarte ja") -> alt.Chart:
    data = pd.DataFrame({"option": ["Ja", "Nei"], "pct": [36.2, 63.8]})
    return alt.Chart(data).mark_bar().encode(x="option:N", y="pct:Q").properties(title=title, width=200)


def parse(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-2", "@x", "\tx", "\rx"])
def test_escape_cell_prefixes_formulas(value):
    assert escape_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Ja", "Grunnlag: alle (n = 847)", "a=b", "", 36.2, -2, 0, None])
def test_escape_cell_leaves_the_rest_alone(value):
    assert escape_cell(value) == value


def test_csv_norwegian(table):
    data = to_csv(table, lang="nb")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "option;n;pct"
    rows = parse(data, ";")
    assert rows[1] == ["Ja", "362", "36,2"]
    assert rows[2] == ["'" + HOSTILE, "485", "63,8123"]


def test_csv_english(table):
    rows = parse(to_csv(table, lang="en"), ",")
    assert rows[0] == ["option", "n", "pct"]
    assert rows[1] == ["Ja", "362", "36.2"]
    assert rows[2][0] == "'" + HOSTILE


def test_csv_escapes_headers():
    rows = parse(to_csv(pd.DataFrame({"=cmd": ["x"]}), lang="en"), ",")
    assert rows[0] == ["'=cmd"]


def test_xlsx(table):
    book = openpyxl.load_workbook(BytesIO(to_xlsx(table, sheet="Hva/synes*du? om [dette]: en lang tittel")))
    ws = book.worksheets[0]
    assert len(book.worksheets) == 1
    assert ws.title == "Hvasynesdu om dette en lang tit"
    assert [c.value for c in ws[1]] == ["option", "n", "pct"]
    assert all(c.font.bold for c in ws[1])
    assert ws["B2"].value == 362 and ws["C2"].value == pytest.approx(36.2)
    assert ws["B2"].data_type == "n" and ws["C3"].data_type == "n"
    hostile = ws["A3"]
    assert hostile.value == "'" + HOSTILE
    assert hostile.data_type == "s"


def test_xlsx_missing_numbers_are_empty():
    ws = openpyxl.load_workbook(BytesIO(to_xlsx(pd.DataFrame({"pct": [1.5, float("nan")]}), sheet="x"))).active
    assert ws["A2"].value == 1.5 and ws["A3"].value is None


def test_png():
    png = to_png(bar_chart(), scale=1)
    assert png.startswith(b"\x89PNG")
    width, height = png_size(png)
    assert 150 < width < 600 and 100 < height < 600
    assert png_size(to_png(bar_chart(), scale=2))[0] == pytest.approx(2 * width, abs=2)


def test_svg():
    svg = to_svg(bar_chart("Andel som svarte ja")).decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    assert "Andel som svarte ja" in svg


def slide_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_pptx():
    hostile_title = "<b>x</b> og **y**"
    slides = [
        Slide("Andel som svarte ja", bar_chart(), "Grunnlag: alle som svarte (n = 847)"),
        Slide(hostile_title, bar_chart("Annen"), "Grunnlag: kvinner (n = 412)"),
    ]
    deck = pptx.Presentation(BytesIO(to_pptx("Undersøkelsen 2024", slides, footer=FOOTER)))
    assert deck.slide_width == pptx.util.Inches(13.333) and deck.slide_height == pptx.util.Inches(7.5)
    assert len(deck.slides) == 3
    first, *charts = deck.slides
    assert first.shapes.title.text_frame.text == "Undersøkelsen 2024"
    for slide in deck.slides:
        assert FOOTER in slide_text(slide)
    assert [s.shapes.title.text_frame.text for s in charts] == ["Andel som svarte ja", hostile_title]
    for slide, spec in zip(charts, slides):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert spec.caption in slide_text(slide)
    assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in first.shapes)


def test_pptx_picture_keeps_aspect_and_fits():
    chart = bar_chart().properties(width=900, height=120)
    deck = pptx.Presentation(BytesIO(to_pptx("T", [Slide("S", chart, "c")], footer="f")))
    picture = next(s for s in deck.slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    px_w, px_h = png_size(to_png(chart))
    assert picture.width / picture.height == pytest.approx(px_w / px_h, rel=0.01)
    assert picture.left >= 0 and picture.left + picture.width <= deck.slide_width
    assert picture.top + picture.height <= deck.slide_height
