"""Text the pages show as written: the characters Markdown would act on escaped in what carries data (plain),
tables of texts as HTML tables (table), and tables of data for st.dataframe (as_text: their text cells escaped
for spreadsheets)."""
from __future__ import annotations

import html
import re

import pandas as pd
import streamlit as st

from survey.output import exports

MARKDOWN = re.compile(r"([\\`*_\[\]~$])|:(?=[A-Za-z])")


def plain(text: str) -> str:
    """Text for an element that renders Markdown (st.caption, st.info, ...), shown as written: the characters
    Markdown would act on are escaped (emphasis, code, links, strike-through, maths, Streamlit's :directives:).
    Captions carry data values, such as the names of waves, that must never become markup."""
    return MARKDOWN.sub(lambda m: "\\" + m.group(0), text)


# Cells that are numbers (1 000, 33,2 %, ±3,1, −0,56, 0,20–5,00) are set right, in one line.
NUMBER = re.compile(r"^[±−+-]?\d")


def table(frame: pd.DataFrame, title: str, *, scroll: bool = False) -> None:
    """A table of texts drawn as an HTML table (table_html): the pages' tables are a few columns of words and
    numbers, and st.dataframe's grid loads about 1.3 MB of code in the browser, a third of a second of a first
    visit to a page with one (docs/performance.md). `scroll`: a long table scrolls in a box of its own."""
    st.html(table_html(frame, title, scroll=scroll))


def table_html(frame: pd.DataFrame, title: str, *, scroll: bool = False) -> str:
    """The frame as an HTML table named `title` (for a screen reader, and the box a keyboard can scroll), every
    text escaped, so a free text shows as written; columns of numbers set right."""
    esc = html.escape
    cells = [["" if pd.isna(v) else str(v) for v in frame[column]] for column in frame.columns]
    numeric = [bool(values) and all(NUMBER.match(v) for v in values if v) for values in cells]
    head = "".join(f'<th scope="col"{_right(n)}>{esc(str(c))}</th>' for c, n in zip(frame.columns, numeric))
    body = "".join("<tr>" + "".join(f"<td{_right(n)}>{esc(v)}</td>" for v, n in zip(row, numeric)) + "</tr>"
                   for row in zip(*cells))
    return (f'<div class="data-wrap{" scroll" if scroll else ""}" role="region" aria-label="{esc(title)}" '
            f'tabindex="0"><table class="data-table"><caption class="sr-only">{esc(title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def _right(number: bool) -> str:
    return ' class="num"' if number else ""


def as_text(rows) -> pd.DataFrame:
    """A table of data for st.dataframe, its text cells escaped for spreadsheets (exports.escape_cell): the
    table's own "Download as CSV" writes what it shows, so a free text starting with = + - @ must already be
    text there, as it is in the app's exports."""
    frame = pd.DataFrame(rows)
    for column in frame.select_dtypes(exclude="number").columns:
        frame[column] = frame[column].map(exports.escape_cell)
    return frame
