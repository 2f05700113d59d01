"""Exports of one chart's numbers (CSV, Excel) and image (PNG, SVG). The PowerPoint decks of native charts
are survey.output.slides (the slides) and survey.output.report (a page's deck, the report of every page).

Everything is rendered on the server: vl-convert for images; no browser, no Streamlit.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from io import BytesIO

import altair as alt
import pandas as pd
import vl_convert as vlc
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from survey.texts.i18n import NBSP

# Leading characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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


@dataclass(frozen=True)
class About:
    """What an export says of itself, in its language: its title, the lines a reader needs (the selection in
    words, base and n, weighting, level, what the arrows mean, low bases, hidden groups, what was not asked)
    and the data notice; `facts` are the same as (what, value) pairs, with the date and the data version, for
    the sheet "Utvalg"/"Selection" of a workbook.

    A chart's image is titled and captioned as the chart (`title`, `lines`); its data files are read as a table,
    away from the chart, so they carry the question in full (`question`) and lines that speak of columns, not
    of bars, lines and arrows (`notes`). Where these are empty, the title and lines serve both."""

    title: str
    lines: tuple[str, ...]
    notice: str
    facts: tuple[tuple[str, str], ...]
    selection_sheet: str = "Selection"
    question: str = ""
    notes: tuple[str, ...] = ()
    notes_sheet: str = ""

    def table_title(self) -> str:
        return self.question or self.title

    def table_lines(self) -> tuple[str, ...]:
        return self.notes or self.lines

    def notes_name(self) -> str:
        """The name of the sheet of notes; an About made without one takes it in its selection sheet's language."""
        from survey.texts.i18n import t

        lang = "nb" if self.selection_sheet == t("export_sheet", "nb") else "en"
        return self.notes_sheet or t("export_about_sheet", lang)

    def preamble(self) -> list[str]:
        """The description of a CSV in PREAMBLE_LINES lines, whatever the number of notes: the title, the
        selection, the other notes in one line, the notice."""
        selection, *rest = self.table_lines() or ("",)
        return [self.table_title(), selection, " ".join(rest), self.notice]


# A described CSV starts with this many lines, each "#" and then the text in the second column, so that
# pandas.read_csv(..., comment="#") or skiprows=PREAMBLE_LINES reads the table alone.
PREAMBLE_LINES = 4


def to_csv(table: pd.DataFrame, *, lang: str, about: About | None = None) -> bytes:
    """UTF-8 with BOM (so Excel detects the encoding). "nb": semicolon separator and decimal comma, as
    Norwegian Excel reads it; "en": comma separator and decimal point. Floats rounded to 4 decimals. With
    `about`, the PREAMBLE_LINES lines of its preamble come first, each marked "#"; then the table with one
    header row. A text holding "#" is quoted, so that a reader skipping comments keeps it whole."""
    sep, decimal = (";", ",") if lang == "nb" else (",", ".")
    escaped = _escaped(table).round(4)
    rows = [list(escaped.columns), *escaped.itertuples(index=False, name=None)]
    if about:
        rows = [["#", escape_cell(line)] for line in about.preamble()] + rows
    return "".join(csv_line(row, sep, decimal) for row in rows).encode("utf-8-sig")


def csv_line(row, sep: str, decimal: str) -> str:
    return sep.join(csv_field(value, sep, decimal) for value in row) + "\r\n"


def csv_field(value, sep: str, decimal: str) -> str:
    """One cell as CSV writes it: nothing for a missing value, a number with the language's decimal mark, text
    quoted where it holds the separator, a quote, a line break or "#" (the mark of the preamble's lines)."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", decimal)
    text = str(value)
    if text == "#" or not any(ch in text for ch in (sep, '"', "\r", "\n", "#")):
        return text
    return '"' + text.replace('"', '""') + '"'


def about(result, view, codebook, *, db=None, today: dt.date | None = None) -> About:
    """What the export of one chart (a results.Shares seen in `view`) says of itself, in the view's language."""
    from survey.analysis.dataset import data_version, notice
    from survey.analysis.results import split_title
    from survey.model.filters import in_words
    from survey.texts.i18n import t

    lang = view.lang
    words = in_words(view.filters, codebook, lang)
    said = notice(lang, db) or t("footer_source", lang)
    by = split_title(view.by, codebook, lang)
    question = result.question.text[lang]
    facts = ((t("export_question", lang), question),
             (t("export_selection", lang), words or t("export_everyone", lang)),
             (t("compare_by", lang), by),
             (t("export_weighting", lang), t(f"caption_weights_{result.weights}", lang)),
             (t("level", lang), f"{result.level}{NBSP if lang == 'nb' else ''}%"),
             (t("export_base", lang), result.base_caption()),
             (t("export_made", lang), (today or dt.date.today()).isoformat()),
             (t("export_version", lang), data_version(db)),
             (t("export_notice", lang), said))
    selection = t("active_filters", lang, filters=words) if words else t("no_filters", lang)
    return About(result.title, (selection, *result.export_lines()), said, facts, t("export_sheet", lang),
                 question, (selection, *table_notes(result)), t("export_about_sheet", lang))


def table_notes(result) -> list[str]:
    """The caption's lines (results.Shares.export_lines) as a table's: the interval, the test and the low
    bases said of the columns that hold them, not of the chart's lines, arrows and faded bars."""
    from survey.stats import estimates
    from survey.texts.i18n import t

    lang, level, low = result.lang, result.level, estimates.load_rules().low_base
    worded = {t("caption_ci", lang, level=level): t("export_ci", lang, level=level),
              t("caption_sig", lang, level=level): t("export_sig", lang, level=level),
              t("caption_low_base", lang, low=low): t("export_low_base", lang, low=low)}
    return [worded.get(line, line) for line in result.export_lines()]


def file_name(page: str, question: str, view, ext: str, today: dt.date | None = None) -> str:
    """A name that tells the page, the question, the selection and the date, so that two views never share
    one: usage_private_use_gender-female_by-age_group_2026-12-03.csv. Made of ids (ASCII), "all" for no
    filters."""
    from survey.model.state import NO_COMPARISON, UNWEIGHTED

    parts = [page, question]
    parts += ["_".join(f"{dim}-{'-'.join(values)}" for dim, values in view.filters.active.items()) or "all"]
    if view.by != NO_COMPARISON:
        parts.append(f"by-{view.by}")
    if view.weights != UNWEIGHTED:
        parts.append(f"weighted-{view.weights}")
    name = "_".join([*parts, (today or dt.date.today()).isoformat()])
    return re.sub(r"[^A-Za-z0-9_.-]", "-", name)[:180] + f".{ext}"


def sheet_name(name: str, most: int = 31) -> str:
    """A name Excel takes for a sheet, as near the text as it allows: the characters it refuses become spaces,
    no apostrophe at either end, and a name longer than `most` (Excel's limit is 31) is cut at its last whole
    word that fits, with "…", so that a reader still sees words."""
    words = " ".join(re.sub(r"[\[\]:*?/\\]", " ", name).split()).strip("' ")
    if len(words) > most:
        cut = words[:most - 1]
        words = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,.;-–'") + "…"
    return words or "Sheet1"


def plain(value):
    # openpyxl wants Python scalars, and cannot store NaN (it writes invalid XML) nor pandas' NA.
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# Number formats of a workbook's columns: shares in percent with one decimal (stored as fractions, so that a
# spreadsheet computes with them), counts as whole numbers, p-values with three decimals.
FORMATS = {"percent": "0.0%", "whole": "0", "p": "0.000", "decimal": "0.0"}


def to_xlsx(table: pd.DataFrame, *, sheet: str, about: About | None = None, formats: dict | None = None) -> bytes:
    """The first sheet, named `sheet`, holds the table alone from A1, so that a reader of its first sheet gets
    the table: its header row bold and frozen, text escaped and stored as strings, numbers as numbers, each
    column as wide as its longest text. `formats` maps columns to a kind of FORMATS (a percent column holds
    percent points, stored divided by 100). With `about`, a sheet "Om tabellen"/"About" holds its title, lines
    and notice, and a sheet "Utvalg"/"Selection" its facts."""
    book = Workbook()
    ws = book.active
    ws.title = sheet_name(sheet)
    kinds = [(formats or {}).get(column) for column in table.columns]
    rows = [list(table.columns), *table.itertuples(index=False, name=None)]
    for r, row in enumerate(rows, start=1):
        for c, (value, kind) in enumerate(zip(row, kinds), start=1):
            value = escape_cell(str(value) if r == 1 else plain(value))
            if r > 1 and kind == "percent" and isinstance(value, (int, float)):
                value = value / 100
            written = cell(ws, r, c, value)
            if r == 1:
                written.font = Font(bold=True)
            elif kind:
                written.number_format = FORMATS[kind]
    ws.freeze_panes = "A2"
    widths(ws, rows)
    if about:
        notes_sheet(book, about)
        selection_sheet(book, about)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def notes_sheet(book: Workbook, about: About) -> None:
    """The sheet "Om tabellen"/"About": the title (the question in full), then a line each of what a reader
    needs and the notice, in its first column, apart from the table so that the table reads as data."""
    notes = book.create_sheet(sheet_name(about.notes_name()))
    cell(notes, 1, 1, escape_cell(about.table_title())).font = Font(bold=True)
    for r, line in enumerate([*about.table_lines(), about.notice], start=2):
        cell(notes, r, 1, escape_cell(line))
    notes.column_dimensions["A"].width = 120


def selection_sheet(book: Workbook, about: About) -> None:
    """The sheet "Utvalg"/"Selection": what the workbook is of, a fact a row."""
    facts = book.create_sheet(sheet_name(about.selection_sheet))
    for r, (what, value) in enumerate(about.facts, start=1):
        cell(facts, r, 1, escape_cell(what)).font = Font(bold=True)
        cell(facts, r, 2, escape_cell(value))
    widths(facts, [list(pair) for pair in about.facts], most=100)


def cell(ws, row: int, column: int, value):
    written = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        written.data_type = "s"  # openpyxl would otherwise turn a leading "=" into a formula
    return written


def widths(ws, rows: list, most: int = 60) -> None:
    """Each column as wide as its longest value written out (at most `most` characters)."""
    longest: dict[int, int] = {}
    for row in rows:
        for c, value in enumerate(row, start=1):
            value = plain(value)
            text = "" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
            longest[c] = max(longest.get(c, 0), len(text))
    for c, width in longest.items():
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), most)


def to_png(chart: alt.TopLevelMixin, *, scale: float = 2) -> bytes:
    """Rendered on the server with vl-convert (no browser)."""
    return vlc.vegalite_to_png(chart.to_json(), scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> bytes:
    """Rendered on the server with vl-convert (no browser)."""
    return vlc.vegalite_to_svg(chart.to_json()).encode("utf-8")


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the IHDR header (avoids a Pillow dependency)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
