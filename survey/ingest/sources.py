"""Export files as DuckDB reads them: each answer a row with one text column per column of the file (c1, c2,
... in file order) and `_row`, the row as a spreadsheet counts it (the header is row 1; a Qualtrics export's
first answer is row 4).

A CSV file is read by DuckDB itself, as it streams (Source.relation: read_csv with the delimiter found on the
header line, every column as text or as the types asked for), never held whole in memory; its malformed rows
are collected with their line rather than stopping at the first. Before that, every byte of it is checked
once, a megabyte at a time: it is UTF-8, or else Windows-1252 throughout (Norwegian Excel's, turned into
UTF-8 first); a file that is UTF-8 but for some bytes, or that holds control characters, is refused with the
row and the byte named. Excel workbooks and SPSS files are read in Python (openpyxl, pyreadstat) and handed
to DuckDB as the table `source`; a workbook's formulas without a stored value are refused, never read as
empty. The raw export layouts of Qualtrics (three header rows) and SurveyMonkey (two) are recognised by their
header rows. Only a regular file is read: a folder, a named pipe or a device never is.

The bytes are checked in survey.ingest.encoding, the header rows read in survey.ingest.headers, workbooks and
SPSS files in survey.ingest.grids; here are the file as DuckDB reads it and the entry points (load,
detect_format).
"""
from __future__ import annotations

import csv
import errno
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from survey.ingest.encoding import cp1252_copy
from survey.ingest.grids import grid_controls, read_sav, read_xlsx, reason
from survey.ingest.headers import HEADER_ROWS, MAX_COLUMNS, csv_head, header_of, layout_of
from survey.texts.problems import Problem, fail, say

EXTENSIONS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".sav": "sav"}
FILE_KINDS = ((stat.S_ISDIR, "kind_folder"), (stat.S_ISFIFO, "kind_fifo"), (stat.S_ISCHR, "kind_device"),
              (stat.S_ISBLK, "kind_device"), (stat.S_ISSOCK, "kind_socket"))
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


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


# --- CSV files ----------------------------------------------------------------------------------------------

def _csv_problem(line: int, kind: str, message: str, width: int) -> Problem:
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        found = re.search(r"Found:\s*(\d+)", message)
        cells = int(found.group(1)) if found else "?"
        return Problem("csv_cells", row=line, values={"cells": cells, "columns": width})
    if "unterminated quote" in message.lower():
        return Problem("csv_quote", row=line)
    return Problem("csv_invalid", row=line, values={"reason": reason(Exception(message))})


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


def rejected(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """The rows a read with rejects (Source.relation) found malformed, as (line, type, message), one per line,
    and forget them. DuckDB gives a row that lacks cells once for each missing cell ("Found: 19", "Found: 20",
    ...): the first of them says how many it has."""
    rows = con.execute("SELECT line, arg_min(error_type, coalesce(column_idx, 0)), "
                       "arg_min(error_message, coalesce(column_idx, 0)) FROM rejects GROUP BY line "
                       "ORDER BY line").fetchall()
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


def as_utf8(source: Source, folder: Path) -> None:
    """Read the CSV file from now on as a UTF-8 copy made from Windows-1252 in `folder`."""
    source.readable = cp1252_copy(source.path, folder, source.name)


def load_csv(path: Path, name: str, folder: Path) -> Source:
    """A CSV file, by its head: the layout, header rows and delimiter it is read with (nothing read by DuckDB
    yet). A file in Windows-1252 is copied to UTF-8 in `folder` at once."""
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

def _load_grid(con: duckdb.DuckDBPyConnection, grid: list[list[str]], source: Source) -> Source:
    """A grid of cells (header rows included) as the table `source` with its rows numbered."""
    if not any(c.strip() for row in grid for c in row):
        fail(source.name, "file_empty")
    grid_controls(grid, source.name)
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


# --- any file -----------------------------------------------------------------------------------------------

def file_kind(path: Path) -> str | None:
    """What the path is where it is not a regular file (kind_folder, kind_fifo, ...), else None. Raises OSError
    where there is nothing at the path."""
    mode = path.stat().st_mode
    return None if stat.S_ISREG(mode) else next((kind for test, kind in FILE_KINDS if test(mode)), "kind_other")


def regular(path: Path, name: str) -> None:
    """InvalidResponses for a folder, a named pipe, a device: nothing is ever read from one (a named pipe would
    block the reader, a device such as /dev/zero never ends)."""
    kind = file_kind(path)
    if kind is not None:
        fail(name, "file_not_regular", kind=lambda lang: say(kind, lang))


def disk_full(err: BaseException | None) -> bool:
    """Whether an error (or one it was raised from) is a full disk or a used-up quota: an OSError, or DuckDB's
    IO error with the system's words for it."""
    seen = 0
    while err is not None and seen < 10:
        if isinstance(err, OSError) and err.errno in DISK_FULL:
            return True
        if isinstance(err, duckdb.Error) and any(os.strerror(code) in str(err) for code in DISK_FULL):
            return True
        err, seen = err.__cause__ or err.__context__, seen + 1
    return False


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
    try:
        regular(path, name)
        container = container_of(path, name)
        if path.stat().st_size == 0:
            fail(name, "file_empty")
        if container == "csv":
            source = load_csv(path, name, folder)
        elif container == "xlsx":
            grid, sheets, title = read_xlsx(path, name, sheet)
            source = _load_grid(con, grid, Source(path, name, container, None, [], sheets, title))
        else:
            source = _load_grid(con, read_sav(path, name, keep_codes), Source(path, name, container, None, []))
    except OSError as err:
        if disk_full(err):
            raise  # not the file's fault: survey.ingest.imports says so
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
