"""The importers: each export format, written here from the small fixture's data, reads into a Table that
validates to the fixture's records; bad files give InvalidResponses and nothing else."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SMALL_CSV
from survey import codebook as cb
from survey.importers import FORMATS, Mapping, detect_format, load_mapping, read
from survey.validate import InvalidResponses, validate, validate_table

CODEBOOK = cb.load()
COLUMNS = CODEBOOK.columns()
EXAMPLE_MAPPING = ROOT / "data" / "mapping.example.yaml"
with open(SMALL_CSV, encoding="utf-8", newline="") as fh:
    HEADER, *ROWS = list(csv.reader(fh))
RECORDS = [dict(zip(HEADER, row)) for row in ROWS]  # the fixture's cells by column
MULTI = {f"{q.id}__{o}": q for q in CODEBOOK.of_kind("multi") for o in q.option_ids}
SINGLE = {q.id: q for q in CODEBOOK.of_kind("single")}
NEW_TEXT = "Blåbærsyltetøy i Ærøskøbing: æøå ÆØÅ"


@pytest.fixture(scope="module")
def expected() -> list[dict]:
    return validate(SMALL_CSV, CODEBOOK).rows


def check(table, expected: list[dict]) -> None:
    assert validate_table(table, CODEBOOK).rows == expected


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
    assert "Kvinne" in path.read_bytes().decode("cp1252") and detect_format(path) == "csv"
    table = read(path, CODEBOOK)
    assert table.row_numbers == list(range(2, 12))
    want = [dict(e) for e in expected]
    want[0]["guidelines_why_not_text"] = NEW_TEXT
    check(table, want)


def test_utf8_bom_semicolon_csv_with_english_labels(tmp_path, expected):
    flags = {"1": "yes", "0": "NO", "": ""}
    rows = [[flags[r[c]] if c in MULTI else label(c, r[c], "en") for c in HEADER] for r in RECORDS]
    path = write_csv(tmp_path / "responses.csv", [HEADER, *rows], "utf-8-sig", ";")
    check(read(path, CODEBOOK), expected)


def test_plain_comma_csv_round_trips(tmp_path, expected):
    path = write_csv(tmp_path / "responses.csv", [HEADER, *ROWS], "utf-8", ",")
    table = read(path, CODEBOOK)
    assert (table.header, table.rows, table.blank_unchosen) == (HEADER, ROWS, False)
    check(table, expected)


def test_xlsx_first_sheet_and_named_sheet(tmp_path, expected):
    """Numbers as numbers, booleans for challenges, a text that looks like a formula kept as text."""
    def value(column: str, cell: str):
        if column == "respondent_id" or (column in MULTI and cell and not column.startswith("challenges")):
            return int(cell)
        if column.startswith("challenges"):
            return cell == "1"
        return cell or None
    rows = [HEADER] + [[value(c, r[c]) for c in HEADER] for r in RECORDS]
    first = write_xlsx(tmp_path / "first.xlsx", {"Svar": rows, "Notater": [["ikke data"]]})
    assert detect_format(first) == "xlsx"
    check(read(first, CODEBOOK), expected)
    named = write_xlsx(tmp_path / "named.xlsx", {"Info": [["Eksportert 2010-05-31"]], "Data": rows})
    check(read(named, CODEBOOK, sheet="Data"), expected)


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
    assert detect_format(path) == "sav"
    check(read(path, CODEBOOK), expected)


def qualtrics_grid(mapping: Mapping, choice_text: bool = False) -> list[list[str]]:
    """A raw Qualtrics export of the fixture under the example mapping's Q-ids (its columns, values, multi).
    Options exported one column each hold 1 where chosen, or with `choice_text` the option's text."""
    back = {target: source for source, target in mapping.columns.items()}
    names = ["StartDate", "EndDate", "Status", "Duration (in seconds)", "ResponseId"]
    names += [back[c] for c in HEADER if c in back and c != "respondent_id"] + list(mapping.multi)
    texts = {n: n for n in names}
    imports = {n: json.dumps({"ImportId": n.lower(), "timeZone": "Europe/Oslo"}) for n in names[:5]}
    for name in names[5:]:
        target = mapping.columns.get(name) or mapping.multi[name]["question"]
        question = CODEBOOK[target.split("__")[0].removesuffix("_text")]
        texts[name], imports[name] = question.text["nb"], json.dumps({"ImportId": f"QID{name[1:]}"})

    def cell(record: dict, name: str) -> str:
        if name in mapping.multi:
            entry = mapping.multi[name]
            codes = {o: k for k, o in entry["values"].items()}
            chosen = [codes[o] for o in CODEBOOK[entry["question"]].option_ids
                      if record[f"{entry['question']}__{o}"] == "1"]
            return ",".join(chosen)
        target, value = mapping.columns[name], record[mapping.columns[name]]
        if target in MULTI:  # Qualtrics leaves unchosen options empty
            option = MULTI[target].option(target.split("__")[1])
            return "" if value != "1" else option.label["nb"] if choice_text else "1"
        own = {o: v for v, o in mapping.values.get(target, {}).items()}
        return own.get(value) or label(target, value)
    meta = ["2010-05-03 10:00:00", "2010-05-03 10:07:00", "IP Address", "420"]
    data = [meta + [f"R_{n:03d}xYz"] + [cell(r, n) for n in names[5:]] for n, r in enumerate(RECORDS)]
    return [names, [texts[n] for n in names], [imports[n] for n in names], *data]


@pytest.mark.parametrize("container", ["csv", "xlsx"])
def test_qualtrics_with_example_mapping(tmp_path, expected, container):
    """Its own Q-ids come from the example mapping; the wave, which Qualtrics does not carry, is given."""
    mapping = load_mapping(EXAMPLE_MAPPING, CODEBOOK)
    grid = qualtrics_grid(mapping, choice_text=container == "xlsx")
    assert "Over 60 år" in {row[grid[0].index("Q2")] for row in grid}  # the mapping's own value is used
    if container == "csv":
        path = write_csv(tmp_path / "qualtrics.csv", grid, "utf-8-sig", ",")
    else:
        path = write_xlsx(tmp_path / "qualtrics.xlsx", {"Sheet0": grid})
    assert detect_format(path) == "qualtrics"
    table = read(path, CODEBOOK, mapping=mapping, wave="2010")
    assert table.row_numbers[0] == 4 and table.blank_unchosen
    check(table, expected)


def test_qualtrics_with_codebook_column_ids_needs_no_mapping(tmp_path, expected):
    imports = [json.dumps({"ImportId": c}) for c in HEADER]
    path = write_csv(tmp_path / "q.csv", [HEADER, HEADER, imports, *ROWS], "utf-8", ",")
    table = read(path, CODEBOOK)
    assert table.row_numbers == list(range(4, 14))
    check(table, expected)


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
    """Matched by the codebook's question texts and labels; ids too large for the contract are renumbered,
    and the wave, which SurveyMonkey does not carry, is given."""
    path = write_csv(tmp_path / "monkey.csv", surveymonkey_grid(), "utf-8", ",")
    assert detect_format(path) == "surveymonkey"
    table = read(path, CODEBOOK, wave="2010")
    assert table.row_numbers[0] == 3 and table.blank_unchosen
    assert "private_channels__facebook" in table.header and "guidelines_why_not_text" in table.header
    check(table, expected)


def test_surveymonkey_with_mapping_of_built_names(tmp_path, expected):
    grid = surveymonkey_grid()
    grid[0][1] = "Du er"
    mapping = Mapping(columns={"Du er": "gender"}, values={"gender": {"Mann": "male"}})
    path = write_csv(tmp_path / "monkey.csv", grid, "utf-8", ";")
    check(read(path, CODEBOOK, mapping=mapping, wave="2010"), expected)


def test_formats_constant():
    assert FORMATS == ("csv", "xlsx", "sav", "qualtrics", "surveymonkey")


# --- what the validator reports, and files that cannot be read -----------------------------------------------

def problems_of(call) -> str:
    with pytest.raises(InvalidResponses) as caught:
        call()
    return caught.value.report()


def test_unknown_value_is_left_for_the_validator(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][HEADER.index("gender")] = "Kvinnelig"
    path = write_csv(tmp_path / "r.csv", [HEADER, *rows], "utf-8", ",")
    report = problems_of(lambda: validate_table(read(path, CODEBOOK), CODEBOOK))
    assert "row 4, column gender: unknown option: 'Kvinnelig'" in report


def test_missing_wave_duplicate_header_and_duplicate_source_ids(tmp_path):
    w = HEADER.index("wave")
    path = write_csv(tmp_path / "nowave.csv", [r[:w] + r[w + 1:] for r in [HEADER, *ROWS]], "utf-8", ",")
    assert "no wave: give --wave" in problems_of(lambda: read(path, CODEBOOK))
    assert validate_table(read(path, CODEBOOK, wave="2010"), CODEBOOK).rows
    twice = write_csv(tmp_path / "twice.csv", [HEADER + [" gender "], *[r + ["male"] for r in ROWS]], "utf-8", ",")
    assert "row 1, column gender: the column appears twice" in problems_of(lambda: read(twice, CODEBOOK))
    rows = [["R_a" if n != 3 else "R_b"] + r[1:] for n, r in enumerate(ROWS)]
    dup = write_csv(tmp_path / "dup.csv", [HEADER, *rows], "utf-8", ",")
    report = problems_of(lambda: read(dup, CODEBOOK))
    assert "row 3, column respondent_id: duplicate respondent id 'R_a', first seen in row 2" in report


def test_no_id_column_numbers_the_rows(tmp_path, expected):
    path = write_csv(tmp_path / "noid.csv", [r[1:] for r in [HEADER, *ROWS]], "utf-8", ",")
    check(read(path, CODEBOOK), expected)


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
    assert message in problems_of(lambda: read(path, CODEBOOK))
    assert message in problems_of(lambda: detect_format(path))


def test_bad_workbooks(tmp_path):
    hollow = tmp_path / "hollow.xlsx"
    zipfile.ZipFile(hollow, "w").close()
    assert "the file is not an Excel workbook" in problems_of(lambda: read(hollow, CODEBOOK))
    book = write_xlsx(tmp_path / "book.xlsx", {"Svar": [HEADER, *ROWS], "Notater": [["x"]]})
    report = problems_of(lambda: read(book, CODEBOOK, sheet="Data"))
    assert "no sheet 'Data'" in report and "Svar, Notater" in report
    assert "the file cannot be read" in problems_of(lambda: read(tmp_path / "missing.csv", CODEBOOK))


@pytest.mark.parametrize("text, message", [
    ("columns: [Q1, gender", "cannot be read as YAML"),
    ("- just\n- a list\n", "must be a YAML mapping"),
    ("colums: {Q1: gender}\n", "must be a YAML mapping"),
    ("columns: {Q1: gendr, Q2: age_group}\n", "column Q1: the mapping's columns send it to 'gendr', not a column"),
    ("values: {gender: {Mann: man}}\n", "names 'man', not an option of gender"),
    ("values: {private_use: {Ja: yes}}\n", "YAML reads yes, no, true, false, on and off as true/false unless quoted"),
    ("multi: {Q7: {question: gender}}\n", "names 'gender', not a multi-choice question of the codebook"),
    ("multi: {Q7: [1, 2]}\n", "multi: Q7 needs question"),
])
def test_bad_mappings(tmp_path, text, message):
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    assert message in problems_of(lambda: load_mapping(path, CODEBOOK))
    if "column Q1" in message:  # load_mapping without a codebook cannot tell: read() checks it
        assert message in problems_of(lambda: read(SMALL_CSV, CODEBOOK, mapping=load_mapping(path)))


def test_unknown_choice_in_a_multi_column(tmp_path):
    mapping = load_mapping(EXAMPLE_MAPPING, CODEBOOK)
    grid = qualtrics_grid(mapping)
    grid[3][grid[0].index("Q7")] = "1,12"
    path = write_csv(tmp_path / "q.csv", grid, "utf-8", ",")
    report = problems_of(lambda: read(path, CODEBOOK, mapping=mapping, wave="2010"))
    assert "row 4, column Q7: unknown choice '12' for private_channels" in report


# --- anything at all: only InvalidResponses may come out -----------------------------------------------------

SETTINGS = settings(max_examples=60, deadline=None)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("random")


def read_and_validate(path: Path, **options) -> None:
    try:
        validate_table(read(path, CODEBOOK, **options), CODEBOOK)
    except InvalidResponses as err:
        assert err.problems and err.report()


@SETTINGS
@given(st.sampled_from([b"", b"PK\x03\x04", b"$FL2", b"\xef\xbb\xbf"]), st.binary(max_size=3000),
       st.sampled_from([".csv", ".xlsx", ".sav"]))
def test_random_bytes(work, prefix, data, suffix):
    path = work / f"random{suffix}"
    path.write_bytes(prefix + data)
    read_and_validate(path, wave="2010")


CELL = st.one_of(st.sampled_from(COLUMNS + ["", " ", "1", "0", "Ja", "Kvinne", "R_1", "2010", '"', ";", ",",
                                            "Response", '{"ImportId":"QID1"}', "99999999999"]),
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
    read_and_validate(path, wave=wave)
