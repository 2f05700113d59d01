"""Excel workbooks and SPSS files read in Python (openpyxl, pyreadstat) into a grid of text cells, header rows
included: whole numbers without ".0", an SPSS file's codes as their value labels. A workbook's formulas without a
stored value are refused, never read as empty (unstored_formulas); a control character in any cell is refused
by the text files' rule (grid_controls). Part of reading an export (survey.ingest.sources).
"""
from __future__ import annotations

import numbers
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import unescape

import pandas as pd

from survey.ingest.encoding import CONTROL_NAMES, plural
from survey.texts.problems import InvalidResponses, Problem, fail, quoted, say

CHUNK = 1 << 20  # a worksheet's XML is read a megabyte at a time
CONTROL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # encoding.CONTROL_BYTES, in a cell
# a worksheet's XML (prefixed or not), as far as finding formulas without a stored value needs it
FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")
CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
CELL_REFERENCE = re.compile(rb'\br="([A-Z]+[0-9]+)"')
CELL_TYPE = re.compile(rb'\bt="(\w+)"')
VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>(.*?)</(?:\w+:)?v>", re.S)
FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?>(.*?)</(?:\w+:)?f>", re.S)
ROW_END = re.compile(rb"</(?:\w+:)?row>")
XML_QUOTES = {"&quot;": '"', "&apos;": "'"}
SHOWN_CELLS = 5


def reason(err: BaseException) -> str:
    """What a problem quotes of an error: its message's first line, or its kind where it says nothing."""
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def _cell(value) -> str:
    """A spreadsheet or SPSS value as text: whole numbers without ".0", booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if number != number:
            return ""
        return str(int(number)) if number.is_integer() else str(number)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _rows_end(block: bytes) -> int:
    """Where the last complete row of a worksheet's XML in `block` ends (0: none has)."""
    end = block.rfind(b"row>")
    while end > 0:
        tag = block.rfind(b"<", 0, end)
        if tag >= 0 and ROW_END.match(block, tag):
            return end + 4
        end = block.rfind(b"row>", 0, end)
    return 0


@dataclass
class Formulas:
    """The cells of a worksheet that hold a formula without a stored value."""

    count: int = 0
    cells: list[str] = field(default_factory=list)  # the first few references (C12)
    example: tuple[str, str] | None = None  # the first that shows its formula: (reference, formula)

    def add(self, attributes: bytes, inner: bytes) -> None:
        value, kind = VALUE.search(inner), CELL_TYPE.search(attributes)
        if value is not None and (value.group(1) or (kind is not None and kind.group(1) == b"str")):
            return  # a stored value, or a formula whose value is the empty text
        reference = CELL_REFERENCE.search(attributes)
        where = reference.group(1).decode("ascii") if reference else "?"
        self.count += 1
        if len(self.cells) < SHOWN_CELLS:
            self.cells.append(where)
        formula = FORMULA_TEXT.search(inner)
        if self.example is None and formula and formula.group(1):
            self.example = (where, unescape(formula.group(1).decode("utf-8", "replace"), XML_QUOTES))


def unstored_formulas(path: Path, member: str) -> Formulas:
    """The formulas without a stored value in the worksheet `member` of the workbook at `path` (a script's
    openpyxl writes formulas so: Excel and LibreOffice store each one's value when they save). The sheet's XML
    is streamed a megabyte at a time; only the parts that have a formula are looked at cell by cell."""
    found = Formulas()
    with zipfile.ZipFile(path) as archive, archive.open(member) as fh:
        tail = b""
        while True:
            chunk = fh.read(CHUNK)
            block = tail + chunk
            end = _rows_end(block) if chunk else len(block)
            part, tail = block[:end], block[end:]
            if FORMULA.search(part):
                for cell in CELL.finditer(part):
                    if cell.group(2) and FORMULA.search(cell.group(2)):
                        found.add(cell.group(1), cell.group(2))
            if not chunk:
                return found


def _formula_problem(found: Formulas, title: str) -> Problem:
    example = found.example
    return Problem("xlsx_formulas", values={
        "sheet": quoted(title), "count": found.count, "cells": plural(found.count, "cell", "cells"),
        "where": ", ".join(found.cells) + (" …" if found.count > len(found.cells) else ""),
        "example": (lambda lang: say("formula_example", lang, cell=example[0], formula=quoted("=" + example[1])))
        if example else ""})


def read_xlsx(path: Path, name: str, sheet: str | None) -> tuple[list[list[str]], list[str], str]:
    """The grid of the sheet `sheet` (else the first), as wide as its widest row, the workbook's sheets and the
    sheet's title."""
    import openpyxl
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds of error for a file that is not a workbook
        fail(name, "file_not_xlsx", reason=reason(err))
    try:
        if sheet is not None and sheet not in book.sheetnames:
            fail(name, "file_no_sheet", sheet=repr(sheet), sheets=", ".join(book.sheetnames))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        formulas = unstored_formulas(path, ws._worksheet_path)  # openpyxl reads such a cell as empty
        if formulas.count:
            raise InvalidResponses(name, [_formula_problem(formulas, ws.title)])
        ws.reset_dimensions()
        grid = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
        names, title = list(book.sheetnames), ws.title
    except InvalidResponses:
        raise
    except Exception as err:
        fail(name, "file_xlsx_unreadable", reason=reason(err))
    finally:
        book.close()
    width = max((i + 1 for row in grid for i, c in enumerate(row) if c), default=0)
    return [(row + [""] * width)[:width] for row in grid], names, title


def read_sav(path: Path, name: str, keep_codes: Callable[[str], bool]) -> list[list[str]]:
    """Coded values as their value labels (as apply_value_formats does), but columns for which `keep_codes`
    says so (multi-choice options: 1/0) keep their codes."""
    import pyreadstat
    try:
        codes, meta = pyreadstat.read_sav(str(path))
        frame = pyreadstat.set_value_labels(codes, meta, formats_as_category=False)
    except Exception as err:  # pyreadstat's errors for a file that is not a .sav
        fail(name, "file_not_sav", reason=reason(err))
    header = [str(c) for c in frame.columns]
    for column in frame.columns:
        if keep_codes(str(column)):
            frame[column] = codes[column]
    rows = frame.astype(object).itertuples(index=False, name=None)
    return [header] + [[_cell(None if pd.isna(v) else v) for v in row] for row in rows]


def grid_controls(grid: list[list[str]], name: str) -> None:
    """A workbook's or SPSS file's cells by the text files' rule: a control character anywhere is refused, the
    first named by its row and column, with how many there are."""
    found = [(r, c, cell) for r, row in enumerate(grid, start=1) for c, cell in enumerate(row)
             if CONTROL_TEXT.search(cell)]
    if not found:
        return
    from openpyxl.utils import get_column_letter  # read only here: workbooks import it where they are read

    row, column, cell = found[0]
    count = sum(len(CONTROL_TEXT.findall(cell)) for _, _, cell in found)
    byte = ord(CONTROL_TEXT.search(cell).group())
    label = CONTROL_NAMES.get(byte)
    raise InvalidResponses(name, [Problem("cell_control", column=get_column_letter(column + 1), row=row, values={
        "char": f"U+{byte:04X}" + (f" {label}" if label else ""), "count": count,
        "characters": plural(count, "such_character", "such_characters")})])
