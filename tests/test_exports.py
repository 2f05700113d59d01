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

from survey.output import exports
from survey.output.exports import About, escape_cell, png_size, to_csv, to_png, to_svg, to_xlsx

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
    assert ws.title == "Hva synes du om dette en lang…"
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
    from survey.output import slides

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
    from survey.analysis import results
    from survey.model import codebook as cb
    from survey.model.filters import Filters
    from survey.model.state import View
    from survey.output import exports

    codebook = cb.load()
    view = View(filters=Filters({"gender": ("female",)}), by="age_group", weights="company", lang="nb")
    result = results.shares("private_use", view, codebook)
    return result, view, exports.about(result, view, codebook, today=__import__("datetime").date(2026, 12, 3))


CHART_WORDS = {"nb": ("Strekene", "stolper", "grafen", "▲▼"), "en": ("Lines show", "bars", "chart", "▲▼")}


def chart_words(lines, lang: str) -> list[str]:
    return [line for line in lines if any(word in str(line) for word in CHART_WORDS[lang])]


def test_the_csv_says_what_it_is_in_four_lines_marked_for_a_reader_to_skip(described):
    result, _, about = described
    data = to_csv(result.export_table(), lang="nb", about=about)
    rows = parse(data, ";")
    head, table = rows[:exports.PREAMBLE_LINES], rows[exports.PREAMBLE_LINES:]
    assert [r[0] for r in head] == ["#"] * 4 and all(len(r) == 2 for r in head)
    title, selection, notes, notice = (r[1] for r in head)
    assert title == "Bruker du sosiale medier privat?"
    assert selection == "Utvalg: Kjønn: Kvinne."
    assert notes.startswith("Grunnlag: alle som svarte. n: Under 30 år")
    assert "Vektet etter bedriftsstørrelse og landsdel (SSB)." in notes
    assert "KI nedre og KI øvre: 95\u00a0% konfidensintervall (Wilson)." in notes
    assert "Lavt grunnlag (effektiv n < 30)" in notes and not chart_words(head, "nb")
    assert notice.startswith("Svarene er en rekonstruksjon")
    assert table[0] == list(result.export_table().columns) and len(table) == 1 + len(result.frame)
    read = pd.read_csv(BytesIO(data), sep=";", decimal=",", comment="#")
    assert read.equals(pd.read_csv(BytesIO(data), sep=";", decimal=",", skiprows=exports.PREAMBLE_LINES))
    assert list(read.columns) == list(result.export_table().columns)


def test_a_hash_in_an_answer_is_kept_whole_by_a_reader_that_skips_comments():
    about = About("Tittel", ("Utvalg: alle", "Grunnlag: alle; n = 2"), "Merknad", ())
    table = pd.DataFrame({"Svar": ["C#", "#1", 'Si "hei"'], "Andel (%)": [12.5, 0.25, None]})
    for lang, sep, decimal in (("nb", ";", ","), ("en", ",", ".")):
        read = pd.read_csv(BytesIO(to_csv(table, lang=lang, about=about)), sep=sep, decimal=decimal, comment="#")
        assert read["Svar"].tolist() == ["C#", "#1", 'Si "hei"']
        assert read["Andel (%)"].tolist()[:2] == [12.5, 0.25] and pd.isna(read["Andel (%)"].iloc[2])


def test_a_hostile_line_of_a_description_stays_text():
    about = About("Tittel", (HOSTILE, "Utvalg: alle"), "=cmd|' /C calc'!A0", (("Filtre", HOSTILE),))
    rows = parse(to_csv(pd.DataFrame({"n": [1]}), lang="nb", about=about), ";")
    assert rows[1] == ["#", "'" + HOSTILE] and rows[3] == ["#", "'=cmd|' /C calc'!A0"]
    book = openpyxl.load_workbook(BytesIO(to_xlsx(pd.DataFrame({"n": [1]}), sheet="x", about=about)))
    table, notes, facts = book.worksheets
    assert notes.title == "About" and table.max_row == 2
    assert notes["A2"].value == "'" + HOSTILE and facts["B1"].value == "'" + HOSTILE
    assert notes["A2"].data_type == "s" and notes["A4"].value == "'=cmd|' /C calc'!A0"


def test_a_description_made_without_a_sheet_of_notes_names_it_in_its_language():
    """The benchmark's workbook describes itself with an About of its own lines, made before the sheet of notes."""
    assert About("Tittel", (), "", (), "Utvalg").notes_name() == "Om tabellen"
    assert About("Title", (), "", (), "Selection").notes_name() == "About"


def test_the_workbook_is_the_table_alone_then_a_sheet_of_notes_and_one_of_the_selection(described):
    result, _, about = described
    table = result.export_table()
    data = to_xlsx(table, sheet=result.title, about=about, formats=result.export_formats())
    book = openpyxl.load_workbook(BytesIO(data))
    ws, notes, facts = book.worksheets
    assert (ws.title, notes.title, facts.title) == ("Privat bruk av sosiale medier", "Om tabellen", "Utvalg")
    assert ws.freeze_panes == "A2" and ws.max_row == 1 + len(table) and ws.max_column == len(table.columns)
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
    said_notes = [row[0] for row in notes.iter_rows(values_only=True)]
    assert said_notes[0] == "Bruker du sosiale medier privat?" and said_notes[1] == "Utvalg: Kjønn: Kvinne."
    assert any(line.startswith("Lavt grunnlag") for line in said_notes) and not chart_words(said_notes, "nb")
    assert said_notes[-1].startswith("Svarene er en rekonstruksjon")
    said = dict(facts.iter_rows(values_only=True))
    assert said["Spørsmål"] == "Bruker du sosiale medier privat?" and said["Filtre"] == "Kjønn: Kvinne"
    assert said["Sammenlign etter"] == "Alder" and said["Vekting"].startswith("Vektet etter bedriftsstørrelse")
    assert said["Konfidensnivå"] == "95\u00a0%" and said["Laget"] == "2026-12-03"
    assert said["Dataversjon"] and said["Merknad om dataene"].startswith("Svarene er en rekonstruksjon")


def test_the_image_keeps_the_charts_title_and_words(described):
    """The figure is the chart: its short title, and lines that speak of its bars and lines."""
    result, _, about = described
    assert about.title == "Privat bruk av sosiale medier"
    assert chart_words(about.lines, "nb")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_charts_csv_and_workbook_read_back_as_exactly_its_answers(seed_env, lang):
    """Every question, alone and by age under weights (every column and note there is), as pandas reads it
    without guessing: the CSV skipping its "#" lines, the workbook's first sheet."""
    from survey.analysis import results
    from survey.model import codebook as cb
    from survey.model.state import NO_COMPARISON, View

    codebook = cb.load()
    sep, decimal = (";", ",") if lang == "nb" else (",", ".")
    splits = (NO_COMPARISON, "age_group")
    found = results.shares_of([(q.id, splits) for q in codebook.questions], View(weights="company", lang=lang),
                              codebook)
    read_back = 0
    for question in codebook.questions:
        for by in splits:
            result = found[question.id][by]
            if result.empty:
                continue
            read_back += 1
            view = View(by=by, weights="company", lang=lang)
            about = exports.about(result, view, codebook)
            table, where = result.export_table(), f"{question.id} by {by} ({lang})"
            read = pd.read_csv(BytesIO(to_csv(table, lang=lang, about=about)), sep=sep, decimal=decimal,
                               comment="#")
            assert_reads_as(read, table, where)
            book = to_xlsx(table, sheet=result.title, about=about, formats=result.export_formats())
            first = pd.read_excel(BytesIO(book), sheet_name=0)
            assert_reads_as(first, table, where, percent=[c for c, k in result.export_formats().items()
                                                          if k == "percent"])
            notes = pd.read_excel(BytesIO(book), sheet_name=about.notes_name(), header=None)[0].tolist()
            assert notes[0] == question.text[lang] and not chart_words(notes, lang), where
    assert read_back == 2 * len(codebook.questions)


def assert_reads_as(read: pd.DataFrame, table: pd.DataFrame, where: str, percent=()) -> None:
    """The same columns, a row per answer (and group) in the table's order, the same numbers."""
    assert list(read.columns) == list(table.columns), where
    assert read.shape == table.shape, where
    answer = table.columns[1]
    assert read[answer].tolist() == table[answer].tolist(), where
    for column in table.select_dtypes("number").columns:
        scale = 100 if column in percent else 1
        wanted = table[column].astype(float).round(4).to_numpy()
        assert read[column].astype(float).to_numpy() * scale == pytest.approx(wanted, abs=1e-4, nan_ok=True), \
            (where, column)


def test_file_names_tell_the_page_question_selection_and_date():
    import datetime

    from survey.model.filters import Filters
    from survey.model.state import View
    from survey.output.exports import file_name

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

    from survey.output import charts

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

    from survey.analysis import results
    from survey.model import codebook as cb
    from survey.model.filters import Filters
    from survey.model.state import View
    from survey.output import exports

    codebook = cb.load()
    view = View(filters=Filters({"company_use": ("yes",), "private_channels": ("linkedin", "twitter")}), lang="en")
    result = results.shares("guidelines", view, codebook)
    about = exports.about(result, view, codebook, today=datetime.date(2026, 12, 3))
    words = "Social media used privately (any of): LinkedIn, Twitter; Company use of social media: Yes"
    assert about.lines[0] == f"Selection: {words}."
    assert dict(about.facts)["Filters"] == words
    assert exports.file_name("guidelines", "guidelines", view, "csv", datetime.date(2026, 12, 3)) == \
        "guidelines_guidelines_company_use-yes_private_channels-linkedin-twitter_2026-12-03.csv"


# Texts are never cut: every answer, title and label of an image is drawn whole, in as many lines as it needs.

def drawn_texts(svg: bytes) -> list[str]:
    """Each text an SVG draws, its lines (<tspan>) joined by spaces."""
    import html
    import re

    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg.decode("utf-8"), re.S)
    return [html.unescape(" ".join(re.findall(r"<tspan[^>]*>(.*?)</tspan>", text) or [text])) for text in texts]


def drawn_lines(svg: bytes, whole: str) -> list[list[str]]:
    """The lines of each text an SVG draws whose lines make up `whole`."""
    import html
    import re

    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg.decode("utf-8"), re.S)
    lines = [[html.unescape(line) for line in re.findall(r"<tspan[^>]*>(.*?)</tspan>", text)] for text in texts]
    return [parts for parts in lines if " ".join(parts) == whole]


def ticks(texts: list[str]) -> list[int]:
    """The numbers of the share axis: the texts that are a whole number and nothing else."""
    return [int(text) for text in texts if text.isdigit()]


def assert_whole(svg: bytes, wholes) -> list[str]:
    texts = drawn_texts(svg)
    assert "…" not in svg.decode("utf-8")
    for whole in wholes:
        assert whole in texts, whole
    assert max(ticks(texts)) == 100
    return texts


@pytest.fixture(scope="module")
def challenges(seed_db):
    """The challenges in each language, with what the export of their figure says of them."""
    import datetime

    from survey.analysis import results
    from survey.model import codebook as cb
    from survey.model.state import View
    from survey.output import exports

    codebook, out = cb.load(), {}
    for lang in ("nb", "en"):
        view = View(lang=lang)
        result = results.shares("challenges", view, codebook, db=seed_db)
        out[lang] = result, exports.about(result, view, codebook, db=seed_db, today=datetime.date(2026, 12, 3))
    return out


def challenge_figure(challenges, lang: str, shape: str, frame=None, title: str | None = None):
    from survey.output import charts

    result, about = challenges[lang]
    return charts.figure(result.frame if frame is None else frame, lang=lang, title=title or about.title,
                         selection=about.lines[0], lines=list(about.lines[1:]), notice=about.notice, shape=shape)


@pytest.mark.parametrize("shape", ["wide", "square"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_figures_answers_are_drawn_whole_on_an_axis_ending_at_100(challenges, lang, shape):
    from survey.output import charts

    result, _ = challenges[lang]
    answers = result.frame["option_label"].tolist()
    long = {"nb": "Ulike og urealistiske forventninger", "en": "Differing and unrealistic expectations"}[lang]
    assert long in answers and len(charts.answer_lines(long, room=charts.FIGURE_ANSWERS)) > 1
    figure = challenge_figure(challenges, lang, shape)
    assert_whole(to_svg(figure), answers)
    width, height = png_size(to_png(figure, scale=1))  # the lines fit the figure's own height
    assert width == charts.FIGURES[shape][0] and height == pytest.approx(charts.FIGURES[shape][1], rel=0.03)


@pytest.mark.parametrize("shape", ["wide", "square"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_figure_grows_taller_for_answers_of_more_lines(challenges, lang, shape):
    from survey.output import charts

    result, _ = challenges[lang]
    frame = result.frame.assign(option_label=result.frame["option_label"].map(lambda label: " ".join([label] * 4)))
    longer = challenge_figure(challenges, lang, shape, frame)
    assert_whole(to_svg(longer), frame["option_label"])
    width, height = png_size(to_png(longer, scale=1))
    assert width == charts.FIGURES[shape][0] and height > charts.FIGURES[shape][1]
    longest = frame["option_label"].map(lambda label: " ".join([label] * 2))
    tallest = png_size(to_png(challenge_figure(challenges, lang, shape, frame.assign(option_label=longest)),
                              scale=1))
    assert tallest[0] == width and tallest[1] > height


@pytest.mark.parametrize("shape", ["wide", "square"])
def test_a_figures_long_title_wraps_and_an_interval_past_100_keeps_the_axis_at_100(challenges, shape):
    from survey.output import charts

    result, _ = challenges["nb"]
    title = "Utfordringer med sosiale medier blant bedrifter som bruker dem i markedsføring og kundeservice, " \
            "etter bransje og størrelse"
    frame = result.frame.copy()
    frame.loc[0, ["pct", "ci_low", "ci_high"]] = [99.2, 96.0, 103.5]
    figure = challenge_figure(challenges, "nb", shape, frame, title=title)
    assert_whole(to_svg(figure), [title])
    spec = figure.to_dict()["vconcat"][0]["layer"][0]["encoding"]["x"]["scale"]
    assert spec["domain"] == [0, 100] and spec["clamp"] is True
    assert png_size(to_png(figure, scale=1))[0] == charts.FIGURES[shape][0]


def page_chart(frame, *, lang: str, title: str, large: bool, width: int) -> bytes:
    """A page's chart as Streamlit draws it at `width` pixels (a phone's or a desktop's), in SVG."""
    import json

    import vl_convert

    from survey.output import charts

    spec = charts.share_spec(frame, lang=lang, title=title, large=large)
    spec["datasets"] = {name: json.loads(data.to_json(orient="records")) for name, data in spec["datasets"].items()}
    return vl_convert.vegalite_to_svg({**spec, "width": width}).encode("utf-8")


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("width", [200, 700])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_pages_chart_draws_its_title_and_answers_whole_on_a_phone_and_a_desktop(challenges, lang, width, large):
    from survey.texts.i18n import t

    result, _ = challenges[lang]
    title = t("glance_top", lang, title=result.title, k=5)  # as the overview titles its small charts
    svg = page_chart(result.frame, lang=lang, title=title, large=large, width=width)
    assert_whole(svg, [title, *result.frame["option_label"]])
    if width < 300:
        assert any(len(lines) > 1 for lines in drawn_lines(svg, title))


def test_a_pages_chart_grows_taller_for_answers_of_more_lines(challenges):
    import re

    result, _ = challenges["nb"]
    frame = result.frame.assign(option_label=result.frame["option_label"].map(lambda label: " ".join([label] * 3)))
    heights = [float(re.search(rb'height="([\d.]+)"', page_chart(shown, lang="nb", title="T", large=False,
                                                                  width=500)).group(1))
               for shown in (result.frame, frame)]
    assert heights[1] > heights[0]
