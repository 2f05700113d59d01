"""The codebook: questions, options, labels and routing, read from data/codebook.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from survey.base.paths import CODEBOOK

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
LANGUAGES = ("nb", "en")
KINDS = ("single", "multi")
# Words the view's URL (survey.model.state) and the queries use for themselves: a question by one of these names could
# not be filtered on by its id (company_use=yes), as every question can.
RESERVED = ("lang", "by", "present", "question", "weights", "level", "wave", "answers", "none", "banner", "cells",
            "tables", "total", "client", "client_name")
MAX_MULTI_OPTIONS = 32  # a multi-choice answer is also stored as bits of one UINTEGER (survey.ingest.build)


class CodebookError(ValueError):
    """The codebook file is not valid."""


@dataclass(frozen=True)
class Option:
    id: str
    label: dict[str, str]
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Routing:
    """Who was asked a question: everyone (question is None), or those whose answer to `question`
    is one of `values` (single choice), or who chose `option` (multi choice)."""

    question: str | None = None
    values: tuple[str, ...] = ()
    option: str | None = None

    @property
    def everyone(self) -> bool:
        return self.question is None


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    title: dict[str, str]
    text: dict[str, str]
    options: tuple[Option, ...]
    asked_of: Routing
    order: str = "codebook"
    dimension: bool = False
    open_text: bool = False
    base: dict[str, str] | None = None  # who was asked, in words; None: everyone

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(f"{self.id} has no option {option_id!r}")

    def mask(self, chosen) -> int | None:
        """A multi-choice answer as bits: bit i is set when the option at position i + 1 was chosen; None
        where the question was not asked."""
        if chosen is None:
            return None
        return sum(1 << i for i, o in enumerate(self.option_ids) if o in chosen)

    def columns(self) -> list[str]:
        """The columns this question has in the responses file and the `responses` view."""
        if self.kind == "multi":
            cols = [f"{self.id}__{o}" for o in self.option_ids]
        else:
            cols = [self.id]
        if self.open_text:
            cols.append(f"{self.id}_text")
        return cols


@dataclass(frozen=True)
class Codebook:
    version: int
    survey: dict
    questions: tuple[Question, ...]

    def __getitem__(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def __contains__(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.questions)

    @property
    def dimensions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.dimension)

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.dimensions)

    def of_kind(self, kind: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind == kind)

    def columns(self) -> list[str]:
        """Every column of the responses file, in order."""
        cols = ["respondent_id", "wave"]
        for q in self.questions:
            cols.extend(q.columns())
        return cols


def _labels(raw, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or any(not isinstance(raw.get(lang), str) for lang in LANGUAGES):
        raise CodebookError(f"{where} needs a text in both nb and en")
    return {lang: raw[lang] for lang in LANGUAGES}


def _check_id(value, where: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise CodebookError(f"{where}: {value!r} is not a lower snake case id (quote yes/no in YAML)")
    return value


def _option(raw: dict, where: str) -> Option:
    oid = _check_id(raw.get("id"), where)
    extra = {k: v for k, v in raw.items() if k not in ("id", *LANGUAGES)}
    return Option(oid, _labels(raw, f"{where} option {oid}"), extra)


def _routing(raw, where: str) -> Routing:
    if raw == "all":
        return Routing()
    if isinstance(raw, dict) and "question" in raw and ("in" in raw) != ("option" in raw):
        if "in" in raw:
            return Routing(raw["question"], tuple(_check_id(v, where) for v in raw["in"]))
        return Routing(raw["question"], option=_check_id(raw["option"], where))
    raise CodebookError(f"{where}: asked_of must be 'all', {{question, in}} or {{question, option}}")


def _question(raw: dict) -> Question:
    qid = _check_id(raw.get("id"), "question")
    if qid in RESERVED:
        raise CodebookError(f"question {qid}: the id is a word the app uses for itself ({', '.join(RESERVED)})")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise CodebookError(f"question {qid}: kind must be one of {', '.join(KINDS)}")
    options = tuple(_option(o, f"question {qid}") for o in raw.get("options") or ())
    if not options or len({o.id for o in options}) != len(options):
        raise CodebookError(f"question {qid}: needs options with distinct ids")
    if kind == "multi" and len(options) > MAX_MULTI_OPTIONS:
        raise CodebookError(f"question {qid}: a multi-choice question has at most {MAX_MULTI_OPTIONS} options")
    if raw.get("order", "codebook") not in ("codebook", "share"):
        raise CodebookError(f"question {qid}: order must be codebook or share")
    return Question(
        id=qid,
        kind=kind,
        title=_labels(raw.get("title"), f"question {qid} title"),
        text=_labels(raw.get("text"), f"question {qid} text"),
        options=options,
        asked_of=_routing(raw.get("asked_of", "all"), f"question {qid}"),
        order=raw.get("order", "codebook"),
        dimension=bool(raw.get("dimension", False)),
        open_text=bool(raw.get("open_text", False)),
        base=_labels(raw["base"], f"question {qid} base") if "base" in raw else None,
    )


def _check_routing(questions: tuple[Question, ...]) -> None:
    """A question may only depend on an earlier question, and on options that exist."""
    seen: dict[str, Question] = {}
    for q in questions:
        r = q.asked_of
        if not r.everyone:
            parent = seen.get(r.question)
            if parent is None:
                raise CodebookError(f"question {q.id}: asked_of names {r.question!r}, which is not an earlier question")
            wanted = r.values if parent.kind == "single" else (r.option,)
            if (parent.kind == "single") != bool(r.values) or not set(wanted) <= set(parent.option_ids):
                raise CodebookError(f"question {q.id}: asked_of does not match the options of {parent.id}")
        seen[q.id] = q


def parse(data: dict) -> Codebook:
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise CodebookError("the codebook needs a list of questions")
    questions = tuple(_question(raw) for raw in data["questions"])
    if len({q.id for q in questions}) != len(questions):
        raise CodebookError("question ids must be distinct")
    _check_routing(questions)
    return Codebook(int(data.get("version", 1)), dict(data.get("survey") or {}), questions)


@lru_cache(maxsize=4)
def load(path: Path = CODEBOOK) -> Codebook:
    """The codebook at `path` (data/codebook.yaml by default)."""
    with open(path, encoding="utf-8") as fh:
        return parse(yaml.safe_load(fh))
