"""The benchmark's client file: a row in the survey's own layout with the person's columns left blank is read
with a note, the template (CSV and Excel, nb and en) reads back and is read as the client once filled in, and
a wrong value is still a sentence."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from survey.ingest import clients
from survey.model import codebook as cb
from survey.texts.i18n import t
from tests.conftest import ROOT
from tests.tool_exports import write_csv

CODEBOOK = cb.load()
SURVEY_HEADER = (ROOT / "data" / "responses.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
PERSON = ("gender", "age_group", "role", "private_use", "private_channels")
# A valid answer set for the template, and the client it makes.
FILLED = {"company_size": "20_49", "industry": "trade", "region": "oslo_akershus", "company_use": "yes",
          "company_channels__facebook": "1", "company_channels__linkedin": "1", "company_channels__youtube": "0",
          "company_purposes__marketing": "1", "marketing_strategy": "no", "guidelines": "no",
          "guidelines_why_not": "not_yet", "challenges__lack_of_time": "1", "challenges__other": "0"}
CLIENT = clients.Client("acme", {"company_size": "20_49", "industry": "trade", "region": "oslo_akershus"},
                        {"company_use": ("yes",), "company_channels": ("facebook", "linkedin"),
                         "company_purposes": ("marketing",), "marketing_strategy": ("no",), "guidelines": ("no",),
                         "guidelines_why_not": ("not_yet",), "challenges": ("lack_of_time",)})


def survey_row(**given) -> list[str]:
    """A row of the survey's own layout: the company's answers of FILLED, the rest (the person's) blank."""
    values = {**FILLED, **given}
    return [values.get(column, "") for column in SURVEY_HEADER]


def csv_rows(data: bytes, lang: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";" if lang == "nb" else ","))


def filled_csv(path: Path, lang: str, answers: dict) -> Path:
    rows = csv_rows(clients.template_csv(lang), lang)
    rows.append([answers.get(column, "") for column in rows[0]])
    return write_csv(path, rows, delimiter=";" if lang == "nb" else ",")


def filled_xlsx(path: Path, lang: str, answers: dict) -> Path:
    book = openpyxl.load_workbook(io.BytesIO(clients.template_xlsx(lang)))
    sheet = book.worksheets[0]
    for number, cell in enumerate(sheet[1], start=1):
        if cell.value in answers:
            value = answers[cell.value]
            sheet.cell(3, number, int(value) if value in ("0", "1") else value)  # as Excel stores a typed 1
    book.save(path)
    return path


FILL = {"csv": filled_csv, "xlsx": filled_xlsx}


# --- the survey's own layout

@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_file_in_the_surveys_layout_with_the_persons_columns_blank_is_read_with_a_note(tmp_path, lang):
    path = write_csv(tmp_path / "acme.csv", [SURVEY_HEADER, survey_row()])
    client = clients.read_client(path, CODEBOOK)
    assert client == CLIENT
    assert client.person_blank == ("gender", "age_group", "role", "private_use")
    note = t("client_file_person", lang, columns="gender, age_group, role, private_use")
    assert clients.file_notes(client, lang) == [note]
    assert clients.read_sentence(client, "acme.csv", lang) == f"{t('client_file_read', lang, file='acme.csv')} {note}"


def test_a_row_copied_from_the_survey_keeps_its_private_answers_and_needs_no_note(tmp_path):
    path = write_csv(tmp_path / "acme.csv", [SURVEY_HEADER, survey_row(
        respondent_id="7", wave="2010", gender="female", age_group="30_39", role="leader", private_use="yes",
        private_channels__facebook="1")])
    client = clients.read_client(path, CODEBOOK)
    assert client.answers["private_use"] == ("yes",) and client.answers["private_channels"] == ("facebook",)
    assert not client.person_blank and clients.file_notes(client, "nb") == []


def test_private_channels_left_blank_after_private_use_yes_is_noted(tmp_path):
    path = write_csv(tmp_path / "acme.csv", [SURVEY_HEADER, survey_row(private_use="yes")])
    assert clients.read_client(path, CODEBOOK).person_blank == ("gender", "age_group", "role", "private_channels")


def test_a_question_left_blank_is_not_answered_and_blank_options_beside_a_chosen_one_are_not_chosen(tmp_path):
    path = write_csv(tmp_path / "acme.csv", [SURVEY_HEADER, survey_row(guidelines="", guidelines_why_not="")])
    client = clients.read_client(path, CODEBOOK)
    assert "guidelines" not in client.answers and client.answers["challenges"] == ("lack_of_time",)


@pytest.mark.parametrize("column, value", [("company_use", "kanskje"), ("gender", "x"),
                                           ("challenges__lack_of_time", "7")])
def test_a_wrong_value_in_the_surveys_layout_is_a_sentence_naming_its_row_and_column(tmp_path, column, value):
    path = write_csv(tmp_path / "acme.csv", [SURVEY_HEADER, survey_row(**{column: value})])
    with pytest.raises(clients.InvalidResponses) as raised:
        clients.read_client(path, CODEBOOK)
    for lang in ("nb", "en"):
        said = raised.value.report(lang)
        assert said.startswith({"nb": "rad 2", "en": "row 2"}[lang]) and column in said and value in said
        assert "Traceback" not in said


# --- the template

@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_csv_template_has_the_surveys_ids_for_the_companys_questions_and_their_texts(lang):
    ids, titles, *rest = csv_rows(clients.template_csv(lang), lang)
    assert not rest and len(ids) == len(titles)
    assert ids == [c for c in SURVEY_HEADER if c in ids] and ids[:4] == ["company_size", "industry", "region",
                                                                         "company_use"]
    assert not any(c.partition("__")[0] in PERSON or c.endswith("_text") for c in ids)
    assert "respondent_id" not in ids and "wave" not in ids
    assert titles[0].startswith(CODEBOOK["company_size"].text[lang])
    column = ids.index("challenges__lack_of_time")
    assert CODEBOOK["challenges"].option("lack_of_time").label[lang] in titles[column]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_excel_template_has_the_same_rows_and_a_sheet_explaining_each_column(lang):
    book = openpyxl.load_workbook(io.BytesIO(clients.template_xlsx(lang)))
    answers, about = book.worksheets
    assert answers.title == t("client_template_sheet", lang) and about.title == t("client_template_about", lang)
    rows = [[c.value for c in row] for row in answers.iter_rows()]
    assert rows[:2] == csv_rows(clients.template_csv(lang), lang)
    explained = {row[0].value: row for row in about.iter_rows(min_row=3)}
    assert list(explained) == rows[0]
    assert "20_49 = " + CODEBOOK["company_size"].option("20_49").label[lang] in explained["company_size"][2].value
    assert explained["company_channels__facebook"][2].value == t("client_template_flag", lang)
    assert explained["marketing_strategy"][3].value == CODEBOOK["marketing_strategy"].base[lang]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_template_filled_in_is_read_as_the_client(tmp_path, lang, kind):
    path = FILL[kind](tmp_path / f"acme.{kind}", lang, FILLED)
    client = clients.read_client(path, CODEBOOK)
    assert client == CLIENT and not client.person_blank


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_wrong_value_in_the_filled_template_is_a_sentence_with_the_answers_own_row(tmp_path, kind):
    path = FILL[kind](tmp_path / f"acme.{kind}", "nb", {**FILLED, "company_use": "kanskje"})
    with pytest.raises(clients.InvalidResponses) as raised:
        clients.read_client(path, CODEBOOK)
    said = raised.value.report("en")
    assert "row 3" in said and "company_use" in said and "kanskje" in said and "Traceback" not in said


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_left_empty_is_a_sentence(tmp_path, kind):
    path = FILL[kind](tmp_path / f"empty.{kind}", "en", {})
    with pytest.raises(clients.InvalidResponses) as raised:
        clients.read_client(path, CODEBOOK)
    said = raised.value.report("en")
    assert said and "Traceback" not in said


def test_a_row_of_question_texts_under_some_other_header_is_read_as_answers(tmp_path):
    rows = csv_rows(clients.template_csv("en"), "en")
    rows[1][0] = "a question of my own"
    rows.append([FILLED.get(c, "") for c in rows[0]])
    with pytest.raises(clients.InvalidResponses) as raised:
        clients.read_client(write_csv(tmp_path / "edited.csv", rows), CODEBOOK)
    assert "row 2" in raised.value.report("en")


# --- the page

@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_page_offers_the_template_in_its_language(seed_env, lang):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update({"lang": lang})
    app.run()
    app.switch_page("pages/benchmark.py").run()
    assert not app.exception, [e.message for e in app.exception]
    labels = [b.proto.label for b in app.main.get("download_button")]
    assert labels == [t("download_client_template_csv", lang), t("download_client_template_xlsx", lang)]
    assert t("client_template_help", lang) in [c.value for c in app.caption]
