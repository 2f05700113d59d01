"""The client of a benchmark: a company described by its profile (size, industry, region) and its own answers to
the survey's questions, as the consultant gives them (the page's form, a one-row file, a share link).

A client's answers belong to the client: they live in the session that holds them (or the file given on the
command line) and are never written anywhere. A file is read as an import reads it (survey.ingest.staging: any
layout, CSV, XLSX, SPSS, Qualtrics, SurveyMonkey, a mapping) into an in-memory database, and checked against
the codebook as an import is; nothing of it is published. Unlike a wave, a client file may leave any question
blank (as the form may), so a row in the survey's own layout reads with the person's columns left empty: a
company has no gender, age or role. The template (template_csv, template_xlsx) is that layout cut to the
company's questions, with a row of question texts under its header that reading leaves out.
"""
from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from survey.ingest import build, staging, validate
from survey.ingest import mapping as mappings
from survey.model.codebook import Codebook, Question
from survey.model.state import CLIENT_KEYS
from survey.texts.i18n import LANGUAGES, t
from survey.texts.problems import InvalidResponses

PROFILE = ("company_size", "industry", "region")  # what describes a company, and which peers share
PRIVATE = ("private_use",)  # the respondent's own use of social media: about the person, not the company
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
        from survey.texts.i18n import t

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
    person_blank: tuple[str, ...] = field(default=(), compare=False)  # a file's blank person questions (notes)

    def asked_about(self, question: Question, option: str) -> bool:
        return option in self.offered.get(question.id, question.option_ids)

    @property
    def empty(self) -> bool:
        return not self.answers


def client_questions(codebook: Codebook) -> tuple[Question, ...]:
    """The questions a client answers: every question that is not a dimension."""
    return tuple(q for q in codebook.questions if not q.dimension)


def person_questions(codebook: Codebook) -> tuple[str, ...]:
    """The questions about the person who answered rather than the company: the dimensions outside PROFILE
    (gender, age, role), PRIVATE, and the questions those route to. A company has no answer to them, so a
    client file may leave them blank."""
    found = [q.id for q in codebook.questions if (q.dimension and q.id not in PROFILE) or q.id in PRIVATE]
    for question in codebook.questions:  # in the codebook's order: a question comes after the one it depends on
        if not question.asked_of.everyone and question.asked_of.question in found and question.id not in found:
            found.append(question.id)
    return tuple(found)


def company_questions(codebook: Codebook) -> tuple[Question, ...]:
    """The questions of a template: the company's profile, then its answers, without the person's questions."""
    person = person_questions(codebook)
    return (*(codebook[d] for d in PROFILE), *(q for q in client_questions(codebook) if q.id not in person))


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
    rules = lenient(mappings.load(mapping, codebook, mapping_name) if mapping else None, codebook)
    con = duckdb.connect()
    try:
        return _read(con, path, codebook, rules, name, sheet)
    except InvalidResponses as err:  # without the import's notes of what the wave did not ask: one row is not a wave
        raise InvalidResponses(err.source, err.problems) from None
    finally:
        con.close()


def lenient(rules: mappings.Mapping | None, codebook: Codebook) -> mappings.Mapping:
    """The mapping a client file is read with: the one given (or none), with every question allowed to be left
    blank. A consultant gives what the client answered, as on the form; and a row in the survey's own layout
    has the person's columns (gender, age, role, private use) empty, since a company has none."""
    given = rules or mappings.Mapping(source="")
    return replace(given, unanswered=tuple(dict.fromkeys((*given.unanswered, *(q.id for q in codebook.questions)))))


def _read(con, path: Path, codebook: Codebook, rules, name: str | None, sheet: str | None) -> Client:
    with tempfile.TemporaryDirectory() as folder:
        con.execute("SET enable_progress_bar = false")
        for statement in [*build.enum_types(codebook), staging.FLAG]:
            con.execute(statement)
        source, plan = staging.read(con, path, codebook, Path(folder), mapping=rules, sheet=sheet, name=name)
        plan.feeds = [f for f in plan.feeds if f.target != "respondent_id"]  # a client is no respondent: no id
        plan.blank_unchosen = True  # an option left blank beside one filled in is not chosen
        skip_titles(con, source, codebook)
        problems = validate.header_problems(plan, codebook, wave_given=True)
        if problems:
            raise InvalidResponses(source.name, problems)
        lookups = staging.stage(con, source, plan, codebook, rules, CLIENT_WAVE, Path(folder))
        checked = validate.check(con, source, plan, codebook, rules, lookups, one_wave=False)
        rows = con.execute("SELECT * EXCLUDE (_row, _blank) FROM staged WHERE NOT _blank").fetchall()
        columns = [d[0] for d in con.description]
    if len(rows) != 1:
        raise ClientFileError("client_file_rows", rows=len(rows))
    return client_of(dict(zip(columns, rows[0])), checked.asked, codebook, name or path.name)


def client_of(row: dict, asked_: dict[str, tuple[str, ...]], codebook: Codebook, file_name: str) -> Client:
    """The client of one staged row: its profile, its answers to the questions the file asks, and the person
    questions it left blank."""
    given = {q.id: chosen for q in codebook.questions if (chosen := answer_of(row, q, asked_)) is not None}
    profile = {d: given[d][0] for d in PROFILE if d in given}
    answers = {q.id: given[q.id] for q in client_questions(codebook) if q.id in given}
    offered = {q: asked_[q] for q in answers if codebook[q].kind == "multi" and asked_[q] != codebook[q].option_ids}
    blank = tuple(q for q in person_questions(codebook)
                  if q in asked_ and q not in given and asked(codebook[q], given, codebook))
    return Client(clean_name(Path(file_name).stem), profile, answers, offered, blank)


def answer_of(row: dict, question: Question, asked_: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The options a staged row chose for `question` (none chosen is an answer), or None: not in the file, or
    left blank."""
    if question.id not in asked_:
        return None
    if question.kind == "single":
        return None if row.get(question.id) is None else (str(row[question.id]),)
    flags = {o: row.get(f"{question.id}__{o}") for o in asked_[question.id]}
    if all(v is None for v in flags.values()):
        return None
    return tuple(o for o, v in flags.items() if v)


def file_notes(client: Client, lang: str) -> list[str]:
    """What reading the client's file left out, as sentences: the person questions it left blank. The page
    says them under its own sentence, the command line on standard error."""
    if not client.person_blank:
        return []
    return [t("client_file_person", lang, columns=", ".join(client.person_blank))]


def read_sentence(client: Client, file_name: str, lang: str) -> str:
    """The page's sentence for a client file read: that it was read, and what it left out."""
    return " ".join([t("client_file_read", lang, file=file_name), *file_notes(client, lang)])


# --- the template: the survey's own layout, cut to the company's questions

def template_columns(codebook: Codebook) -> list[str]:
    """The template's columns: those of the survey's own layout (data/responses.csv) for the company's questions,
    without the free-text columns (a client's words are not compared)."""
    return [c for q in company_questions(codebook) for c in q.columns() if not c.endswith("_text")]


def column_title(column: str, codebook: Codebook, lang: str) -> str:
    """The words under a template column's id: the question, and what it takes (option ids, or 1/0 for one
    option of a multi-choice question)."""
    qid, _, option = column.partition("__")
    question = codebook[qid]
    if option:
        return f"{question.text[lang]} – {question.option(option).label[lang]} (1/0)"
    return f"{question.text[lang]} ({', '.join(question.option_ids)})"


def template_rows(codebook: Codebook, lang: str) -> list[list[str]]:
    columns = template_columns(codebook)
    return [columns, [column_title(c, codebook, lang) for c in columns]]


def template_csv(lang: str, codebook: Codebook | None = None) -> bytes:
    """The template as CSV: UTF-8 with BOM, semicolons for nb and commas for en (as Excel reads each), the ids,
    then the question texts; the client's answers go on the third row."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if lang == "nb" else ",", lineterminator="\r\n")
    writer.writerows(template_rows(codebook or _codebook(), lang))
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(lang: str, codebook: Codebook | None = None) -> bytes:
    """The template as a workbook: the first sheet as the CSV template (the sheet a client file is read from),
    each answer cell offering its allowed values; a second sheet explains each column and its options."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    codebook = codebook or _codebook()
    book = Workbook()
    sheet = book.active
    sheet.title = t("client_template_sheet", lang)
    ids, titles = template_rows(codebook, lang)
    sheet.append(ids)
    sheet.append(titles)
    for number, column in enumerate(ids, start=1):
        sheet.cell(1, number).font = Font(bold=True)
        sheet.cell(2, number).font = Font(italic=True, color="666666")
        sheet.cell(2, number).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[sheet.cell(1, number).column_letter].width = max(14, len(column) + 2)
        _allowed(sheet, number, column, codebook)
    sheet.freeze_panes = "A3"
    _explanation(book.create_sheet(t("client_template_about", lang)), ids, codebook, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _allowed(sheet, number: int, column: str, codebook: Codebook) -> None:
    """A drop-down of the column's allowed values in its answer cell (row 3)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    qid, _, option = column.partition("__")
    values = ("1", "0") if option else codebook[qid].option_ids
    check = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    sheet.add_data_validation(check)
    check.add(sheet.cell(3, number))


def _explanation(sheet, columns: list[str], codebook: Codebook, lang: str) -> None:
    """A row per column: its id, the question, the values it takes, and who is asked it."""
    from openpyxl.styles import Alignment, Font

    sheet.append([t("client_template_intro", lang)])
    sheet.append([t(k, lang) for k in ("client_template_column", "client_template_question",
                                       "client_template_values", "client_template_asked")])
    for column in columns:
        qid, _, option = column.partition("__")
        question = codebook[qid]
        text = f"{question.text[lang]} – {question.option(option).label[lang]}" if option else question.text[lang]
        values = t("client_template_flag", lang) if option else \
            "\n".join(f"{o.id} = {o.label[lang]}" for o in question.options)
        sheet.append([column, text, values, question.base[lang] if question.base else t("client_template_all", lang)])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (32, 60, 50, 40)):
        sheet.column_dimensions[letter].width = width


def _codebook() -> Codebook:
    from survey.model import codebook as cb

    return cb.load()


def skip_titles(con, source, codebook: Codebook) -> None:
    """Leave out a template's row of question texts (in either language) under its header, so that a filled
    template reads as the one row of answers it holds: its answer keeps its own row number in reports."""
    if source.layout is not None:
        return
    cells = _first_row(con, source)
    if cells is None or not is_title_row(source.header, cells, codebook):
        return
    if source.streamed:
        source.first_row += 1
    else:
        con.execute("DELETE FROM source WHERE _row = $row", {"row": source.first_row})


def _first_row(con, source) -> list | None:
    """The cells of the row right under the header, as text (None where the file has none, or cannot be read:
    the checks that follow say why)."""
    try:
        if source.streamed:
            relation, params = source.relation()
            row = con.execute(f"SELECT * FROM {relation} LIMIT 1", params).fetchone()
        else:
            row = con.execute("SELECT * EXCLUDE (_row) FROM source WHERE _row = $row",
                              {"row": source.first_row}).fetchone()
    except duckdb.Error:
        return None
    return None if row is None else list(row)


def is_title_row(header: list[str], cells: list, codebook: Codebook) -> bool:
    """Whether a row holds a template's question texts: some filled in, each under its own column, in nb or en."""
    known = set(template_columns(codebook))
    given = [(name, _folded(cell)) for name, cell in zip(header, cells) if cell is not None and str(cell).strip()]
    return bool(given) and all(name in known and value in {_folded(column_title(name, codebook, lang))
                                                            for lang in LANGUAGES} for name, value in given)


def _folded(text) -> str:
    return " ".join(str(text).split()).casefold()
