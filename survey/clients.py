"""The client of a benchmark: a company described by its profile (size, industry, region) and its own answers to
the survey's questions, as the consultant gives them (the page's form, a one-row file, a share link).

A client's answers belong to the client: they live in the session that holds them (or the file given on the
command line) and are never written anywhere. A file is read as an import reads it (survey.importers: any
layout, CSV, XLSX, SPSS, Qualtrics, SurveyMonkey, a mapping) into an in-memory database, and checked against
the codebook as an import is; nothing of it is published.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from survey import build, importers, validate
from survey import mapping as mappings
from survey.codebook import Codebook, Question
from survey.problems import InvalidResponses
from survey.state import CLIENT_KEYS

PROFILE = ("company_size", "industry", "region")  # what describes a company, and which peers share
CLIENT_WAVE = "client"  # the wave a client's file is read as (its own wave column, if any, is not used)
LINK_KEY, LINK_NAME, LINK_PEERS = CLIENT_KEYS  # a share link's keys: client=<question>:<option>, client_name=...,
# client_peers=<dimension>,<dimension> (the profile peers share; empty for none)
MAX_NAME = 80


class ClientFileError(ValueError):
    """A client file that cannot be read as one company's answers: its sentence says why (in `lang`)."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(key)

    def text(self, lang: str) -> str:
        from survey.i18n import t

        return t(self.key, lang, **self.values)


@dataclass(frozen=True)
class Client:
    """`profile`: {dimension: option id} of PROFILE; `answers`: {question: the option ids chosen} (one for a
    single-choice question), of the questions the client was asked and answered; `offered`: for a multi-choice
    question whose options the client was not all asked about (a file with some of them), those it was."""

    name: str = ""
    profile: dict[str, str] = field(default_factory=dict)
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    offered: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def asked_about(self, question: Question, option: str) -> bool:
        return option in self.offered.get(question.id, question.option_ids)

    @property
    def empty(self) -> bool:
        return not self.answers


def client_questions(codebook: Codebook) -> tuple[Question, ...]:
    """The questions a client answers: every question that is not a dimension."""
    return tuple(q for q in codebook.questions if not q.dimension)


def asked(question: Question, answers: dict[str, tuple[str, ...]], codebook: Codebook) -> bool:
    """Whether `answers` route to `question`: asked of everyone, or the answer it depends on (itself asked) is
    one of its routing's."""
    route = question.asked_of
    if route.everyone:
        return True
    parent = answers.get(route.question)
    if not parent or not asked(codebook[route.question], answers, codebook):
        return False
    return bool(set(parent) & set(route.values or (route.option,)))


def routed(client: Client, codebook: Codebook) -> tuple[Client, list[str]]:
    """The client without the answers to questions its other answers do not route to (and which those were)."""
    kept = {q: a for q, a in client.answers.items() if asked(codebook[q], client.answers, codebook)}
    return replace(client, answers=kept), [q for q in client.answers if q not in kept]


def from_choices(name: str, profile: dict[str, str | None], answers: dict[str, object], codebook: Codebook) -> Client:
    """A client from the page's form: unanswered (None, empty) left out, ids not in the codebook dropped, a
    single-choice question kept to its first answer, and routed."""
    kept_profile = {d: v for d, v in profile.items() if d in PROFILE and v in codebook[d].option_ids}
    kept: dict[str, tuple[str, ...]] = {}
    for question in client_questions(codebook):
        chosen = tuple(o for o in question.option_ids if o in as_chosen(answers.get(question.id)))
        if chosen:
            kept[question.id] = chosen[:1] if question.kind == "single" else chosen
    return routed(Client(clean_name(name), kept_profile, kept), codebook)[0]


def as_chosen(given) -> tuple[str, ...]:
    """A form's answer (an option id, a list of them, or none) as the options chosen."""
    return (given,) if isinstance(given, str) else tuple(given or ())


def clean_name(name: str | None) -> str:
    """The client's name as entered, on one line, cut to MAX_NAME characters."""
    return " ".join((name or "").split())[:MAX_NAME]


# --- a share link

def to_link(client: Client, peers: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """The query parameters of a share link that carries the client: client_name, client=<id>:<option>, and
    the dimensions its peers share (client_peers), where given, so that the link opens the comparison as it
    was made."""
    pairs = [f"{d}:{v}" for d, v in client.profile.items()]
    pairs += [f"{q}:{o}" for q, chosen in client.answers.items() for o in chosen]
    shared = {LINK_PEERS: [",".join(peers)]} if peers is not None else {}
    return {**({LINK_NAME: [client.name]} if client.name else {}), LINK_KEY: pairs, **shared}


def peers_from_link(params: dict[str, list[str]]) -> tuple[str, ...] | None:
    """The dimensions a share link says the client's peers share (None where it says nothing); names not of
    the profile are left out."""
    given = params.get(LINK_PEERS)
    if not given:
        return None
    return tuple(d for d in PROFILE if d in given[0].split(","))


def from_link(params: dict[str, list[str]], codebook: Codebook) -> tuple[Client | None, list[str]]:
    """The client a share link carries (None where it carries none), and the values it held that are not in the
    codebook (dropped)."""
    pairs, names = params.get(LINK_KEY) or [], params.get(LINK_NAME) or []
    if not pairs and not names:
        return None, []
    profile: dict[str, str] = {}
    answers: dict[str, list[str]] = {}
    dropped = []
    for pair in pairs:
        key, _, value = pair.partition(":")
        if key in PROFILE and value in codebook[key].option_ids:
            profile.setdefault(key, value)
        elif key in codebook and not codebook[key].dimension and value in codebook[key].option_ids:
            answers.setdefault(key, []).append(value)
        else:
            dropped.append(pair)
    return from_choices(names[0] if names else "", profile, answers, codebook), dropped


# --- a client file

def read_client(path: Path, codebook: Codebook, *, name: str | None = None, sheet: str | None = None,
                mapping: Path | None = None, mapping_name: str | None = None) -> Client:
    """The one company whose answers the file holds, read and checked as an import is (any layout the import
    reads, with a mapping where given), in memory. `name`, `mapping_name`: the files as reports name them.
    Raises InvalidResponses (the import's report) or ClientFileError (not one row)."""
    path = Path(path)
    rules = mappings.load(mapping, codebook, mapping_name) if mapping else None
    con = duckdb.connect()
    try:
        return _read(con, path, codebook, rules, name, sheet)
    except InvalidResponses as err:  # without the import's notes of what the wave did not ask: one row is not a wave
        raise InvalidResponses(err.source, err.problems) from None
    finally:
        con.close()


def _read(con, path: Path, codebook: Codebook, rules, name: str | None, sheet: str | None) -> Client:
    with tempfile.TemporaryDirectory() as folder:
        con.execute("SET enable_progress_bar = false")
        for statement in [*build.enum_types(codebook), importers.FLAG]:
            con.execute(statement)
        source, plan = importers.read(con, path, codebook, Path(folder), mapping=rules, sheet=sheet, name=name)
        problems = validate.header_problems(plan, codebook, wave_given=True)
        if problems:
            raise InvalidResponses(source.name, problems)
        lookups = importers.stage(con, source, plan, codebook, rules, CLIENT_WAVE, Path(folder))
        checked = validate.check(con, source, plan, codebook, rules, lookups, one_wave=False)
        rows = con.execute("SELECT * EXCLUDE (_row, _blank) FROM staged WHERE NOT _blank").fetchall()
        columns = [d[0] for d in con.description]
    if len(rows) != 1:
        raise ClientFileError("client_file_rows", rows=len(rows))
    return client_of(dict(zip(columns, rows[0])), checked.asked, codebook, name or path.name)


def client_of(row: dict, asked_: dict[str, tuple[str, ...]], codebook: Codebook, file_name: str) -> Client:
    """The client of one staged row: its profile, and its answers to the questions the file asks."""
    profile = {d: str(row[d]) for d in PROFILE if row.get(d) is not None}
    answers: dict[str, tuple[str, ...]] = {}
    for question in client_questions(codebook):
        if question.id not in asked_:
            continue
        if question.kind == "single" and row.get(question.id) is not None:
            answers[question.id] = (str(row[question.id]),)
        elif question.kind == "multi":
            flags = {o: row.get(f"{question.id}__{o}") for o in asked_[question.id]}
            if any(v is not None for v in flags.values()):
                answers[question.id] = tuple(o for o, v in flags.items() if v)
    offered = {q: asked_[q] for q in answers if codebook[q].kind == "multi" and asked_[q] != codebook[q].option_ids}
    return Client(clean_name(Path(file_name).stem), profile, answers, offered)

