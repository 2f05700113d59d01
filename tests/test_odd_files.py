"""Nothing lost when a file is odd: a formula without a stored value, a byte in another encoding, a control
character, a folder or a named pipe, a row short of cells, a full disk. Each is refused with a sentence that
says what is wrong and what to do, on the command line and through survey.ingest.imports, and nothing is published;
a file is never read one way at its start and another further on."""
from __future__ import annotations

import csv
import errno
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from survey.ingest import build, versions
from survey.ingest.imports import import_file
from survey.texts.i18n import format_number
from survey.texts.problems import InvalidResponses, quoted
from tests.conftest import ROOT, SMALL_CSV
from tests.test_cli import assert_clear_failure
from tests.tool_exports import qualtrics_grid, rerun_answers, source_rows

EXAMPLE = ROOT / "data" / "mapping.example.yaml"
TEXT = "guidelines_why_not_text"
MARK = "@@"  # where a test puts its odd byte, in a free text
MB = 1 << 20


def run(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    """python -m survey, as tests/test_figures.py's cli runs it (with a timeout of its own: a named pipe must
    never be waited on)."""
    env = {"PATH": "/usr/bin:/bin", "SURVEY_STATISTICS": os.environ["SURVEY_STATISTICS"]}
    return subprocess.run([sys.executable, "-m", "survey", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def published(db: Path) -> tuple:
    """What is published at `db`: the version, and every version there is."""
    return versions.current(db), versions.version_paths(db)


def refused(path: Path, db: Path, *phrases: str, lang: str = "en", **options) -> str:
    """Import `path` through survey.ingest.imports and on the command line: refused with `phrases` (in the report of
    `lang`), a non-zero exit, no traceback, nothing published. Returns the command line's report."""
    before = published(db)
    with pytest.raises(InvalidResponses) as caught:
        import_file(path, db, **options)
    for phrase in phrases:
        assert phrase in caught.value.report(lang)
    flags = [f"--{key}={value}" for key, value in options.items()]
    result = run("import", str(path), "--db", str(db), "--lang", lang, *flags)
    assert_clear_failure(result, 1, *phrases)
    assert published(db) == before
    return result.stderr


def answers_rows(copies: int = 10) -> tuple[list[str], list[list[str]]]:
    """The reconstruction's answers `copies` times over as wave 2011 (1.3 MB at 10), each its own id."""
    with open(ROOT / "data" / "responses.csv", encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    out = []
    for _ in range(copies):
        for row in rows:
            out.append([str(len(out) + 1), "2011", *row[2:]])
    return header, out


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def with_byte(path: Path, byte: bytes, where: str) -> tuple[int, int]:
    """Write the answers to `path` with `byte` in one free text: in the first megabyte, or after it. Returns
    the row (as a spreadsheet counts) and the byte offset."""
    header, rows = answers_rows()
    column = header.index(TEXT)
    texts = [i for i, row in enumerate(rows) if row[column]]
    index = texts[5] if where == "first MB" else texts[-3]
    rows[index][column] += f" {MARK} "
    data = csv_bytes(header, rows)
    offset = data.index(MARK.encode())
    path.write_bytes(data.replace(MARK.encode(), byte))
    assert (offset < MB) == (where == "first MB") and len(data) > MB
    return index + 2, offset


def stored_texts(db: Path, wave: str = "2011") -> list[str]:
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {build.sql_text(str(versions.current(db)))} AS db (READ_ONLY)")
        return [t for (t,) in con.execute(f"SELECT {TEXT} FROM db.responses WHERE wave = ? AND {TEXT} IS NOT NULL "
                                          "ORDER BY respondent_id", [wave]).fetchall()]
    finally:
        con.close()


# --- 2. formulas without a stored value ---------------------------------------------------------------------

def formula_workbook(path: Path) -> int:
    """A raw Qualtrics export as a script's openpyxl writes it, the texts "Ikke behov" as formulas (no stored
    value). Returns how many."""
    grid = qualtrics_grid(rerun_answers(source_rows()))
    column = grid[0].index("Q13")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Svar"
    count = 0
    for n, row in enumerate(grid):
        if n >= 3 and row[column] == "Ikke behov":
            row = [*row[:column], '=CONCATENATE("Ikke ","behov")', *row[column + 1:]]
            count += 1
        sheet.append(row)
    book.save(path)
    return count


def saved_with_values(path: Path, target: Path) -> None:
    """The workbook as Excel saves it: each formula's value stored with it."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<c r="([A-Z]+[0-9]+)"><f>(.*?)</f><v\s*/?>(?:</v>)?',
                              rb'<c r="\1" t="str"><f>\2</f><v>Ikke behov</v>', data)
            out.writestr(item, data)


def test_formulas_without_a_stored_value_are_refused_with_their_cells(tmp_path, published_db):
    path = tmp_path / "skript.xlsx"
    assert formula_workbook(path) == 25
    first = "sheet 'Svar': formulas without a stored value in 25 cells (S19, S20, S38, S47, S57 …)"
    options = {"mapping": EXAMPLE, "wave": "2011"}
    said = refused(path, published_db, first, "S19 is '=CONCATENATE(\"Ikke \",\"behov\")'",
                   "Open it in Excel or LibreOffice and save it, so that the values are stored", **options)
    assert "1 problem found" in said
    refused(path, published_db, "ark 'Svar': formler uten lagret verdi i 25 celler", "Åpne den i Excel eller "
            "LibreOffice og lagre den", lang="nb", **options)
    saved = tmp_path / "lagret.xlsx"
    saved_with_values(path, saved)
    import_file(saved, published_db, **options)
    assert stored_texts(published_db).count("Ikke behov") == 25


# --- 3. one encoding for the whole file ---------------------------------------------------------------------

@pytest.mark.parametrize("where", ["first MB", "after the first MB"])
def test_a_stray_windows_1252_byte_is_refused_by_its_row_and_offset(tmp_path, published_db, where):
    path = tmp_path / "svar.csv"
    row, offset = with_byte(path, b"\x96", where)
    said = refused(path, published_db, f"row {format_number(row, 'en')}: the byte at offset "
                   f"{format_number(offset, 'en')} (0x96, '–' in Windows-1252) is not UTF-8, though the rest of "
                   "the file is; the file has 1 such byte", "save the whole file as UTF-8")
    assert "unexpected failure" not in said
    refused(path, published_db, f"rad {format_number(row, 'nb')}: byten ved posisjon {format_number(offset, 'nb')}",
            "lagre hele filen som UTF-8", lang="nb")
    # the same answers saved wholly in Windows-1252 are read as such, every text as it was written
    header, rows = answers_rows()
    whole = tmp_path / "ansi.csv"
    whole.write_bytes(csv_bytes(header, rows).decode("utf-8").encode("cp1252"))
    import_file(whole, published_db)
    texts = [row[header.index(TEXT)] for row in rows if row[header.index(TEXT)]]
    assert stored_texts(published_db) == texts and any("å" in t for t in texts)


def test_a_header_after_a_stray_byte_is_never_garbled(tmp_path, published_db):
    path = tmp_path / "kjonn.csv"
    row, offset = with_byte(path, b"\x96", "first MB")
    path.write_bytes(path.read_bytes().replace(b",gender,", ",Kjønn,".encode(), 1))
    mapping = tmp_path / "kjonn.yaml"
    mapping.write_text("columns:\n  Kjønn: gender\n", encoding="utf-8")
    said = refused(path, published_db, f"row {row}: the byte at offset {format_number(offset, 'en')} (0x96",
                   mapping=mapping)
    assert "Kj" not in said and "unknown column" not in said


# --- 4. control characters: one rule for the whole file -----------------------------------------------------

@pytest.mark.parametrize("where", ["first MB", "after the first MB"])
@pytest.mark.parametrize("byte, name", [(b"\x00", "U+0000 NUL"), (b"\x07", "U+0007 BEL")])
def test_a_control_character_is_refused_wherever_it_is(tmp_path, published_db, byte, name, where):
    path = tmp_path / "svar.csv"
    row, offset = with_byte(path, byte, where)
    refused(path, published_db, f"row {format_number(row, 'en')}: a control character ({name}) at byte offset "
            f"{format_number(offset, 'en')}; the file has 1 such character", "remove such characters")
    refused(path, published_db, f"rad {format_number(row, 'nb')}: et kontrolltegn ({name})", lang="nb")


def test_a_control_character_in_an_spss_files_cell_is_refused_by_the_same_rule(tmp_path, published_db):
    import pandas as pd
    import pyreadstat

    path = tmp_path / "svar.sav"
    frame = pd.DataFrame({"gender": ["male", "female"], TEXT: ["Ikke behov", "Mangler\x07 tid"]})
    pyreadstat.write_sav(frame, str(path))
    refused(path, published_db, "row 3, column B: a control character (U+0007 BEL) in this cell; the file has 1 "
            "such character in its cells", "remove such characters")
    refused(path, published_db, "rad 3, kolonne B: et kontrolltegn (U+0007 BEL) i denne cellen", lang="nb")


# --- 6. sentences that say what is wrong and what to do -----------------------------------------------------

@pytest.mark.parametrize("kind, words", [("fifo", "a named pipe (FIFO)"), ("device", "a device"),
                                         ("folder", "a folder")])
def test_only_a_regular_file_is_read(tmp_path, published_db, kind, words):
    path = tmp_path / "svar.csv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    refused(path, published_db, f"this is not a regular file but {words}, and nothing was read from it")
    refused(path, published_db, "dette er ikke en vanlig fil", lang="nb")


def test_a_missing_or_odd_mapping_file_is_named(tmp_path, published_db):
    missing = tmp_path / "kobling.yaml"
    assert_clear_failure(run("import", str(SMALL_CSV), "--mapping", str(missing), "--db", str(published_db),
                             "--lang", "en"), 1, f"there is no mapping file at {missing}")
    with pytest.raises(InvalidResponses) as caught:
        import_file(SMALL_CSV, published_db, mapping=missing)
    assert f"det finnes ingen koblingsfil på {missing}" in caught.value.report("nb")
    pipe = tmp_path / "rør.yaml"
    os.mkfifo(pipe)
    assert_clear_failure(run("import", str(SMALL_CSV), "--mapping", str(pipe), "--db", str(published_db),
                             "--lang", "en", timeout=30), 1, f"the mapping file {pipe} is not a regular file but a "
                                                             "named pipe (FIFO)")


def test_a_row_with_the_wrong_number_of_cells_is_one_problem(tmp_path, published_db):
    header, rows = answers_rows()
    rows[29] = rows[29][:19]
    rows[38] = rows[38] + ["extra"]
    path = tmp_path / "svar.csv"
    path.write_bytes(csv_bytes(header, rows))
    said = refused(path, published_db, f"row 31: 19 cells, but the header has {len(header)} columns",
                   f"row 40: {len(header) + 1} cells, but the header has {len(header)} columns", "2 problems found")
    assert said.count("cells, but") == 2 and "more like this" not in said


def test_a_carriage_return_or_control_character_in_a_value_is_shown(tmp_path, published_db):
    text = SMALL_CSV.read_text(encoding="utf-8").replace(",2010,", ",2011,").replace(",trade,", ',"sh\rops",', 1)
    path = tmp_path / "svar.csv"
    path.write_bytes(text.encode("utf-8"))
    refused(path, published_db, "row 2, column industry: unknown option: 'sh\\rops'")
    assert quoted("ja\x07\u202e\n") == "'ja\\u0007\\u202e\\n'"


NO_ROOM = {
    "duckdb": "raise duckdb.IOException('Could not write file \"x.building\": No space left on device')",
    "oserror": "raise OSError(errno.ENOSPC, 'No space left on device')",
}


@pytest.mark.parametrize("way", list(NO_ROOM))
def test_a_full_disk_says_so_and_publishes_nothing(tmp_path, published_db, monkeypatch, way):
    path = tmp_path / "svar.csv"
    path.write_text(SMALL_CSV.read_text(encoding="utf-8").replace(",2010,", ",2011,"), encoding="utf-8")
    before = published(published_db)
    full = f"the disk is full: there is no room for the new version in {versions.folder(published_db)}"

    def no_room(*args, **kwargs):
        exec(NO_ROOM[way])

    monkeypatch.setattr(build, "write_database", no_room)
    with pytest.raises(build.BuildError) as caught:
        import_file(path, published_db)
    assert full in str(caught.value) and "Nothing was published" in str(caught.value)
    assert "IO Error" not in str(caught.value) and published(published_db) == before
    code = (f"import duckdb, errno, sys\nfrom survey import cli\nfrom survey.ingest import build\n"
            f"def no_room(*args, **kwargs):\n    {NO_ROOM[way]}\n"
            f"build.write_database = no_room\n"
            f"sys.exit(cli.main(['import', {str(path)!r}, '--db', {str(published_db)!r}, '--lang', 'LANG']))\n")
    env = {"PATH": "/usr/bin:/bin", "SURVEY_STATISTICS": os.environ["SURVEY_STATISTICS"]}
    for lang, phrase in (("en", full), ("nb", "disken er full: det er ikke plass til den nye versjonen")):
        result = subprocess.run([sys.executable, "-c", code.replace("LANG", lang)], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        assert_clear_failure(result, 1, phrase)
        assert "Error" not in result.stderr
    assert published(published_db) == before


def test_a_full_disk_is_told_from_other_errors():
    from survey.ingest.sources import disk_full

    assert disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert disk_full(duckdb.IOException('Could not write file "x": No space left on device'))
    assert not disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not disk_full(duckdb.IOException("Could not set lock on file"))
