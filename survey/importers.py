"""Survey exports as people have them, turned into a `Table` in the codebook's layout for `validate_table`.

Formats: CSV (Norwegian Excel's semicolons and Windows-1252, or UTF-8, with or without a byte order mark),
Excel workbooks (.xlsx), SPSS (.sav, its value labels applied), and the raw exports of Qualtrics (three header
rows) and SurveyMonkey (two header rows) as CSV or XLSX. A YAML mapping (data/mapping.example.yaml) renames
source columns and values; option ids and labels need none. Cells that do not fit are left for the validator to
report; reading itself fails only with InvalidResponses, for a file (or mapping) that cannot be read.
"""
from __future__ import annotations

import csv
import io
import numbers
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Callable, NoReturn

import yaml

from survey.codebook import Codebook, Question
from survey.validate import InvalidResponses, Problem, Table

FORMATS = ("csv", "xlsx", "sav", "qualtrics", "surveymonkey")
EXTENSIONS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".sav": "sav"}
HEADER_ROWS = {"qualtrics": 3, "surveymonkey": 2}
DELIMITERS = (";", ",", "\t")
TRUE_WORDS = {"1", "1.0", "ja", "yes", "true"}
FALSE_WORDS = {"0", "0.0", "nei", "no", "false"}
ID_ALIASES = {"responseid", "respondent id"}  # Qualtrics' and SurveyMonkey's id columns
MONKEY_PLAIN = {"response", "open-ended response"}
IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:')
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
POSITIVE_ID = re.compile(r"[0-9]{1,10}")
MAX_ID = 2**31
Converter = Callable[[str, int, list[Problem]], list[str]]


@dataclass(frozen=True)
class Mapping:
    """Source columns and values -> the codebook's (see data/mapping.example.yaml)."""

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    multi: dict[str, dict] = field(default_factory=dict)
    skip: tuple[str, ...] = ()
    source: str = field(default="the mapping", compare=False)  # the file, for reports


def _fail(source: str, message: str, column: str | None = None) -> NoReturn:
    raise InvalidResponses(source, [Problem(None, column, message, "file")])


def _reason(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


# --- the mapping file ---------------------------------------------------------------------------------------

def _scalar(value, where: str, source: str) -> str:
    if isinstance(value, bool):
        _fail(source, f"{where}: {value!r} must be a text: YAML reads yes, no, true, false, on and off as "
                      "true/false unless quoted, so quote them (\"yes\")")
    if not isinstance(value, (str, int, float)):
        _fail(source, f"{where}: {value!r} must be a text")
    return str(value).strip()


def _names(raw, where: str, source: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        _fail(source, f"the mapping's {where} must be a mapping of names to names")
    return {_scalar(k, where, source): _scalar(v, f"{where}: {k}", source) for k, v in raw.items()}


def _multi_entry(name: str, raw, source: str) -> dict:
    keys = {"question", "separator", "values"}
    if not isinstance(raw, dict) or not isinstance(raw.get("question"), str) or not set(raw) <= keys:
        _fail(source, f"the mapping's multi: {name} needs question (and may have separator and values)")
    separator = raw.get("separator", ",")
    if not isinstance(separator, str) or not separator:
        _fail(source, f"the mapping's multi: {name}: separator must be a text such as ','")
    return {"question": raw["question"], "separator": separator,
            "values": _names(raw.get("values"), f"multi: {name}: values", source)}


def load_mapping(path, codebook: Codebook | None = None) -> Mapping:
    """The mapping in the YAML file `path`; checked against `codebook` when one is given (read() always does)."""
    source = str(path)
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as err:
        _fail(source, f"the mapping file cannot be read as YAML ({_reason(err)})")
    sections = {"columns", "values", "multi", "skip"}
    if not isinstance(raw, dict) or not set(raw) <= sections:
        _fail(source, "the mapping file must be a YAML mapping with the sections columns, values, multi and skip")
    values = raw.get("values") or {}
    skip = raw.get("skip") or []
    if not isinstance(values, dict) or not isinstance(raw.get("multi") or {}, dict) or not isinstance(skip, list):
        _fail(source, "the mapping's values and multi must be mappings, and skip a list")
    mapping = Mapping(
        columns=_names(raw.get("columns"), "columns", source),
        values={_scalar(q, "values", source): _names(v, f"values: {q}", source) for q, v in values.items()},
        multi={_scalar(k, "multi", source): _multi_entry(k, v, source) for k, v in (raw.get("multi") or {}).items()},
        skip=tuple(_scalar(s, "skip", source) for s in skip), source=source)
    if codebook is not None:
        check_mapping(mapping, codebook, source)
    return mapping


def _option_problems(codebook: Codebook, qid: str, ids, where: str, kind: str | None = None) -> list[Problem]:
    if qid not in codebook or (kind and codebook[qid].kind != kind):
        what = f"a {kind}-choice question" if kind else "a question"
        return [Problem(None, None, f"the mapping's {where} names {qid!r}, not {what} of the codebook", "mapping")]
    wrong = sorted(set(ids) - set(codebook[qid].option_ids))
    return [Problem(None, None, f"the mapping's {where} names {o!r}, not an option of {qid}", "mapping") for o in wrong]


def check_mapping(mapping: Mapping, codebook: Codebook, source: str = "the mapping") -> None:
    """InvalidResponses if `mapping` names columns, questions or options the codebook does not have."""
    known = set(codebook.columns())
    problems = [Problem(None, src, f"the mapping's columns send it to {dst!r}, not a column of the codebook",
                        "mapping") for src, dst in mapping.columns.items() if dst not in known]
    for qid, table in mapping.values.items():
        problems += _option_problems(codebook, qid, table.values(), f"values: {qid}")
    for name, entry in mapping.multi.items():
        problems += _option_problems(codebook, entry["question"], entry["values"].values(), f"multi: {name}", "multi")
    if problems:
        raise InvalidResponses(source, problems)


# --- files to a grid of strings -----------------------------------------------------------------------------

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


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        _fail(source, "the file is not text (it is a zip archive, perhaps an Excel workbook: name it .xlsx)")
    if b"\x00" in data:
        _fail(source, "the file is not text (it has NUL bytes: binary, or UTF-16; save it as CSV in UTF-8)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        _fail(source, "the file is not text (neither UTF-8 nor Windows-1252)")
    if CONTROL.search(text):
        _fail(source, "the file is not text (it has control characters: binary?)")
    if not text.strip():
        _fail(source, "the file is empty")
    return text


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


def _read_csv(path: Path, source: str, sheet: str | None = None) -> list[list[str]]:
    text = _decode(path.read_bytes(), source)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as err:
        _fail(source, f"the file is not valid CSV ({err})")


def _read_xlsx(path: Path, source: str, sheet: str | None) -> list[list[str]]:
    import openpyxl
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds of error for a file that is not a workbook
        _fail(source, f"the file is not an Excel workbook ({_reason(err)})")
    try:
        if sheet is not None and sheet not in book.sheetnames:
            _fail(source, f"no sheet {sheet!r} in the workbook; its sheets: {', '.join(book.sheetnames)}")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        ws.reset_dimensions()
        grid = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    except InvalidResponses:
        raise
    except Exception as err:
        _fail(source, f"the workbook cannot be read ({_reason(err)})")
    finally:
        book.close()
    width = max((i + 1 for row in grid for i, c in enumerate(row) if c), default=0)
    return [(row + [""] * width)[:width] for row in grid]


def _read_sav(path: Path, source: str, keep_codes: Callable[[str], bool]) -> list[list[str]]:
    """Coded values as their value labels (as apply_value_formats does), but columns for which `keep_codes`
    says so (multi-choice options: 1/0) keep their codes."""
    try:
        import pandas as pd
        import pyreadstat
    except ImportError:
        _fail(source, "reading SPSS files needs pyreadstat: pip install pyreadstat")
    try:
        codes, meta = pyreadstat.read_sav(str(path))
        frame = pyreadstat.set_value_labels(codes, meta, formats_as_category=False)
    except Exception as err:  # pyreadstat's errors for a file that is not a .sav
        _fail(source, f"the file is not an SPSS .sav file ({_reason(err)})")
    header = [str(c) for c in frame.columns]
    for name in frame.columns:
        if keep_codes(str(name)):
            frame[name] = codes[name]
    rows = frame.astype(object).itertuples(index=False, name=None)
    return [header] + [[_cell(None if pd.isna(v) else v) for v in row] for row in rows]


def _read_grid(path: Path, sheet: str | None, keep_codes: Callable[[str], bool] = lambda name: False
               ) -> tuple[str, list[list[str]]]:
    source = str(path)
    container = EXTENSIONS.get(path.suffix.lower())
    if container is None:
        _fail(source, f"unknown kind of file {path.suffix or path.name!r}: expected .csv, .txt, .xlsx or .sav")
    try:
        if path.stat().st_size == 0:
            _fail(source, "the file is empty")
        if container == "sav":
            return container, _read_sav(path, source, keep_codes)
        return container, (_read_csv if container == "csv" else _read_xlsx)(path, source, sheet)
    except OSError as err:
        _fail(source, f"the file cannot be read ({err.strerror or err})")


def _layout(grid: list[list[str]]) -> str | None:
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


def detect_format(path) -> str:
    """One of FORMATS, by the extension and, for CSV and XLSX, the header rows."""
    container, grid = _read_grid(Path(path), None)
    return container if container == "sav" else _layout(grid) or container


# --- a grid to the codebook's table -------------------------------------------------------------------------

def _monkey_names(top: list[str], second: list[str]) -> list[str]:
    """"question" or "question | option": the question text stands over the first of its columns only."""
    names, question = [], ""
    for i in range(max(len(top), len(second))):
        question = (top[i].strip() if i < len(top) else "") or question
        option = second[i].strip() if i < len(second) else ""
        names.append(question if not option or option.lower() in MONKEY_PLAIN else f"{question} | {option}")
    return names


def _frame(grid: list[list[str]], layout: str | None, source: str) -> tuple[list[str], list[list[str]], list[int]]:
    if not any(c.strip() for row in grid for c in row):
        _fail(source, "the file is empty")
    if not any(c.strip() for c in grid[0]):
        _fail(source, "the first row is empty: the header must be on row 1")
    skip = HEADER_ROWS.get(layout, 1)
    header = _monkey_names(grid[0], grid[1]) if layout == "surveymonkey" else [c.strip() for c in grid[0]]
    kept = [(n, row) for n, row in enumerate(grid[skip:], start=skip + 1) if any(c.strip() for c in row)]
    empty = {i for i, h in enumerate(header) if not h and all(i >= len(r) or not r[i].strip() for _, r in kept)}
    header = [h for i, h in enumerate(header) if i not in empty]
    rows = [[c for i, c in enumerate(r) if i not in empty] for _, r in kept]
    twice = sorted({h for i, h in enumerate(header) if h and h in header[:i]})
    if twice:
        raise InvalidResponses(source, [Problem(1, h, "the column appears twice", "file") for h in twice])
    return header, rows, [n for n, _ in kept]


def _question_by_text(codebook: Codebook, text: str) -> Question | None:
    found = [q for q in codebook.questions if text.casefold() in {t.strip().casefold() for t in q.text.values()}]
    return found[0] if len(found) == 1 else None


def _lookup(question: Question, extra: dict[str, str]) -> dict[str, str]:
    """Folded value -> option id: unambiguous nb/en labels, then ids, then the mapping's values."""
    labels: dict[str, set[str]] = {}
    for option in question.options:
        for label in option.label.values():
            labels.setdefault(label.strip().casefold(), set()).add(option.id)
    table = {key: ids.pop() for key, ids in labels.items() if len(ids) == 1}
    table.update({o.casefold(): o for o in question.option_ids})
    table.update({key.strip().casefold(): value for key, value in extra.items()})
    return table


def _monkey_target(name: str, codebook: Codebook) -> str:
    text, _, option = name.partition(" | ")
    question = _question_by_text(codebook, text.strip())
    if question is None:
        return name
    if not option:
        return question.id if question.kind == "single" else name
    if question.kind == "multi":
        oid = _lookup(question, {}).get(option.strip().casefold())
        return f"{question.id}__{oid}" if oid else name
    return f"{question.id}_text" if question.open_text else name


def _target(name: str, codebook: Codebook, mapping: Mapping | None, layout: str | None) -> str:
    if mapping is not None and name in mapping.columns:
        return mapping.columns[name]
    if name in codebook.columns() or layout != "surveymonkey":
        return name
    return _monkey_target(name, codebook)


def _expander(question: Question, entry: dict, mapping: Mapping, column: str) -> Converter:
    table = _lookup(question, {**mapping.values.get(question.id, {}), **entry["values"]})

    def expand(value: str, row: int, problems: list[Problem]) -> list[str]:
        if not value.strip():
            return [""] * len(question.options)
        chosen = set()
        for part in (p.strip() for p in value.split(entry["separator"]) if p.strip()):
            if part.casefold() in table:
                chosen.add(table[part.casefold()])
            else:
                problems.append(Problem(row, column, f"unknown choice {part!r} for {question.id}: not in the "
                                                     "mapping's values, nor an option id or label", "unknown"))
        return ["1" if o in chosen else "0" for o in question.option_ids]
    return expand


def _converter(target: str, codebook: Codebook, mapping: Mapping | None, layout: str | None) -> Converter:
    singles = {q.id: q for q in codebook.of_kind("single")}
    if target in singles:
        table = _lookup(singles[target], (mapping.values if mapping else {}).get(target, {}))
        return lambda value, row, problems: [table.get(value.strip().casefold(), value)]
    if _is_option_column(target, codebook):
        if layout == "surveymonkey":  # the option's text where chosen, blank where not
            return lambda value, row, problems: ["1" if value.strip() else ""]
        qid, _, oid = target.partition("__")
        chosen = {oid.casefold()} | {label.strip().casefold() for label in codebook[qid].option(oid).label.values()}
        return lambda value, row, problems: [_flag(value, chosen)]
    return lambda value, row, problems: [value]


def _is_option_column(name: str, codebook: Codebook) -> bool:
    qid = name.partition("__")[0]
    return qid in codebook and codebook[qid].kind == "multi" and name in codebook[qid].columns()


def _flag(value: str, chosen: set[str]) -> str:
    """1/0 for yes/no words, 1 for the option's own id or label (exports that write the chosen option's text)."""
    folded = value.strip().casefold()
    if folded in TRUE_WORDS or (folded not in FALSE_WORDS and folded in chosen):
        return "1"
    return "0" if folded in FALSE_WORDS else value


def _convert(header: list[str], rows: list[list[str]], numbers_: list[int], codebook: Codebook,
             mapping: Mapping | None, layout: str | None, source: str) -> tuple[list[str], list[list[str]]]:
    plan: list[tuple[int, Converter]] = []
    out_header: list[str] = []
    for i, name in enumerate(header):
        if mapping is not None and name in mapping.skip:
            continue
        if mapping is not None and name in mapping.multi:
            question = codebook[mapping.multi[name]["question"]]
            plan.append((i, _expander(question, mapping.multi[name], mapping, name)))
            out_header += [f"{question.id}__{o}" for o in question.option_ids]
        else:
            out_header.append(_target(name, codebook, mapping, layout))
            plan.append((i, _converter(out_header[-1], codebook, mapping, layout)))
    if "respondent_id" not in out_header:
        aliases = [k for k, name in enumerate(out_header) if name.casefold() in ID_ALIASES]
        if aliases:
            out_header[aliases[0]] = "respondent_id"
    problems: list[Problem] = []
    out_rows = []
    for number, cells in zip(numbers_, rows):
        if len(cells) != len(header):
            problems.append(Problem(number, None, f"{len(cells)} cells, but the header has {len(header)} columns",
                                    "cells"))
            continue
        out_rows.append([c for i, convert in plan for c in convert(cells[i], number, problems)])
    if problems:
        raise InvalidResponses(source, problems)
    return out_header, out_rows


def _number_ids(header: list[str], rows: list[list[str]], numbers_: list[int], source: str) -> None:
    """Keep positive whole-number ids; number the rows 1..N where there are none or other ids."""
    if "respondent_id" not in header:
        header.insert(0, "respondent_id")
        for n, row in enumerate(rows, start=1):
            row.insert(0, str(n))
        return
    i = header.index("respondent_id")
    ids = [row[i].strip() for row in rows]
    if any(ids) and all(POSITIVE_ID.fullmatch(v) and 0 < int(v) < MAX_ID for v in ids if v):
        return
    first: dict[str, int] = {}
    problems = []
    for number, value in zip(numbers_, ids):
        if value in first:
            problems.append(Problem(number, "respondent_id", f"duplicate respondent id {value!r}, first seen in "
                                                             f"row {first[value]}", "duplicate"))
        elif value:
            first[value] = number
    if problems:
        raise InvalidResponses(source, problems)
    for n, row in enumerate(rows, start=1):
        row[i] = str(n)


def _set_wave(header: list[str], rows: list[list[str]], wave: str | None, source: str) -> None:
    if not wave:
        if "wave" not in header:
            _fail(source, "no wave: give --wave", "wave")
        return
    if "wave" not in header:
        header.insert(header.index("respondent_id") + 1, "wave")
        for row in rows:
            row.insert(header.index("wave"), "")
    i = header.index("wave")
    for row in rows:
        row[i] = wave


def read(path, codebook: Codebook, *, mapping: Mapping | None = None, sheet: str | None = None,
         wave: str | None = None) -> Table:
    """The responses in `path` as a Table with the codebook's columns and option ids, for validate_table."""
    path = Path(path)
    source = str(path)
    if mapping is not None:
        check_mapping(mapping, codebook, mapping.source)

    def keep_codes(name: str) -> bool:  # SPSS multi-choice option columns stay 1/0, whatever their labels
        return _is_option_column(_target(name, codebook, mapping, None), codebook)
    container, grid = _read_grid(path, sheet, keep_codes)
    layout = None if container == "sav" else _layout(grid)
    header, rows, numbers_ = _frame(grid, layout, source)
    expanded = mapping is not None and any(name in mapping.multi for name in header)
    header, rows = _convert(header, rows, numbers_, codebook, mapping, layout, source)
    _number_ids(header, rows, numbers_, source)
    _set_wave(header, rows, wave, source)
    return Table(source, header, rows, numbers_, blank_unchosen=layout is not None or expanded)
