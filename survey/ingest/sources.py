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
"""
from __future__ import annotations

import codecs
import csv
import errno
import io
import numbers
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import unescape

import duckdb
import pandas as pd

from survey.texts.problems import InvalidResponses, Problem, fail, quoted, say

EXTENSIONS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".sav": "sav"}
HEADER_ROWS = {"qualtrics": 3, "surveymonkey": 2}
DELIMITERS = (";", ",", "\t")
MONKEY_PLAIN = {"response", "open-ended response"}
IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:')
HEAD_BYTES = 1 << 20  # the header rows are read from the first megabyte
CHUNK = 1 << 20  # a text file's bytes are checked a megabyte at a time
BOM = b"\xef\xbb\xbf"
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never inside a UTF-8 character
CONTROL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # the same in a workbook's or SPSS file's cell
NOT_CONTROL = bytes(b for b in range(256) if not CONTROL_BYTES.match(bytes([b])))  # deleted, the controls remain
NOT_UTF8 = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as the decoder's surrogateescape gives it
NOT_CP1252 = re.compile("[\udc81\udc8d\udc8f\udc90\udc9d]")  # bytes Windows-1252 has no character for
MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a character UTF-8 writes in more than one byte
CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0b: "VT", 0x0c: "FF", 0x1a: "SUB", 0x1b: "ESC", 0x7f: "DEL"}
FILE_KINDS = ((stat.S_ISDIR, "kind_folder"), (stat.S_ISFIFO, "kind_fifo"), (stat.S_ISCHR, "kind_device"),
              (stat.S_ISBLK, "kind_device"), (stat.S_ISSOCK, "kind_socket"))
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
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

@dataclass
class Found:
    """The first of something in a file: its byte offset (from 0), its line, the byte, and how many in all."""

    offset: int
    line: int
    byte: int
    count: int


@dataclass
class TextScan:
    """What one pass over every byte of a text file found."""

    bom: bool = False  # it starts with UTF-8's byte order mark
    multibyte: bool = False  # it has characters UTF-8 writes in several bytes
    not_utf8: Found | None = None  # bytes that are not UTF-8
    not_cp1252: Found | None = None  # of those, the bytes that are no character of Windows-1252 either
    control: Found | None = None  # control characters (C0 but tab, CR and LF; DEL)

    @property
    def encoding(self) -> str:
        """UTF-8, unless no byte at all reads as a character of UTF-8's beyond ASCII: then Windows-1252."""
        return "cp1252" if self.not_utf8 and not self.multibyte and not self.bom else "utf-8"


def _first(found: Found | None, chunk: bytes, at: int, start: int, lines: int, count: int) -> Found:
    """`found` counted on, or the first: at index `at` of `chunk`, which begins at byte `start` after `lines`
    line ends."""
    if found is not None:
        found.count += count
        return found
    return Found(start + at, lines + chunk.count(b"\n", 0, at) + 1, chunk[at], count)


def scan_text(path: Path) -> TextScan:
    """Check every byte of a text file once, a megabyte at a time: where its first control character is, whether
    it is UTF-8 (decoded incrementally and strictly, which is fast; from a byte that is not UTF-8 on, with each
    such byte kept as a surrogate, to say where the first is and count them)."""
    scan = TextScan()
    strict = codecs.getincrementaldecoder("utf-8")()
    lenient = None  # the decoder from the first byte that is not UTF-8 on
    start = lines = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            if start == 0:
                scan.bom = chunk.startswith(BOM)
            if chunk.translate(None, NOT_CONTROL):
                control = CONTROL_BYTES.search(chunk)
                count = len(CONTROL_BYTES.findall(chunk, control.start()))
                scan.control = _first(scan.control, chunk, control.start(), start, lines, count)
            if lenient is None and (not chunk.isascii() or strict.getstate()[0]):
                lenient = _strictly(scan, strict, chunk, start, lines)
            elif lenient is not None:
                _decode(scan, lenient, chunk, start, lines)
            start += len(chunk)
            lines += chunk.count(b"\n")
    if lenient is None:
        lenient = _strictly(scan, strict, b"", start, lines, final=True)
    if lenient is not None:
        _decode(scan, lenient, b"", start, lines, final=True)
    return scan


def _strictly(scan: TextScan, strict, chunk: bytes, start: int, lines: int, final: bool = False):
    """Decode `chunk` strictly; at a byte that is not UTF-8, go on with a lenient decoder (returned), from the
    bytes the strict one held over."""
    pending = strict.getstate()[0]
    try:
        text = strict.decode(chunk, final)
    except UnicodeDecodeError:
        lenient = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        lenient.decode(pending)
        if not final:
            _decode(scan, lenient, chunk, start, lines)
        return lenient
    scan.multibyte = scan.multibyte or not text.isascii()
    return None


def _decode(scan: TextScan, decoder, chunk: bytes, start: int, lines: int, final: bool = False) -> None:
    pending = decoder.getstate()[0]  # the start of a character the last chunk cut off (never a line end)
    text = decoder.decode(chunk, final)
    scan.multibyte = scan.multibyte or bool(MULTIBYTE.search(text))
    for pattern, kind in ((NOT_UTF8, "not_utf8"), (NOT_CP1252, "not_cp1252")):
        bad = pattern.search(text)
        if bad:
            at = len(text[:bad.start()].encode("utf-8", "surrogateescape"))
            setattr(scan, kind, _first(getattr(scan, kind), pending + chunk, at, start - len(pending), lines,
                                       len(pattern.findall(text, bad.start()))))


def _row_of_line(path: Path, delimiter: str, line: int) -> int:
    """The row (as a spreadsheet counts) that holds line `line` of a text file: a cell with a line break in it
    makes them differ."""
    row = 0
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            for _ in reader:
                row += 1
                if reader.line_num >= line:
                    return row
        except csv.Error:
            pass
    return line


def _plural(count: int, one: str, many: str):
    return lambda lang: say(one if count == 1 else many, lang)


def _not_utf8(found: Found, row: int, bom: bool) -> Problem:
    try:
        char = bytes([found.byte]).decode("cp1252")
        meaning = lambda lang: say("as_cp1252", lang, char=quoted(char))  # noqa: E731
    except UnicodeDecodeError:
        meaning = lambda lang: say("no_cp1252", lang)  # noqa: E731
    return Problem("file_not_utf8", row=row, values={
        "offset": found.offset, "byte": f"0x{found.byte:02X}", "char": meaning, "count": found.count,
        "bytes": _plural(found.count, "such_byte", "such_bytes"),
        "why": lambda lang: say("utf8_bom" if bom else "utf8_elsewhere", lang)})


def _control(found: Found, row: int) -> Problem:
    name = CONTROL_NAMES.get(found.byte)
    return Problem("file_control_at", row=row, values={
        "char": f"U+{found.byte:04X}" + (f" {name}" if name else ""), "offset": found.offset,
        "count": found.count, "characters": _plural(found.count, "such_character", "such_characters")})


def text_problems(path: Path, name: str, scan: TextScan, delimiter: str) -> None:
    """InvalidResponses for a text file that is not all one encoding or holds control characters, each named
    by its row and byte offset; a file that is not text from its first line on is said to be so."""
    if scan.control and scan.control.line == 1:
        fail(name, "file_nul" if scan.control.byte == 0 else "file_control")
    neither = scan.not_cp1252 if scan.encoding == "cp1252" else None
    if neither and neither.line == 1:
        fail(name, "file_encoding")
    problems = []
    if scan.not_utf8 and scan.encoding == "utf-8":
        problems.append(_not_utf8(scan.not_utf8, _row_of_line(path, delimiter, scan.not_utf8.line), scan.bom))
    if neither:
        problems.append(Problem("file_neither", row=_row_of_line(path, delimiter, neither.line),
                                values={"offset": neither.offset, "byte": f"0x{neither.byte:02X}"}))
    if scan.control:
        problems.append(_control(scan.control, _row_of_line(path, delimiter, scan.control.line)))
    if problems:
        raise InvalidResponses(name, problems)


def _delimiter(text: str) -> str:
    """The most frequent of ; , and tab outside quotes on the header line (a comma if none)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    inside = False
    for char in text:
        if char == '"':
            inside = not inside
        elif not inside and char in "\r\n":
            break
        elif not inside and char in counts:
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
            while chunk := src.read(1 << 22):  # every byte was checked for control characters (scan_text)
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
    """The head of a CSV file, once every byte of it has been checked (scan_text, text_problems)."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
        complete = not fh.read(1)
    if not head.strip(b"\xef\xbb\xbf \t\r\n"):
        fail(name, "file_empty")
    if head.startswith(b"PK\x03\x04"):
        fail(name, "file_zip")
    scan = scan_text(path)
    encoding = scan.encoding
    text = head.decode(encoding, errors="ignore")
    delimiter = _delimiter(text.removeprefix("\ufeff"))
    text_problems(path, name, scan, delimiter)
    grid = _head_rows(text, delimiter, complete)
    if not grid:
        fail(name, "file_empty")
    layout = layout_of(grid)
    header = header_of(grid, layout)
    if len(header) > MAX_COLUMNS:
        fail(name, "file_too_wide", count=len(header), limit=MAX_COLUMNS)
    return Head(encoding, delimiter, layout, header)


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
    source.readable = _cp1252_copy(source.path, folder, source.name)


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
        "sheet": quoted(title), "count": found.count, "cells": _plural(found.count, "cell", "cells"),
        "where": ", ".join(found.cells) + (" …" if found.count > len(found.cells) else ""),
        "example": (lambda lang: say("formula_example", lang, cell=example[0], formula=quoted("=" + example[1])))
        if example else ""})


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
        formulas = unstored_formulas(path, ws._worksheet_path)  # openpyxl reads such a cell as empty
        if formulas.count:
            raise InvalidResponses(name, [_formula_problem(formulas, ws.title)])
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


def _grid_controls(grid: list[list[str]], name: str) -> None:
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
        "characters": _plural(count, "such_character", "such_characters")})])


def _load_grid(con: duckdb.DuckDBPyConnection, grid: list[list[str]], source: Source) -> Source:
    """A grid of cells (header rows included) as the table `source` with its rows numbered."""
    if not any(c.strip() for row in grid for c in row):
        fail(source.name, "file_empty")
    _grid_controls(grid, source.name)
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
            grid, sheets, title = _read_xlsx(path, name, sheet)
            source = _load_grid(con, grid, Source(path, name, container, None, [], sheets, title))
        else:
            source = _load_grid(con, _read_sav(path, name, keep_codes), Source(path, name, container, None, []))
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
