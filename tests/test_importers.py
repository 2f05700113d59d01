"""The importers: each export format, written here from the small fixture's data, imports to the fixture's
answers; bad files give InvalidResponses with a clear report and nothing else."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest
from conftest import SMALL_CSV
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.ingest import sources
from survey.ingest.imports import import_file
from survey.ingest.mapping import Mapping, load
from survey.model import codebook as cb
from survey.texts.problems import InvalidResponses

CODEBOOK = cb.load()
COLUMNS = CODEBOOK.columns()
with open(SMALL_CSV, encoding="utf-8", newline="") as fh:
    HEADER, *ROWS = list(csv.reader(fh))
RECORDS = [dict(zip(HEADER, row)) for row in ROWS]  # the fixture's cells by column
MULTI = {f"{q.id}__{o}": q for q in CODEBOOK.of_kind("multi") for o in q.option_ids}
SINGLE = {q.id: q for q in CODEBOOK.of_kind("single")}
NEW_TEXT = "Blåbærsyltetøy i Ærøskøbing: æøå ÆØÅ"
ANSWERS = "SELECT * EXCLUDE (source_id, weight_company, weight_person) FROM responses ORDER BY wave, respondent_id"


def answers(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(ANSWERS).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def expected(small_db) -> list[tuple]:
    return answers(small_db)


def imported(path: Path, tmp_path: Path, **options) -> list[tuple]:
    """The answers of `path` imported alone into a new database."""
    folder = tmp_path / f"db_{path.stem}_{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    result = import_file(path, folder / "survey.duckdb", replace_all=True, **options)
    return answers(result.version)


def with_text(rows: list[tuple], text: str) -> list[tuple]:
    """The fixture's answers with the first respondent's free text replaced."""
    position = ["respondent_id", "wave", *COLUMNS[2:]].index("guidelines_why_not_text")
    return [tuple(text if i == position and n == 0 else v for i, v in enumerate(row)) for n, row in enumerate(rows)]


def label(column: str, value: str, lang: str = "nb") -> str:
    """The cell of the fixture as the option's label (single choice) or as it was."""
    return SINGLE[column].option(value).label[lang] if column in SINGLE and value else value


def write_csv(path: Path, rows: list[list], encoding: str, delimiter: str) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # a text, not a formula
    book.save(path)
    return path


# --- one test per format -----------------------------------------------------------------------------------

def test_norwegian_excel_csv(tmp_path, expected):
    """cp1252, semicolons, nb labels instead of ids, Ja/Nei in multi columns, æøå in the free text."""
    def cell(column: str, value: str) -> str:
        if column in MULTI and value:
            return {"1": "Ja", "0": "Nei"}[value]
        return label(column, value)
    rows = [[cell(c, r[c]) for c in HEADER] for r in RECORDS]
    rows[0][HEADER.index("guidelines_why_not_text")] = NEW_TEXT
    path = write_csv(tmp_path / "svar.csv", [HEADER, *rows], "cp1252", ";")
    assert "Kvinne" in path.read_bytes().decode("cp1252") and sources.detect_format(path) == "csv"
    assert imported(path, tmp_path) == with_text(expected, NEW_TEXT)


def test_utf8_bom_semicolon_csv_with_english_labels(tmp_path, expected):
    flags = {"1": "yes", "0": "NO", "": ""}
    rows = [[flags[r[c]] if c in MULTI else label(c, r[c], "en") for c in HEADER] for r in RECORDS]
    path = write_csv(tmp_path / "responses.csv", [HEADER, *rows], "utf-8-sig", ";")
    assert imported(path, tmp_path) == expected


def staged_lookups(path: Path, tmp_path: Path) -> tuple[dict, dict]:
    """What staging.stage looked up (nothing, where the file was read typed)."""
    from survey.ingest import staging
    from survey.ingest.build import enum_types

    con = duckdb.connect()
    for statement in [*enum_types(CODEBOOK), staging.FLAG]:
        con.execute(statement)
    source, plan = staging.read(con, path, CODEBOOK, tmp_path)
    found = staging.stage(con, source, plan, CODEBOOK, None, None, tmp_path)
    assert con.execute("SELECT count(*) FROM staged").fetchone() == (len(ROWS),)
    return found


def test_plain_comma_csv_is_read_typed(tmp_path, expected):
    """The codebook's own layout: DuckDB reads the coded columns as their ENUM types, checking as it reads, in
    one pass with nothing looked up; the same file with a label in it is read as text and looked up."""
    path = write_csv(tmp_path / "responses.csv", [HEADER, *ROWS], "utf-8", ",")
    assert staged_lookups(path, tmp_path) == ({}, {})
    assert imported(path, tmp_path) == expected
    rows = [list(r) for r in ROWS]
    rows[3][HEADER.index("gender")] = "Mann"
    labelled = write_csv(tmp_path / "labelled.csv", [HEADER, *rows], "utf-8", ",")
    by_feed, _ = staged_lookups(labelled, tmp_path)
    assert set(by_feed["gender"].keys) == {r["gender"] for r in RECORDS} | {"Mann"}
    assert imported(labelled, tmp_path) == expected


def test_xlsx_first_sheet_and_named_sheet(tmp_path, expected):
    """Numbers as numbers, booleans for challenges, a text that looks like a formula kept as text."""
    def value(column: str, cell: str):
        if column == "respondent_id" or (column in MULTI and cell and not column.startswith("challenges")):
            return int(cell)
        if column.startswith("challenges"):
            return cell == "1"
        return cell or None
    rows = [HEADER] + [[value(c, r[c]) for c in HEADER] for r in RECORDS]
    rows[1][HEADER.index("guidelines_why_not_text")] = "=1+1 er ikke en formel"
    first = write_xlsx(tmp_path / "first.xlsx", {"Svar": rows, "Notater": [["ikke data"]]})
    assert sources.detect_format(first) == "xlsx"
    assert imported(first, tmp_path) == with_text(expected, "=1+1 er ikke en formel")
    named = write_xlsx(tmp_path / "named.xlsx", {"Info": [["Eksportert 2010-05-31"]], "Data": rows})
    assert imported(named, tmp_path, sheet="Data") == with_text(expected, "=1+1 er ikke en formel")


def test_a_workbook_whose_first_sheet_is_not_the_answers_names_the_others(tmp_path):
    rows = [HEADER, *ROWS]
    book = write_xlsx(tmp_path / "book.xlsx", {"Info": [["Eksportert", "2010-05-31"], ["av", "Per"]],
                                               "Data": rows, "Koder": [["x"]]})
    report = problems_of(lambda: import_file(book, tmp_path / "survey.duckdb", dry_run=True), "en")
    assert "the first sheet, 'Info', does not hold the answers" in report
    assert "other sheets: Data, Koder" in report and "--sheet" in report
    norsk = problems_of(lambda: import_file(book, tmp_path / "survey.duckdb", dry_run=True), "nb")
    assert "det første arket, 'Info', har ikke svarene" in norsk and "Data, Koder" in norsk


def test_spss_sav_with_value_labels(tmp_path, expected):
    pd = pytest.importorskip("pandas")
    pyreadstat = pytest.importorskip("pyreadstat")
    labelled = ("gender", "age_group")
    codes = {q: {o: float(k) for k, o in enumerate(SINGLE[q].option_ids, start=1)} for q in labelled}
    data = {}
    for c in HEADER:
        cells = [r[c] for r in RECORDS]
        if c in labelled:
            data[c] = [codes[c][v] for v in cells]
        elif c == "respondent_id" or c in MULTI:
            data[c] = [float(v) if v else float("nan") for v in cells]
        else:
            data[c] = cells
    path = tmp_path / "svar.sav"
    value_labels = {q: {k: SINGLE[q].option(o).label["nb"] for o, k in codes[q].items()} for q in labelled}
    value_labels["challenges__other"] = {0.0: "Ikke valgt", 1.0: "Valgt"}  # a multi column's codes stay 1/0
    pyreadstat.write_sav(pd.DataFrame(data), str(path), variable_value_labels=value_labels)
    assert sources.detect_format(path) == "sav"
    assert imported(path, tmp_path) == expected


FULL_MAPPING = {  # a Qualtrics export of the whole questionnaire, under its own question ids
    "ResponseId": "respondent_id", "Q1": "gender", "Q2": "age_group", "Q3": "role", "Q4": "company_size",
    "Q5": "industry", "Q16": "region", "Q6": "private_use", "Q8": "company_use", "Q11": "marketing_strategy",
    "Q12": "guidelines", "Q13": "guidelines_why_not", "Q15": "guidelines_why_not_text",
    **{f"Q14_{k}": f"challenges__{o}" for k, o in enumerate(CODEBOOK["challenges"].option_ids, start=1)},
}
RECODES = {"Q7": "private_channels", "Q9": "company_channels", "Q10": "company_purposes"}


def full_mapping() -> Mapping:
    multi = {name: {"question": q, "separator": ",",
                    "values": {str(k): o for k, o in enumerate(CODEBOOK[q].option_ids, start=1)}}
             for name, q in RECODES.items()}
    return Mapping(columns={k: (v,) for k, v in FULL_MAPPING.items()}, multi=multi,
                   values={"gender": {"Vil ikke oppgi": "not_stated"}, "age_group": {"Over 60 år": "60_plus"}},
                   skip=("StartDate", "EndDate", "Status", "Duration (in seconds)"))


def qualtrics_grid(mapping: Mapping, choice_text: bool = False) -> list[list[str]]:
    """A raw Qualtrics export of the fixture under FULL_MAPPING's Q-ids. Options exported one column each hold
    1 where chosen, or with `choice_text` the option's text."""
    back = {target[0]: source for source, target in mapping.columns.items()}
    names = ["StartDate", "EndDate", "Status", "Duration (in seconds)", "ResponseId"]
    names += [back[c] for c in HEADER if c in back and c != "respondent_id"] + list(mapping.multi)
    texts = {n: n for n in names}
    imports = {n: json.dumps({"ImportId": n.lower(), "timeZone": "Europe/Oslo"}) for n in names[:5]}
    for name in names[5:]:
        target = mapping.columns[name][0] if name in mapping.columns else mapping.multi[name]["question"]
        question = CODEBOOK[target.split("__")[0].removesuffix("_text")]
        texts[name], imports[name] = question.text["nb"], json.dumps({"ImportId": f"QID{name[1:]}"})

    def cell(record: dict, name: str) -> str:
        if name in mapping.multi:
            entry = mapping.multi[name]
            codes = {o: k for k, o in entry["values"].items()}
            return ",".join(codes[o] for o in CODEBOOK[entry["question"]].option_ids
                            if record[f"{entry['question']}__{o}"] == "1")
        target = mapping.columns[name][0]
        value = record[target]
        if target in MULTI:  # Qualtrics leaves unchosen options empty
            option = MULTI[target].option(target.split("__")[1])
            return "" if value != "1" else option.label["nb"] if choice_text else "1"
        own = {o: v for v, o in mapping.values.get(target, {}).items()}
        return own.get(value) or label(target, value)
    meta = ["2010-05-03 10:00:00", "2010-05-03 10:07:00", "IP Address", "420"]
    data = [meta + [f"R_{n:03d}xYz"] + [cell(r, n) for n in names[5:]] for n, r in enumerate(RECORDS)]
    return [names, [texts[n] for n in names], [imports[n] for n in names], *data]


@pytest.mark.parametrize("container", ["csv", "xlsx"])
def test_qualtrics_with_a_mapping(tmp_path, expected, container):
    """Its own Q-ids come from the mapping; the wave, which Qualtrics does not carry, is given; its ids are
    kept as source ids."""
    mapping = full_mapping()
    grid = qualtrics_grid(mapping, choice_text=container == "xlsx")
    assert "Over 60 år" in {row[grid[0].index("Q2")] for row in grid}  # the mapping's own value is used
    if container == "csv":
        path = write_csv(tmp_path / "qualtrics.csv", grid, "utf-8-sig", ",")
    else:
        path = write_xlsx(tmp_path / "qualtrics.xlsx", {"Sheet0": grid})
    mapping_file = tmp_path / "mapping.yaml"
    mapping_file.write_text(mapping_yaml(mapping), encoding="utf-8")
    assert sources.detect_format(path) == "qualtrics"
    assert imported(path, tmp_path, mapping=mapping_file, wave="2010") == expected
    db = next(tmp_path.glob("db_qualtrics_*")) / "survey.duckdb"
    ids = duckdb.connect(str(db), read_only=True).execute("SELECT source_id FROM responses ORDER BY 1").fetchall()
    assert [i for (i,) in ids] == [f"R_{n:03d}xYz" for n in range(10)]


def mapping_yaml(mapping: Mapping) -> str:
    import yaml

    return yaml.safe_dump({"columns": {k: list(v) if len(v) > 1 else v[0] for k, v in mapping.columns.items()},
                           "values": mapping.values, "multi": mapping.multi, "skip": list(mapping.skip)},
                          allow_unicode=True)


def test_qualtrics_with_codebook_column_ids_needs_no_mapping(tmp_path, expected):
    imports = [json.dumps({"ImportId": c}) for c in HEADER]
    path = write_csv(tmp_path / "q.csv", [HEADER, HEADER, imports, *ROWS], "utf-8", ",")
    assert imported(path, tmp_path) == expected


def surveymonkey_grid() -> list[list[str]]:
    """Two header rows in English: question text over its first column, "Response" or the option below."""
    top, second, columns = ["Respondent ID"], [""], []
    for q in CODEBOOK.questions:
        cols = q.columns()
        top += [q.text["en"]] + [""] * (len(cols) - 1)
        second += ["Response"] * (q.kind == "single") + [q.option(c.split("__")[1]).label["en"] for c in cols
                                                         if "__" in c] + ["Please explain"] * q.open_text
        columns += cols

    def cell(record: dict, column: str) -> str:
        if column in MULTI:
            option = column.split("__")[1]
            return MULTI[column].option(option).label["en"] if record[column] == "1" else ""
        return label(column, record[column], "en")
    data = [[str(11400000000 + n)] + [cell(r, c) for c in columns] for n, r in enumerate(RECORDS, start=1)]
    return [top, second, *data]


def test_surveymonkey_without_mapping(tmp_path, expected):
    """Matched by the codebook's question texts and labels; ids too large for the contract are numbered and
    kept as source ids, and the wave, which SurveyMonkey does not carry, is given."""
    path = write_csv(tmp_path / "monkey.csv", surveymonkey_grid(), "utf-8", ",")
    assert sources.detect_format(path) == "surveymonkey"
    assert imported(path, tmp_path, wave="2010") == expected


def test_surveymonkey_with_mapping_of_built_names(tmp_path, expected):
    grid = surveymonkey_grid()
    grid[0][1] = "Du er"
    mapping = tmp_path / "m.yaml"
    mapping.write_text('columns: {"Du er": gender}\nvalues: {gender: {Mann: male}}\n', encoding="utf-8")
    path = write_csv(tmp_path / "monkey.csv", grid, "utf-8", ";")
    assert imported(path, tmp_path, mapping=mapping, wave="2010") == expected


# --- what the report says, and files that cannot be read ----------------------------------------------------

def problems_of(call, lang: str = "en") -> str:
    with pytest.raises(InvalidResponses) as caught:
        call()
    return caught.value.report(lang)


def check(path: Path, tmp_path: Path, lang: str = "en", **options) -> str:
    return problems_of(lambda: import_file(path, tmp_path / "survey.duckdb", dry_run=True, **options), lang)


def test_unknown_value_is_reported_with_its_row(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][HEADER.index("gender")] = "Kvinnelig"
    path = write_csv(tmp_path / "r.csv", [HEADER, *rows], "utf-8", ",")
    assert "row 4, column gender: unknown option: 'Kvinnelig' is not one of male, female, not_stated" in check(
        path, tmp_path)
    assert "rad 4, kolonne gender: ukjent svaralternativ: 'Kvinnelig' er ikke et av male, female, not_stated" in \
        check(path, tmp_path, "nb")


def test_missing_wave_duplicate_header_and_duplicate_source_ids(tmp_path, expected):
    w = HEADER.index("wave")
    path = write_csv(tmp_path / "nowave.csv", [r[:w] + r[w + 1:] for r in [HEADER, *ROWS]], "utf-8", ",")
    assert "no wave: give --wave" in check(path, tmp_path)
    assert imported(path, tmp_path, wave="2010") == expected
    twice = write_csv(tmp_path / "twice.csv", [HEADER + [" gender "], *[r + ["male"] for r in ROWS]], "utf-8", ",")
    assert "row 1, column gender: the column appears twice" in check(twice, tmp_path)
    rows = [["R_a" if n != 3 else "R_b"] + r[1:] for n, r in enumerate(ROWS)]
    dup = write_csv(tmp_path / "dup.csv", [HEADER, *rows], "utf-8", ",")
    report = check(dup, tmp_path)
    assert "row 3, column respondent_id: duplicate respondent id 'R_a', first seen in row 2" in report
    assert "... and 5 more like this" in report and "8 problems found" in report


def test_no_id_column_numbers_the_rows(tmp_path, expected):
    path = write_csv(tmp_path / "noid.csv", [r[1:] for r in [HEADER, *ROWS]], "utf-8", ",")
    assert imported(path, tmp_path) == expected


def test_an_unclosed_quote_names_the_row_where_it_opens(tmp_path):
    lines = SMALL_CSV.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(",Har ikke", ',"Har ikke') if ",Har ikke" in lines[4] else lines[4] + ',"'
    lines[4] = lines[4].replace("no,not_yet,", 'no,not_yet,"', 1) if '"' not in lines[4] else lines[4]
    path = tmp_path / "quote.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = check(path, tmp_path)
    assert 'row 5: a quote (") opens on this row and is never closed' in report
    assert 'rad 5: et anførselstegn (") åpner på denne raden og lukkes aldri' in check(path, tmp_path, "nb")


def test_a_row_with_too_few_cells(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[5] = rows[5][:20]
    path = write_csv(tmp_path / "short.csv", [HEADER, *rows], "utf-8", ",")
    assert f"row 7: 20 cells, but the header has {len(HEADER)} columns" in check(path, tmp_path)


def test_blank_lines_count_as_rows_in_the_report(tmp_path):
    text = SMALL_CSV.read_text(encoding="utf-8").replace("\n4,2010", "\n\n\n4,2010")
    text = text.replace(",trade,", ",shops,")
    path = tmp_path / "blank.csv"
    path.write_text(text, encoding="utf-8")
    rows = [n for n, line in enumerate(text.splitlines(), start=1) if ",shops," in line]
    report = check(path, tmp_path)
    for row in rows:
        assert f"row {row}, column industry: unknown option: 'shops'" in report


@pytest.mark.parametrize("name, content, message", [
    ("empty.csv", b"", "the file is empty"),
    ("blank.csv", b"\xef\xbb\xbf \r\n\r\n", "the file is empty"),
    ("empty.xlsx", b"", "the file is empty"),
    ("garbage.csv", bytes(range(256)) * 4, "the file is not text"),
    ("garbage.txt", b"\x81\x8d\x8f\x90\x9d" * 10, "the file is not text (neither UTF-8 nor Windows-1252)"),
    ("utf16.csv", "respondent_id;wave".encode("utf-16"), "the file is not text"),
    ("text.sav", b"respondent_id,wave\n1,2010\n", "the file is not an SPSS .sav file"),
    ("garbage.xlsx", bytes(range(256)), "the file is not an Excel workbook"),
    ("data.json", b"{}", "unknown kind of file '.json'"),
])
def test_bad_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert message in check(path, tmp_path)
    assert message in problems_of(lambda: sources.detect_format(path))


def test_bad_workbooks(tmp_path):
    hollow = tmp_path / "hollow.xlsx"
    zipfile.ZipFile(hollow, "w").close()
    assert "the file is not an Excel workbook" in check(hollow, tmp_path)
    book = write_xlsx(tmp_path / "book.xlsx", {"Svar": [HEADER, *ROWS], "Notater": [["x"]]})
    report = check(book, tmp_path, sheet="Data")
    assert "no sheet 'Data'" in report and "Svar, Notater" in report
    assert "the file cannot be read" in check(tmp_path / "missing.csv", tmp_path)


@pytest.mark.parametrize("text, message", [
    ("columns: [Q1, gender", "cannot be read as YAML"),
    ("- just\n- a list\n", "must be a YAML mapping"),
    ("colums: {Q1: gender}\n", "must be a YAML mapping"),
    ("columns: {Q1: gendr, Q2: age_group}\n", "column Q1: the mapping's columns send it to 'gendr', not a column"),
    ("columns: {Q1: [gender, age_grp]}\n", "column Q1: the mapping's columns send it to 'age_grp', not a column"),
    ("values: {gender: {Mann: man}}\n", "names 'man', not an option of gender"),
    ("values: {gender: {man: [Mann, M]}}\n", "names 'man', not an option of gender"),
    ("values: {gender: {male: [Mann], female: [Mann]}}\n", "gives 'Mann' to both 'male' and 'female'"),
    ("values: {private_use: {Ja: yes}}\n", "YAML reads yes, no, true, false, on and off as true/false unless quoted"),
    ("multi: {Q7: {question: gender}}\n", "names 'gender', not a multi-choice question of the codebook"),
    ("multi: {Q7: [1, 2]}\n", "multi: Q7 needs question"),
    ("unanswered: [shoe_size]\n", "names 'shoe_size', not a question of the codebook"),
    ("skip: Status\n", "the mapping's skip must be a list of names"),
])
def test_bad_mappings(tmp_path, text, message):
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    assert message in problems_of(lambda: load(path, CODEBOOK))
    assert message in check(SMALL_CSV, tmp_path, mapping=path)


def test_unknown_choice_in_a_multi_column(tmp_path):
    mapping = full_mapping()
    grid = qualtrics_grid(mapping)
    grid[3][grid[0].index("Q7")] = "1,12"
    path = write_csv(tmp_path / "q.csv", grid, "utf-8", ",")
    mapping_file = tmp_path / "mapping.yaml"
    mapping_file.write_text(mapping_yaml(mapping), encoding="utf-8")
    report = check(path, tmp_path, mapping=mapping_file, wave="2010")
    assert "row 4, column Q7: unknown choice '12' for private_channels" in report


def test_a_typo_in_a_column_name_is_still_caught(tmp_path):
    header = [("privat_use" if c == "private_use" else c) for c in HEADER]
    path = write_csv(tmp_path / "typo.csv", [header, *ROWS], "utf-8", ",")
    report = check(path, tmp_path)
    assert "row 1, column privat_use: unknown column, not in the codebook" in report


def test_a_question_routed_on_one_the_file_does_not_ask(tmp_path):
    drop = HEADER.index("guidelines")
    path = write_csv(tmp_path / "r.csv", [r[:drop] + r[drop + 1:] for r in [HEADER, *ROWS]], "utf-8", ",")
    report = check(path, tmp_path)
    assert ("row 1, column guidelines_why_not: guidelines_why_not is only asked when guidelines is no, but this "
            "file does not ask guidelines") in report


def test_texts_without_their_coded_answers(tmp_path):
    drop = HEADER.index("guidelines_why_not")
    path = write_csv(tmp_path / "r.csv", [r[:drop] + r[drop + 1:] for r in [HEADER, *ROWS]], "utf-8", ",")
    assert "guidelines_why_not_text without guidelines_why_not" in check(path, tmp_path)


# --- anything at all: only InvalidResponses may come out -----------------------------------------------------

SETTINGS = settings(max_examples=60, deadline=None)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("random")


def read_and_check(path: Path, folder: Path, **options) -> None:
    try:
        import_file(path, folder / "survey.duckdb", dry_run=True, **options)
    except InvalidResponses as err:
        assert err.problems and err.report("nb") and err.report("en")


@SETTINGS
@given(st.sampled_from([b"", b"PK\x03\x04", b"$FL2", b"\xef\xbb\xbf"]), st.binary(max_size=3000),
       st.sampled_from([".csv", ".xlsx", ".sav"]))
def test_random_bytes(work, prefix, data, suffix):
    path = work / f"random{suffix}"
    path.write_bytes(prefix + data)
    read_and_check(path, work, wave="2010")


CELL = st.one_of(st.sampled_from(COLUMNS + ["", " ", "1", "0", "Ja", "Kvinne", "R_1", "2010", '"', ";", ",",
                                            "Response", '{"ImportId":"QID1"}', "99999999999", "'=1+1"]),
                 st.text(max_size=10))


@SETTINGS
@given(header=st.one_of(st.just(COLUMNS), st.lists(CELL, max_size=8)), rows=st.lists(st.lists(CELL, max_size=50),
       max_size=6), delimiter=st.sampled_from([";", ",", "\t", "|"]), quoted=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]), wave=st.sampled_from([None, "2010"]))
def test_random_csv_shapes(work, header, rows, delimiter, quoted, encoding, wave):
    if quoted:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
        text = buffer.getvalue()
    else:
        text = "\n".join(delimiter.join(row) for row in [header, *rows])
    path = work / "shape.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    read_and_check(path, work, wave=wave)
