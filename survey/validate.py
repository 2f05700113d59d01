"""Validation of a responses file against the codebook, before anything is written.

A responses file has the columns of the data contract: respondent_id, wave, one column per single-choice
question (the option id), one column per option of a multi-choice question (1 or 0), one text column per open
question; a cell is empty where the question was not asked. Rows are counted as a spreadsheet shows them: the
header is row 1, the first respondent row 2.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from survey.codebook import Codebook, Question

TRUE_VALUES = {"1", "true"}
FALSE_VALUES = {"0", "false"}
MAX_TEXT = 2000
SHOWN_PER_KIND = 3


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str
    kind: str = ""  # problems of one kind in one column are grouped in the report

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class InvalidResponses(ValueError):
    """The responses file does not fit the codebook. Carries every problem found."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        """The problems, repeats of one kind grouped, and a one-line verdict at the end."""
        lines: list[str] = []
        by_kind: dict[tuple, list[Problem]] = {}
        for p in self.problems:
            by_kind.setdefault((p.column, p.kind or p.message), []).append(p)
        for group in by_kind.values():
            lines.extend(str(p) for p in group[:SHOWN_PER_KIND])
            if len(group) > SHOWN_PER_KIND:
                lines.append(f"  ... and {len(group) - SHOWN_PER_KIND} more like this")
        count = len(self.problems)
        lines.append(f"{self.source} was not loaded: {count} problem{'s' if count != 1 else ''} found, "
                     "nothing was written.")
        return "\n".join(lines)


@dataclass
class Responses:
    """Validated responses: one dict per respondent with typed values (None where not asked)."""

    rows: list[dict]


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a comma-separated UTF-8 file (a byte order mark is allowed)."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InvalidResponses(str(path), [Problem(None, None, f"the file is not UTF-8 text ({err.reason} at byte {err.start})")])
    except OSError as err:
        raise InvalidResponses(str(path), [Problem(None, None, f"the file cannot be read ({err.strerror})")])
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise InvalidResponses(str(path), [Problem(None, None, f"the file is not valid CSV ({err})")])
    if not table or not any(table[0]):
        raise InvalidResponses(str(path), [Problem(None, None, "the file is empty")])
    return [h.strip() for h in table[0]], table[1:]


def check_header(header: list[str], codebook: Codebook) -> list[Problem]:
    expected = codebook.columns()
    problems = [Problem(1, c, "missing column") for c in expected if c not in header]
    problems += [Problem(1, c, "unknown column, not in the codebook") for c in header if c not in expected]
    seen: set[str] = set()
    for c in header:
        if c in seen:
            problems.append(Problem(1, c, "the column appears twice"))
        seen.add(c)
    return problems


def is_asked(question: Question, record: dict, codebook: Codebook) -> bool:
    """Whether `question` was asked of the respondent in `record` (routing)."""
    route = question.asked_of
    if route.everyone:
        return True
    parent = codebook[route.question]
    if not is_asked(parent, record, codebook):
        return False
    if parent.kind == "single":
        return record.get(parent.id) in route.values
    return bool((record.get(parent.id) or {}).get(route.option))


def routing_sentence(question: Question) -> str:
    route = question.asked_of
    if route.values:
        return f"{route.question} is {' or '.join(route.values)}"
    return f"{route.question}__{route.option} is chosen"


class RowChecker:
    """Reads one row of cells into a typed record, collecting problems."""

    def __init__(self, codebook: Codebook, header: list[str], blank_unchosen: bool = False):
        self.codebook = codebook
        self.index = {c: i for i, c in enumerate(header)}
        self.blank_unchosen = blank_unchosen

    def cell(self, cells: list[str], column: str) -> str:
        i = self.index[column]
        return cells[i].strip() if i < len(cells) else ""

    def read(self, row: int, cells: list[str], problems: list[Problem]) -> dict:
        record: dict = {"respondent_id": self.respondent_id(row, cells, problems)}
        record["wave"] = self.cell(cells, "wave")
        if not record["wave"]:
            problems.append(Problem(row, "wave", "empty, every respondent needs a wave", "no_answer"))
        for q in self.codebook.questions:
            asked = is_asked(q, record, self.codebook)
            reader = self.single if q.kind == "single" else self.multi
            record[q.id] = reader(q, asked, row, cells, problems)
            if q.open_text:
                record[f"{q.id}_text"] = self.text(q, asked, row, cells, problems)
        return record

    def respondent_id(self, row: int, cells: list[str], problems: list[Problem]) -> int | None:
        value = self.cell(cells, "respondent_id")
        if not value.isdigit() or int(value) < 1 or int(value) >= 2**31:
            problems.append(Problem(row, "respondent_id", f"{value!r} is not a positive whole number", "id"))
            return None
        return int(value)

    def not_asked(self, q: Question, column: str, value: str, row: int, problems: list[Problem]) -> None:
        problems.append(Problem(row, column, f"answer to a question that was not asked: {value!r}, "
                                             f"but {q.id} is only asked when {routing_sentence(q)}", "not_asked"))

    def single(self, q: Question, asked: bool, row: int, cells: list[str], problems: list[Problem]) -> str | None:
        value = self.cell(cells, q.id)
        if not asked:
            if value:
                self.not_asked(q, q.id, value, row, problems)
            return None
        if not value:
            problems.append(Problem(row, q.id, "no answer, but the question was asked", "no_answer"))
        elif value not in q.option_ids:
            problems.append(Problem(row, q.id, f"unknown option: {value!r} is not one of {', '.join(q.option_ids)}", "unknown"))
        else:
            return value
        return None

    def multi(self, q: Question, asked: bool, row: int, cells: list[str], problems: list[Problem]) -> dict | None:
        chosen: dict[str, bool] = {}
        for option in q.option_ids:
            column = f"{q.id}__{option}"
            value = self.cell(cells, column)
            if not asked:
                if value:
                    self.not_asked(q, column, value, row, problems)
            elif value.lower() in TRUE_VALUES or value.lower() in FALSE_VALUES:
                chosen[option] = value.lower() in TRUE_VALUES
            elif not value and self.blank_unchosen:
                chosen[option] = False
            else:
                problems.append(Problem(row, column, f"unknown option value: {value!r}, expected 1 or 0", "unknown"))
        return chosen if asked else None

    def text(self, q: Question, asked: bool, row: int, cells: list[str], problems: list[Problem]) -> str | None:
        column = f"{q.id}_text"
        value = self.cell(cells, column)
        if value and not asked:
            self.not_asked(q, column, value, row, problems)
        elif len(value) > MAX_TEXT:
            problems.append(Problem(row, column, f"text longer than {MAX_TEXT} characters", "long"))
        return value or None


@dataclass
class Table:
    """Cells read from a source file, before validation. `row_numbers` says where each row stands in the
    source (as a spreadsheet counts), for the report; `blank_unchosen`: an empty multi-choice cell of a
    respondent who was asked means "not chosen" (exports that write only the chosen options)."""

    source: str
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    blank_unchosen: bool = False


def validate_table(table: Table, codebook: Codebook) -> Responses:
    """The responses of `table`, checked against `codebook`; raises InvalidResponses with every problem."""
    problems = check_header(table.header, codebook)
    if problems:
        raise InvalidResponses(table.source, problems)
    if not table.rows:
        raise InvalidResponses(table.source, [Problem(None, None, "the file has a header but no respondents")])
    checker = RowChecker(codebook, table.header, table.blank_unchosen)
    records: list[dict] = []
    first_row: dict[int, int] = {}
    for row, cells in zip(table.row_numbers, table.rows):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(table.header):
            problems.append(Problem(row, None, f"{len(cells)} cells, but the header has {len(table.header)} columns",
                                    "cells"))
            continue
        record = checker.read(row, cells, problems)
        rid = record["respondent_id"]
        if rid in first_row:
            problems.append(Problem(row, "respondent_id", f"duplicate respondent id {rid}, first seen in row "
                                                          f"{first_row[rid]}", "duplicate"))
        elif rid is not None:
            first_row[rid] = row
        records.append(record)
    if problems:
        raise InvalidResponses(table.source, problems)
    return Responses(records)


def validate(path: Path, codebook: Codebook) -> Responses:
    """The responses in the CSV file `path` (the layout of data/responses.csv), checked against `codebook`."""
    header, rows = read_table(path)
    return validate_table(Table(str(path), header, rows, list(range(2, len(rows) + 2))), codebook)
