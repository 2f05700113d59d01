"""Every byte of a text file checked once, a megabyte at a time: it is UTF-8, or else Windows-1252 throughout
(Norwegian Excel's); a file that is UTF-8 but for some bytes, or that holds control characters, is refused with
the row and the byte named (text_problems). A file in Windows-1252 is copied to UTF-8 for DuckDB (cp1252_copy).
Part of reading an export (survey.ingest.sources).
"""
from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass
from pathlib import Path

from survey.texts.problems import InvalidResponses, Problem, fail, quoted, say

CHUNK = 1 << 20  # a text file's bytes are checked a megabyte at a time
BOM = b"\xef\xbb\xbf"
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never inside a UTF-8 character
NOT_CONTROL = bytes(b for b in range(256) if not CONTROL_BYTES.match(bytes([b])))  # deleted, the controls remain
NOT_UTF8 = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as the decoder's surrogateescape gives it
NOT_CP1252 = re.compile("[\udc81\udc8d\udc8f\udc90\udc9d]")  # bytes Windows-1252 has no character for
MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a character UTF-8 writes in more than one byte
CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0b: "VT", 0x0c: "FF", 0x1a: "SUB", 0x1b: "ESC", 0x7f: "DEL"}


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


def plural(count: int, one: str, many: str):
    """The text `one` or `many` by `count`, as a value of a problem's message (said in the report's language)."""
    return lambda lang: say(one if count == 1 else many, lang)


def _not_utf8(found: Found, row: int, bom: bool) -> Problem:
    try:
        char = bytes([found.byte]).decode("cp1252")
        meaning = lambda lang: say("as_cp1252", lang, char=quoted(char))  # noqa: E731
    except UnicodeDecodeError:
        meaning = lambda lang: say("no_cp1252", lang)  # noqa: E731
    return Problem("file_not_utf8", row=row, values={
        "offset": found.offset, "byte": f"0x{found.byte:02X}", "char": meaning, "count": found.count,
        "bytes": plural(found.count, "such_byte", "such_bytes"),
        "why": lambda lang: say("utf8_bom" if bom else "utf8_elsewhere", lang)})


def _control(found: Found, row: int) -> Problem:
    name = CONTROL_NAMES.get(found.byte)
    return Problem("file_control_at", row=row, values={
        "char": f"U+{found.byte:04X}" + (f" {name}" if name else ""), "offset": found.offset,
        "count": found.count, "characters": plural(found.count, "such_character", "such_characters")})


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


def cp1252_copy(path: Path, folder: Path, name: str) -> Path:
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
