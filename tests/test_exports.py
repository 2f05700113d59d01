"""Exports: CSV and Excel of a chart's numbers, PNG and SVG of its image, and a PowerPoint deck of native charts
(more of it in test_slides.py)."""
from __future__ import annotations

import csv
from io import BytesIO, StringIO

import altair as alt
import openpyxl
import pandas as pd
import pptx
import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE

from survey.exports import escape_cell, png_size, to_csv, to_png, to_svg, to_xlsx

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


def test_pptx_slides_are_native_charts_that_say_what_they_are(described):
    from survey import slides

    result, _, about = described
    hostile_title = "<b>x</b> og **y**"
    spec = [slides.Cover("Undersøkelsen 2024", "Rapport", (about.lines[0], about.notice)),
            slides.ChartSlide(result.title, result.frame, "nb", about.lines[1:]),
            slides.ChartSlide(hostile_title, result.frame, "nb", about.lines[1:])]
    deck = pptx.Presentation(BytesIO(slides.deck(spec, footer=FOOTER)))
    assert deck.slide_width == pptx.util.Inches(13.333) and deck.slide_height == pptx.util.Inches(7.5)
    first, *charts = deck.slides
    assert first.shapes.title.text_frame.text == "Undersøkelsen 2024"
    assert [s.shapes.title.text_frame.text for s in charts] == [result.title, hostile_title]
    for slide in charts:
        assert FOOTER in slide_text(slide) and "\n".join(about.lines[1:]) in slide_text(slide)
        assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes)
        (chart,) = [s for s in slide.shapes if s.has_chart]
        assert chart._element.nvGraphicFramePr.cNvPr.get("descr").startswith(slide.shapes.title.text_frame.text)


# Exports that describe themselves: the selection, base and n, weighting, notes and notice travel with the table.

@pytest.fixture
def described(seed_env):
    from survey import codebook as cb
    from survey import exports, results
    from survey.filters import Filters
    from survey.state import View

    codebook = cb.load()
    view = View(filters=Filters({"gender": ("female",)}), by="age_group", weights="company", lang="nb")
    result = results.shares("private_use", view, codebook)
    return result, view, exports.about(result, view, codebook, today=__import__("datetime").date(2026, 12, 3))


def test_the_csv_says_what_it_is_above_the_table(described):
    result, _, about = described
    rows = parse(to_csv(result.export_table(), lang="nb", about=about), ";")
    blank = rows.index([])
    head, table = [r[0] for r in rows[:blank]], rows[blank + 1:]
    assert head[0] == "Privat bruk av sosiale medier"
    assert head[1] == "Utvalg: Kjønn: Kvinne."
    assert head[2].startswith("Grunnlag: alle som svarte. n: Under 30 år")
    assert "Vektet etter bedriftsstørrelse og landsdel (SSB)." in head
    assert any(line.startswith("Strekene viser 95") for line in head)
    assert any(line.startswith("▲▼") for line in head) and any(line.startswith("Lyse stolper") for line in head)
    assert head[-1].startswith("Svarene er en rekonstruksjon")
    assert table[0] == list(result.export_table().columns)
    assert len(table) == 1 + len(result.frame)


def test_a_hostile_line_of_a_description_stays_text():
    from survey.exports import About

    about = About("Tittel", (HOSTILE, "Utvalg: alle"), "=cmd|' /C calc'!A0", (("Filtre", HOSTILE),))
    rows = parse(to_csv(pd.DataFrame({"n": [1]}), lang="nb", about=about), ";")
    assert rows[1] == ["'" + HOSTILE] and rows[3] == ["'=cmd|' /C calc'!A0"]
    book = openpyxl.load_workbook(BytesIO(to_xlsx(pd.DataFrame({"n": [1]}), sheet="x", about=about)))
    assert book.worksheets[0]["A4"].value == "'" + HOSTILE and book.worksheets[1]["B1"].value == "'" + HOSTILE
    assert book.worksheets[0]["A4"].data_type == "s"


def test_the_workbook_is_a_formatted_table_with_a_sheet_of_the_selection(described):
    result, _, about = described
    table = result.export_table()
    book = openpyxl.load_workbook(BytesIO(to_xlsx(table, sheet=result.title, about=about,
                                                  formats=result.export_formats())))
    ws, facts = book.worksheets
    assert ws.title == "Privat bruk av sosiale medier" and facts.title == "Utvalg"
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    column = {name: i + 1 for i, name in enumerate(header)}
    first = table.iloc[0]
    share = ws.cell(2, column["Andel (%)"])
    assert share.number_format == "0.0%" and share.value == pytest.approx(first["Andel (%)"] / 100)
    assert ws.cell(2, column["KI nedre (%)"]).number_format == "0.0%"
    assert ws.cell(2, column["Antall"]).number_format == "0" and ws.cell(2, column["Antall"]).value == first["Antall"]
    assert ws.cell(2, column["Grunnlag (n)"]).number_format == "0"
    weighted = [ws.cell(2, column[name]) for name in ("Vektet antall", "Vektet grunnlag", "Effektiv n")]
    assert [c.number_format for c in weighted] == ["0.0"] * 3
    assert 100 * weighted[0].value / weighted[1].value == pytest.approx(first["Andel (%)"])
    for name, i in column.items():
        assert ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width >= min(len(name), 60)
    below = [ws.cell(r, 1).value for r in range(len(table) + 3, ws.max_row + 1)]
    assert below[0].startswith("Utvalg: Kjønn: Kvinne") and any(str(v).startswith("Lyse stolper") for v in below)
    said = dict(facts.iter_rows(values_only=True))
    assert said["Spørsmål"] == "Privat bruk av sosiale medier" and said["Filtre"] == "Kjønn: Kvinne"
    assert said["Sammenlign etter"] == "Alder" and said["Vekting"].startswith("Vektet etter bedriftsstørrelse")
    assert said["Konfidensnivå"] == "95\u00a0%" and said["Laget"] == "2026-12-03"
    assert said["Dataversjon"] and said["Merknad om dataene"].startswith("Svarene er en rekonstruksjon")


def test_file_names_tell_the_page_question_selection_and_date():
    import datetime

    from survey.exports import file_name
    from survey.filters import Filters
    from survey.state import View

    day = datetime.date(2026, 12, 3)
    views = [View(), View(filters=Filters({"gender": ("female",)})), View(by="gender"), View(weights="company"),
             View(filters=Filters({"gender": ("female", "male"), "role": ("leader",)}), by="age_group")]
    names = [file_name("usage", "private_use", v, "csv", day) for v in views]
    assert names[0] == "usage_private_use_all_2026-12-03.csv"
    assert names[1] == "usage_private_use_gender-female_2026-12-03.csv"
    assert names[4] == "usage_private_use_gender-female-male_role-leader_by-age_group_2026-12-03.csv"
    assert len(set(names)) == len(names) and all(n.isascii() for n in names)
    hostile = View(filters=Filters({"wave": ("../x y",)}))
    assert "/" not in file_name("usage", "private_use", hostile, "csv", day)


@pytest.mark.parametrize("shape, ratio", [("wide", 16 / 9), ("square", 1.0)])
def test_the_images_are_figures_that_say_what_they_show(described, shape, ratio):
    import html

    from survey import charts

    result, _, about = described
    figure = charts.figure(result.frame, lang="nb", title=about.title, selection=about.lines[0],
                           lines=list(about.lines[1:]), notice=about.notice, shape=shape)
    width, height = png_size(to_png(figure, scale=1))
    assert width == charts.FIGURES[shape][0]
    assert width / height == pytest.approx(ratio, rel=0.03)
    svg = html.unescape(to_svg(figure).decode("utf-8"))
    for text in (about.title, "Utvalg: Kjønn: Kvinne.", "Vektet etter bedriftsstørrelse og landsdel (SSB).",
                 "Lyse stolper: lavt grunnlag", "Svarene er en rekonstruksjon"):
        assert text in svg, text
    assert about.lines[1][:60] in svg  # the base and n of each group, wrapped where it must be


def test_an_export_of_a_selection_by_answers_says_them_in_words_and_in_its_name(seed_env):
    import datetime

    from survey import codebook as cb
    from survey import exports, results
    from survey.filters import Filters
    from survey.state import View

    codebook = cb.load()
    view = View(filters=Filters({"company_use": ("yes",), "private_channels": ("linkedin", "twitter")}), lang="en")
    result = results.shares("guidelines", view, codebook)
    about = exports.about(result, view, codebook, today=datetime.date(2026, 12, 3))
    words = "Social media used privately (any of): LinkedIn, Twitter; Company use of social media: Yes"
    assert about.lines[0] == f"Selection: {words}."
    assert dict(about.facts)["Filters"] == words
    assert exports.file_name("guidelines", "guidelines", view, "csv", datetime.date(2026, 12, 3)) == \
        "guidelines_guidelines_company_use-yes_private_channels-linkedin-twitter_2026-12-03.csv"
