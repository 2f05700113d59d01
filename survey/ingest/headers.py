"""The header rows of an export: its layout (the raw exports of Qualtrics, three header rows, and SurveyMonkey,
two, recognised by them; else one), the columns' names they give, and a CSV file's head: its encoding (decided
on every byte of it: survey.ingest.encoding), its delimiter and its header rows, from its first megabyte.
Part of reading an export (survey.ingest.sources).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from survey.ingest.encoding import scan_text, text_problems
from survey.texts.problems import fail

HEADER_ROWS = {"qualtrics": 3, "surveymonkey": 2}  # by layout; any other file has one
DELIMITERS = (";", ",", "\t")
MONKEY_PLAIN = {"response", "open-ended response"}
IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:')
HEAD_BYTES = 1 << 20  # the header rows are read from the first megabyte
MAX_COLUMNS = 2000  # a wider file is refused


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
    """The columns' names: the header row's, or SurveyMonkey's question over its option (_monkey_names)."""
    if layout == "surveymonkey":
        return _monkey_names(grid[0], grid[1])
    return [c.strip() for c in grid[0]]


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
