"""The one list of the files the app offers (survey.output.downloads): each says its label in both languages, its
extension and mime type agree, a chart's five files are the exports they were, and the command line writes
its deck and workbooks with the same entries."""
import datetime
from pathlib import Path

import pytest

from survey import cli
from survey.model import codebook as cb
from survey.model.state import View
from survey.output import downloads, exports
from survey.output.downloads import ALL, CHART_FILES, Download
from survey.texts.i18n import LANGUAGES, t

TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation", "png": "image/png",
         "svg": "image/svg+xml"}


def test_every_file_has_a_label_in_each_language_and_the_type_of_its_extension():
    assert len({file.label for file in ALL}) == len(ALL)
    for file in ALL:
        assert all(t(file.label, lang) for lang in LANGUAGES), file.label
        assert file.mime == TYPES[file.ext], file.label


def test_a_charts_files_have_the_names_and_keys_they_had():
    day = datetime.date(2026, 12, 3)
    names = [exports.file_name("usage", "private_use" + file.variant, View(), file.ext, day) for file in CHART_FILES]
    assert names == ["usage_private_use_all_2026-12-03.csv", "usage_private_use_all_2026-12-03.xlsx",
                     "usage_private_use_all_2026-12-03.png", "usage_private_use_square_all_2026-12-03.png",
                     "usage_private_use_all_2026-12-03.svg"]
    assert CHART_FILES[3].file_name("usage", "private_use", View()).startswith("usage_private_use_square_all_")
    assert len({f"private_use{file.variant}_{file.ext}" for file in CHART_FILES}) == len(CHART_FILES)


@pytest.fixture(scope="module")
def usage(seed_db):
    from survey.analysis import results

    codebook = cb.load()
    view = View(lang="en")
    return results.shares("private_use", view, codebook, db=seed_db), view, codebook


def test_a_charts_files_are_the_exports_of_its_numbers_and_figure(seed_env, usage):
    result, view, codebook = usage
    made = {file.label: file.make(result, view, codebook) for file in CHART_FILES}
    about = exports.about(result, view, codebook)
    assert made["download_csv"] == exports.to_csv(result.export_table(), lang="en", about=about)
    assert made["download_xlsx"][:2] == b"PK"
    assert made["download_png"][:8] == made["download_png_square"][:8] == b"\x89PNG\r\n\x1a\n"
    wide, square = exports.png_size(made["download_png"]), exports.png_size(made["download_png_square"])
    assert wide[0] / wide[1] == pytest.approx(16 / 9, rel=0.05) and square[0] / square[1] == pytest.approx(1, rel=0.05)
    assert made["download_svg"].lstrip().startswith(b"<svg")


def test_the_command_line_writes_the_report_with_the_apps_entry(seed_env, tmp_path, monkeypatch):
    calls = []
    made = Download("download_report", "pptx", TYPES["pptx"], lambda *given: calls.append(given) or b"deck")
    monkeypatch.setattr(downloads, "REPORT_DECK", made)
    out = tmp_path / "report.pptx"
    assert cli.main(["report", "--out", str(out), "--lang", "en"]) == 0
    assert out.read_bytes() == b"deck" and calls[0][2] == Path(seed_env)


def test_the_command_line_writes_the_benchmarks_files_with_the_apps_entries(seed_env, tmp_path, monkeypatch):
    client = tmp_path / "client.csv"
    client.write_text("company_size,industry,company_use,guidelines\n20_49,trade,yes,yes\n", encoding="utf-8")
    for name, what in (("BENCHMARK_DECK", b"deck"), ("BENCHMARK_BOOK", b"book")):
        entry = getattr(downloads, name)
        monkeypatch.setattr(downloads, name, Download(entry.label, entry.ext, entry.mime, lambda *_, w=what: w))
    deck, book = tmp_path / "bench.pptx", tmp_path / "bench.xlsx"
    code = cli.main(["benchmark", "--client", str(client), "--pptx", str(deck), "--xlsx", str(book)])
    assert code == 0 and deck.read_bytes() == b"deck" and book.read_bytes() == b"book"
