"""Export files as DuckDB reads them: each answer a row with one text column per column of the file (c1, c2,
... in file order) and `_row`, the row as a spreadsheet counts it (the header is row 1; a Qualtrics export's
first answer is row 4).

A CSV file is read by DuckDB itself, as it streams (Source.relation: read_csv with the delimiter found on the
header line, every column as text or as the types asked for), never held whole in memory; its malformed rows
are collected with their line rather than stopping at the first. Norwegian Excel's Windows-1252 is turned
into UTF-8 first. Excel workbooks and SPSS files are read in Python (openpyxl, pyreadstat) and handed to
DuckDB as the table `source`. The raw export layouts of Qualtrics (three header rows) and SurveyMonkey (two)
are recognised by their header rows.
"""
from __future__ import annotations

import csv
import io
import numbers
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from survey.problems import InvalidResponses, Problem, fail

EXTENSIONS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".sav": "sav"}
HEADER_ROWS = {"qualtrics": 3, "surveymonkey": 2}
DELIMITERS = (";", ",", "\t")
MONKEY_PLAIN = {"response", "open-ended response"}
IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:')
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HEAD_BYTES = 1 << 20  # the header rows are read from the first megabyte
MAX_COLUMNS = 2000


READ_CSV = """read_csv($path, header = false, skip = $skip, columns = $columns, delim = $delim, quote = '"',
    escape = '"', auto_detect = false, strict_mode = true{rejects})"""
REJECTS = ", store_rejects = true, ignore_errors = true, rejects_table = 'rejects', rejects_scan = 'reject_scans'"


@dataclass
class Source:
    """A file as DuckDB reads it (see the module's docstring)."""

    path: Path
    name: str  # the file as the report names it
    container: str  # csv, xlsx or sav
    layout: str | None  # qualtrics, surveymonkey or None
    header: list[str]
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets
    sheet: str | None = None  # the sheet read
    first_row: int = 2  # the spreadsheet row of the first answer
    delimiter: str = ","  # of a CSV file
    readable: Path | None = None  # a CSV file as UTF-8 (the file itself, or a copy made from Windows-1252)
    _rows: list[int] | None = None

    @property
    def streamed(self) -> bool:
        """A CSV file, read by DuckDB as it streams; else the table `source` holds the answers."""
        return self.container == "csv"

    def relation(self, types: dict[int, str] | None = None, rejects: bool = False) -> tuple[str, dict]:
        """What to read the answers FROM in SQL, and the values it binds: read_csv of the file (its columns
        typed as `types` says, by number, the rest text; collecting malformed rows with `rejects`), or the
        table `source`. Only `source` has `_row`; for a CSV file it is rowid + first_row of a table made from
        it in file order."""
        if not self.streamed:
            return "source", {}
        columns = {f"c{i}": (types or {}).get(i, "VARCHAR") for i in range(1, len(self.header) + 1)}
        return READ_CSV.format(rejects=REJECTS if rejects else ""), {
            "path": str(self.readable or self.path), "skip": self.first_row - 1, "columns": columns,
            "delim": self.delimiter}

    def row(self, index_row: int) -> int:
        """The spreadsheet row of the answer DuckDB numbered `index_row` (its rowid + first_row): the same,
        unless blank lines in a CSV file (which DuckDB skips) push the later rows down."""
        if not self.streamed:
            return index_row
        if self._rows is None:
            self._rows = _record_rows(self.readable or self.path, self.first_row, self.delimiter) \
                if _has_blank_line(self.readable or self.path) else []
        index = index_row - self.first_row
        return self._rows[index] if 0 <= index < len(self._rows) else index_row


def _reason(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


# --- text files ---------------------------------------------------------------------------------------------

def _check_text(head: bytes, name: str) -> str:
    """The encoding of a text file by its first bytes (utf-8 or cp1252), or InvalidResponses."""
    if head.startswith(b"PK\x03\x04"):
        fail(name, "file_zip")
    if b"\x00" in head:
        fail(name, "file_nul")
    body = head.removeprefix(b"\xef\xbb\xbf")
    for encoding in ("utf-8", "cp1252"):
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as err:
            if encoding == "utf-8" and err.reason == "unexpected end of data":  # a character cut off by the head
                text = body[:err.start].decode(encoding, errors="replace")
            else:
                continue
        if CONTROL.search(text):
            fail(name, "file_control")
        return encoding
    fail(name, "file_encoding")


def _delimiter(text: str) -> str:
    """The most frequent of ; , and tab outside quotes on the header line (a comma if none)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _head_rows(text: str, delimiter: str, complete: bool) -> list[list[str]]:
    """The first records of the file (at most three), as Python's csv reads them."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            if row:
                rows.append(row)
            if len(rows) == 4:
                break
    except csv.Error:
        pass  # an unclosed quote in the head: DuckDB reports it with its line
    return rows if complete or len(rows) < 4 else rows[:3]


def _cp1252_copy(path: Path, folder: Path, name: str) -> Path:
    """The file as UTF-8, for DuckDB, which reads UTF-8 only."""
    target = folder / "utf8.csv"
    if target.exists():
        return target
    try:
        with open(path, encoding="cp1252", newline="") as src, open(target, "w", encoding="utf-8", newline="") as out:
            while chunk := src.read(1 << 22):  # the head was checked for control characters; the rest is read
                out.write(chunk)
    except UnicodeDecodeError:
        fail(name, "file_encoding")
    return target


def _csv_problem(line: int, kind: str, message: str, width: int) -> Problem:
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        found = re.search(r"Found:\s*(\d+)", message)
        cells = int(found.group(1)) if found else "?"
        return Problem("csv_cells", row=line, values={"cells": cells, "columns": width})
    if "unterminated quote" in message.lower():
        return Problem("csv_quote", row=line)
    return Problem("csv_invalid", row=line, values={"reason": _reason(Exception(message))})


def _record_rows(path: Path, first_row: int, delimiter: str) -> list[int]:
    """The spreadsheet row of every non-blank record after the header rows (blank lines count as rows)."""
    rows, number = [], 0
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        try:
            for record in csv.reader(fh, delimiter=delimiter):
                number += 1
                if number >= first_row and record:
                    rows.append(number)
        except csv.Error:
            pass
    return rows


@dataclass(frozen=True)
class Head:
    """What the first megabyte of a CSV file says: its encoding, delimiter, header rows and layout."""

    encoding: str
    delimiter: str
    layout: str | None
    header: list[str]


def csv_head(path: Path, name: str) -> Head:
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
        complete = not fh.read(1)
    if not head.strip(b"\xef\xbb\xbf \t\r\n"):
        fail(name, "file_empty")
    encoding = _check_text(head, name)
    text = head.decode(encoding if encoding == "cp1252" else "utf-8", errors="ignore")
    delimiter = _delimiter(text.removeprefix("\ufeff"))
    grid = _head_rows(text, delimiter, complete)
    if not grid:
        fail(name, "file_empty")
    layout = layout_of(grid)
    header = header_of(grid, layout)
    if len(header) > MAX_COLUMNS:
        fail(name, "file_too_wide", count=len(header), limit=MAX_COLUMNS)
    return Head(encoding, delimiter, layout, header)


def rejected(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """The rows a read with rejects (Source.relation) found malformed, as (line, type, message), and forget them."""
    rows = con.execute("SELECT line, error_type, error_message FROM rejects ORDER BY line").fetchall()
    con.execute("DROP TABLE IF EXISTS rejects; DROP TABLE IF EXISTS reject_scans")
    return rows


def csv_problems(source: Source, rows: list[tuple]) -> list[Problem]:
    """The malformed rows of a CSV file (rejected) as problems, each at the spreadsheet row where it starts
    (DuckDB counts lines, which differ from rows after a cell with a line break in it)."""
    rows_of = _line_rows(source.readable or source.path, source.delimiter) if rows else {}
    return [_csv_problem(rows_of.get(line, line), kind, message, len(source.header)) for line, kind, message in rows]


def _line_rows(path: Path, delimiter: str) -> dict[int, int]:
    """{the line a record starts on: its row}, as Python's csv reads the file (as far as it can)."""
    out, line, row = {}, 0, 0
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            for _ in reader:
                row += 1
                out[line + 1] = row
                line = reader.line_num
        except csv.Error:
            out.setdefault(line + 1, row + 1)
    return out


def needs_cp1252(rows: list[tuple]) -> bool:
    """Whether a read found bytes that are not UTF-8 (the file is then taken for Windows-1252)."""
    return any(kind == "INVALID UNICODE" for _, kind, _ in rows)


def as_utf8(source: Source, folder: Path) -> None:
    """Read the CSV file from now on as a UTF-8 copy made from Windows-1252 in `folder`."""
    source.readable = _cp1252_copy(source.path, folder, source.name)


def load_csv(path: Path, name: str, folder: Path) -> Source:
    """A CSV file, by its head: the layout, header rows and delimiter it is read with (nothing read yet).
    A head in Windows-1252 is copied to UTF-8 in `folder` at once."""
    head = csv_head(path, name)
    source = Source(path, name, "csv", head.layout, head.header, first_row=HEADER_ROWS.get(head.layout, 1) + 1,
                    delimiter=head.delimiter)
    if head.encoding == "cp1252":
        as_utf8(source, folder)
    return source


def _has_blank_line(path: Path) -> bool:
    with open(path, "rb") as fh:
        tail = b""
        while chunk := fh.read(1 << 22):
            block = tail + chunk
            if b"\n\n" in block or b"\n\r\n" in block:
                return True
            tail = block[-2:]
    return False


# --- workbooks and SPSS files -------------------------------------------------------------------------------

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


def _read_xlsx(path: Path, name: str, sheet: str | None) -> tuple[list[list[str]], list[str], str]:
    import openpyxl
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds of error for a file that is not a workbook
        fail(name, "file_not_xlsx", reason=_reason(err))
    try:
        if sheet is not None and sheet not in book.sheetnames:
            fail(name, "file_no_sheet", sheet=repr(sheet), sheets=", ".join(book.sheetnames))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        ws.reset_dimensions()
        grid = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
        names, title = list(book.sheetnames), ws.title
    except InvalidResponses:
        raise
    except Exception as err:
        fail(name, "file_xlsx_unreadable", reason=_reason(err))
    finally:
        book.close()
    width = max((i + 1 for row in grid for i, c in enumerate(row) if c), default=0)
    return [(row + [""] * width)[:width] for row in grid], names, title


def _read_sav(path: Path, name: str, keep_codes: Callable[[str], bool]) -> list[list[str]]:
    """Coded values as their value labels (as apply_value_formats does), but columns for which `keep_codes`
    says so (multi-choice options: 1/0) keep their codes."""
    import pyreadstat
    try:
        codes, meta = pyreadstat.read_sav(str(path))
        frame = pyreadstat.set_value_labels(codes, meta, formats_as_category=False)
    except Exception as err:  # pyreadstat's errors for a file that is not a .sav
        fail(name, "file_not_sav", reason=_reason(err))
    header = [str(c) for c in frame.columns]
    for column in frame.columns:
        if keep_codes(str(column)):
            frame[column] = codes[column]
    rows = frame.astype(object).itertuples(index=False, name=None)
    return [header] + [[_cell(None if pd.isna(v) else v) for v in row] for row in rows]


def _load_grid(con: duckdb.DuckDBPyConnection, grid: list[list[str]], source: Source) -> Source:
    """A grid of cells (header rows included) as the table `source` with its rows numbered."""
    if not any(c.strip() for row in grid for c in row):
        fail(source.name, "file_empty")
    source.layout = layout_of(grid)
    source.header = header_of(grid, source.layout)
    if len(source.header) > MAX_COLUMNS:
        fail(source.name, "file_too_wide", count=len(source.header), limit=MAX_COLUMNS)
    skip = HEADER_ROWS.get(source.layout, 1)
    source.first_row = skip + 1
    kept = [(n, row) for n, row in enumerate(grid[skip:], start=skip + 1) if any(c.strip() for c in row)]
    columns = {"_row": [n for n, _ in kept]}
    for i in range(len(source.header)):
        columns[f"c{i + 1}"] = [(row[i] if i < len(row) and row[i] != "" else None) for _, row in kept]
    frame = pd.DataFrame(columns).astype({f"c{i + 1}": object for i in range(len(source.header))})  # noqa: F841
    con.execute("CREATE OR REPLACE TABLE source AS SELECT * FROM frame")
    return source


# --- the header rows ----------------------------------------------------------------------------------------

def layout_of(grid: list[list[str]]) -> str | None:
    """qualtrics or surveymonkey by the header rows, else None."""
    if len(grid) >= 3:
        filled = [c for c in grid[2] if c.strip()]
        if filled and all(IMPORT_ID.match(c) for c in filled):
            return "qualtrics"
    if len(grid) >= 2:
        top, second = grid[0], grid[1]
        pairs = [(top[i].strip() if i < len(top) else "", s.strip()) for i, s in enumerate(second)]
        # "Response" under a question, or an option under the blank over a multi-choice question's later
        # columns (its first column, the respondent's id, is blank there: in a data row it is not)
        if any(t and s.lower() in MONKEY_PLAIN for t, s in pairs) or (
                pairs and not pairs[0][1] and any(not t and s for t, s in pairs[1:])):
            return "surveymonkey"
    return None


def _monkey_names(top: list[str], second: list[str]) -> list[str]:
    """"question" or "question | option": the question text stands over the first of its columns only."""
    names, question = [], ""
    for i in range(max(len(top), len(second))):
        question = (top[i].strip() if i < len(top) else "") or question
        option = second[i].strip() if i < len(second) else ""
        names.append(question if not option or option.lower() in MONKEY_PLAIN else f"{question} | {option}")
    return names


def header_of(grid: list[list[str]], layout: str | None) -> list[str]:
    if layout == "surveymonkey":
        return _monkey_names(grid[0], grid[1])
    return [c.strip() for c in grid[0]]


# --- any file -----------------------------------------------------------------------------------------------

def container_of(path: Path, name: str) -> str:
    container = EXTENSIONS.get(path.suffix.lower())
    if container is None:
        fail(name, "file_kind", suffix=repr(path.suffix or path.name))
    return container


def load(con: duckdb.DuckDBPyConnection, path: Path, folder: Path, *, name: str | None = None,
         sheet: str | None = None, keep_codes: Callable[[str], bool] = lambda column: False) -> Source:
    """The file at `path` (see the module's docstring): a CSV file by its head, a workbook or SPSS file read into
    the table `source`. `folder`: where a copy may be made (a CSV file in Windows-1252 as UTF-8);
    `keep_codes(column)`: an SPSS column whose codes are kept rather than turned into their labels. Raises
    InvalidResponses."""
    path = Path(path)
    name = name or path.name
    container = container_of(path, name)
    try:
        if path.stat().st_size == 0:
            fail(name, "file_empty")
        if container == "csv":
            source = load_csv(path, name, folder)
        elif container == "xlsx":
            grid, sheets, title = _read_xlsx(path, name, sheet)
            source = _load_grid(con, grid, Source(path, name, container, None, [], sheets, title))
        else:
            source = _load_grid(con, _read_sav(path, name, keep_codes), Source(path, name, container, None, []))
    except OSError as err:
        fail(name, "file_unreadable", reason=err.strerror or str(err))
    if not any(source.header):
        fail(name, "file_header_empty")
    return source


def detect_format(path) -> str:
    """csv, xlsx, sav, qualtrics or surveymonkey, by the extension and, for CSV and XLSX, the header rows."""
    con = duckdb.connect()
    try:
        with tempfile.TemporaryDirectory() as folder:
            source = load(con, Path(path), Path(folder))
    finally:
        con.close()
    return source.layout or source.container
