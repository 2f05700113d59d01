"""Text the pages show as written: the characters Markdown would act on escaped in what carries data (plain),
and tables of data for st.dataframe (their text cells escaped for spreadsheets, their columns wide enough,
free texts wrapped)."""
from __future__ import annotations

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


def whole_columns(frame: pd.DataFrame) -> dict:
    """st.dataframe's column_config that gives each column the width of its longest text, heading included (left to
    itself it fits the values and cuts a longer heading: "Vek…")."""
    def width(column) -> int:
        return 8 * max([len(str(column)), *(len(str(v)) for v in frame[column])]) + 32
    return {column: st.column_config.Column(width=width(column)) for column in frame.columns}


def wrapped_texts(texts: pd.DataFrame) -> dict:
    """st.dataframe's settings for a table of free texts whose cells wrap (on a phone most texts do not fit a
    line): rows of three lines (Streamlit wraps a cell only in rows taller than 4rem) and columns narrow enough
    to fit a phone, which a wider screen stretches."""
    first, *rest = texts.columns
    return {"row_height": 72, "column_config": {first: st.column_config.TextColumn(width=130),
                                                **{c: st.column_config.TextColumn(width=200) for c in rest}}}


def as_text(rows) -> pd.DataFrame:
    """A table of data for st.dataframe, its text cells escaped for spreadsheets (exports.escape_cell): the
    table's own "Download as CSV" writes what it shows, so a free text starting with = + - @ must already be
    text there, as it is in the app's exports."""
    frame = pd.DataFrame(rows)
    for column in frame.select_dtypes(exclude="number").columns:
        frame[column] = frame[column].map(exports.escape_cell)
    return frame
