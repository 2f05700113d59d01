"""The mapping file: how the columns and values of an export become the codebook's (data/mapping.example.yaml
is a commented example).

    columns:     source column -> a codebook column, or a list of them (one column feeding several: an open
                 "why not" box coded into guidelines_why_not while its words go to guidelines_why_not_text)
    values:      question -> {value in the export: option id}, or {option id: [values in the export]}
                 (several spellings to one option without repeating it)
    multi:       source column holding a multi-choice question's chosen answers in one cell -> its question,
                 separator and values (as under values); with values, the options they name are the ones the
                 wave offered
    weight:      the source column holding a design weight delivered with the data
    unanswered:  questions a respondent may have left unanswered although asked (stored as not answered)
    skip:        source columns to leave out
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from survey.ingest.sources import file_kind
from survey.model.codebook import Codebook
from survey.texts.i18n import visible
from survey.texts.problems import InvalidResponses, Problem, fail, quoted, say

SECTIONS = ("columns", "values", "multi", "weight", "unanswered", "skip")
IDS = ("respondent_id", "wave", "source_id")  # columns that are not answers


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    multi: dict[str, dict] = field(default_factory=dict)
    weight: str | None = None
    unanswered: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    source: str = field(default="the mapping", compare=False)  # the file, for reports


def _scalar(value, where: str, source: str) -> str:
    if isinstance(value, bool):
        fail(source, "mapping_bool", where=where, value=quoted(value))
    if not isinstance(value, (str, int, float)):
        fail(source, "mapping_text", where=where, value=quoted(value))
    return str(value).strip()


def _section(raw, name: str, shape: type, source: str):
    value = raw.get(name)
    if value is None:
        return shape()
    if not isinstance(value, shape):
        words = {dict: "a mapping of names", list: "a list of names", str: "one column's name"}[shape]
        fail(source, "mapping_section", section=name, shape=words)
    return value


def _targets(value, where: str, source: str) -> tuple[str, ...]:
    if isinstance(value, list) and value:
        return tuple(_scalar(v, where, source) for v in value)
    return (_scalar(value, where, source),)


def _value_table(raw, where: str, source: str) -> dict[str, str]:
    """{value in the export: option id}, from either form: value: option, or option: [values]."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        fail(source, "mapping_section", section=where, shape="a mapping of names")
    table: dict[str, str] = {}
    for key, value in raw.items():
        if isinstance(value, list):  # option: [answers]
            pairs = [(_scalar(v, f"{where}: {key}", source), _scalar(key, where, source)) for v in value]
        else:  # answer: option
            pairs = [(_scalar(key, where, source), _scalar(value, f"{where}: {key}", source))]
        for text, option in pairs:
            if table.get(text, option) != option:
                fail(source, "mapping_value_twice", where=where, value=quoted(text), first=quoted(table[text]),
                     second=quoted(option))
            table[text] = option
    return table


def _multi_entry(name: str, raw, source: str) -> dict:
    keys = {"question", "separator", "values"}
    if not isinstance(raw, dict) or not isinstance(raw.get("question"), str) or not set(raw) <= keys:
        fail(source, "mapping_multi", name=name)
    separator = raw.get("separator", ",")
    if not isinstance(separator, str) or not separator:
        fail(source, "mapping_separator", name=name)
    return {"question": raw["question"], "separator": separator,
            "values": _value_table(raw.get("values"), f"multi: {name}: values", source)}


def load(path, codebook: Codebook | None = None, name: str | None = None) -> Mapping:
    """The mapping in the YAML file `path`; checked against `codebook` when one is given (imports always do).
    `name`: the file as reports name it (an upload's own name)."""
    source = name or Path(path).name
    raw = _read(Path(path), source)
    if not isinstance(raw, dict) or not set(raw) <= set(SECTIONS):
        fail(source, "mapping_shape", sections=", ".join(SECTIONS))
    columns = _section(raw, "columns", dict, source)
    weight = raw.get("weight")
    mapping = Mapping(
        columns={_scalar(k, "columns", source): _targets(v, f"columns: {k}", source) for k, v in columns.items()},
        values={_scalar(q, "values", source): _value_table(v, f"values: {q}", source)
                for q, v in _section(raw, "values", dict, source).items()},
        multi={_scalar(k, "multi", source): _multi_entry(k, v, source)
               for k, v in _section(raw, "multi", dict, source).items()},
        weight=None if weight is None else _scalar(weight, "weight", source),
        unanswered=tuple(_scalar(q, "unanswered", source) for q in _section(raw, "unanswered", list, source)),
        skip=tuple(_scalar(s, "skip", source) for s in _section(raw, "skip", list, source)),
        source=source)
    if codebook is not None:
        check(mapping, codebook)
    return mapping


def _read(path: Path, source: str):
    """The YAML in the file at `path`: never read from anything but a regular file (a named pipe would block)."""
    shown = visible(str(path))
    try:
        if not path.is_file():
            if not path.exists():
                fail(source, "mapping_missing", path=shown)
            kind = file_kind(path)
            fail(source, "mapping_not_regular", path=shown, kind=lambda lang: say(kind, lang))
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        fail(source, "mapping_unreadable", path=shown, reason=err.strerror or _reason(err))
    except UnicodeDecodeError as err:
        fail(source, "mapping_yaml", reason=_reason(err))
    try:
        return yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as err:
        fail(source, "mapping_yaml", reason=_reason(err))


def _reason(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def _option_problems(codebook: Codebook, qid: str, ids, where: str, kind: str | None = None) -> list[Problem]:
    if qid not in codebook or (kind and codebook[qid].kind != kind):
        key = "mapping_multi_question" if kind else "mapping_question"
        return [Problem(key, values={"where": where, "question": quoted(qid)})]
    wrong = sorted(set(ids) - set(codebook[qid].option_ids))
    return [Problem("mapping_option", values={"where": where, "option": quoted(o), "question": qid}) for o in wrong]


def check(mapping: Mapping, codebook: Codebook) -> None:
    """InvalidResponses if `mapping` names columns, questions or options the codebook does not have."""
    known = set(codebook.columns()) | set(IDS)
    problems = [Problem("mapping_target", src, values={"target": quoted(dst)})
                for src, targets in mapping.columns.items() for dst in targets if dst not in known]
    for qid, table in mapping.values.items():
        problems += _option_problems(codebook, qid, table.values(), f"values: {qid}")
    for name, entry in mapping.multi.items():
        problems += _option_problems(codebook, entry["question"], entry["values"].values(), f"multi: {name}", "multi")
    problems += [Problem("mapping_question", values={"where": "unanswered", "question": quoted(q)})
                 for q in mapping.unanswered if q not in codebook]
    if problems:
        raise InvalidResponses(mapping.source, problems)
