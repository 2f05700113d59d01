"""The files the app offers, in one list: each with the key of its button's label, its extension, its mime type
and the function that makes its bytes. The pages' buttons are made from it (survey.ui), and the command line
writes the same files with the same entries (python -m survey report, benchmark --pptx/--xlsx).

    CHART_FILES  a chart's numbers (CSV, Excel) and image (PNG 16:9 and square, SVG 16:9): make(result, view,
                 codebook)
    PAGE_DECK    a page's charts as slides: make(page, view, codebook, n[, db])
    REPORT_DECK  the report of every page for the selection: make(view, codebook[, db])
    TABLE        the Explore page's banner table, TABLE_SET the table of every question: make(tables, view,
                 codebook, banner)
    BENCHMARK_DECK, BENCHMARK_BOOK  the benchmark of a client: make(bench, codebook[, db])
    CLIENT_TEMPLATE_CSV, CLIENT_TEMPLATE_XLSX  the client file to fill in: make(lang, codebook)

A file is named by exports.file_name (Download.file_name): the page, what it holds, the selection and the date.
How a button looks (its icon, width, key) is the ui's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import altair as alt

from survey.ingest import clients
from survey.output import banner, benchmark_files, charts, exports, report

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PNG = "image/png"
SVG = "image/svg+xml"


@dataclass(frozen=True)
class Download:
    """One file: `label` the message key of its button, `ext` its extension, `mime` its type, `make` the
    function that makes its bytes, `variant` what its name adds to what it holds (a square image: "_square")."""
    label: str
    ext: str
    mime: str
    make: Callable[..., bytes]
    variant: str = ""

    def file_name(self, page: str, holds: str, view) -> str:
        """The file's name: the page, what it holds (with the variant), the selection and the date."""
        return exports.file_name(page, holds + self.variant, view, self.ext)


def chart_csv(result, view, codebook) -> bytes:
    return exports.to_csv(result.export_table(), lang=view.lang, about=exports.about(result, view, codebook))


def chart_xlsx(result, view, codebook) -> bytes:
    return exports.to_xlsx(result.export_table(), sheet=result.title, about=exports.about(result, view, codebook),
                           formats=result.export_formats())


def described(result, view, codebook, shape: str) -> alt.TopLevelMixin:
    """The chart as an image shows it: with its title, the selection, its notes and the data notice
    (exports.about), 16:9 ("wide") or square."""
    said = exports.about(result, view, codebook)
    return charts.figure(result.frame, lang=view.lang, title=said.title, selection=said.lines[0],
                         lines=list(said.lines[1:]), notice=said.notice, shape=shape)


def chart_png(result, view, codebook) -> bytes:
    return exports.to_png(described(result, view, codebook, "wide"))


def chart_png_square(result, view, codebook) -> bytes:
    return exports.to_png(described(result, view, codebook, "square"))


def chart_svg(result, view, codebook) -> bytes:
    return exports.to_svg(described(result, view, codebook, "wide"))


def tables_workbook(tables, view, codebook, dims: tuple[str, ...]) -> bytes:
    """Banner tables (survey.output.banner) as a workbook, with what they are of."""
    return banner.workbook(tables, view.cells, banner.about(tables, view, codebook, dims))


CHART_FILES = (
    Download("download_csv", "csv", CSV, chart_csv),
    Download("download_xlsx", "xlsx", XLSX, chart_xlsx),
    Download("download_png", "png", PNG, chart_png),
    Download("download_png_square", "png", PNG, chart_png_square, variant="_square"),
    Download("download_svg", "svg", SVG, chart_svg),
)
PAGE_DECK = Download("download_deck", "pptx", PPTX, report.page_deck)
REPORT_DECK = Download("download_report", "pptx", PPTX, report.report_deck)
TABLE = Download("download_table", "xlsx", XLSX, tables_workbook)
TABLE_SET = Download("download_table_set", "xlsx", XLSX, tables_workbook)
BENCHMARK_DECK = Download("download_bench_deck", "pptx", PPTX, benchmark_files.deck)
BENCHMARK_BOOK = Download("download_bench_xlsx", "xlsx", XLSX, benchmark_files.workbook)
CLIENT_TEMPLATE_CSV = Download("download_client_template_csv", "csv", CSV, clients.template_csv)
CLIENT_TEMPLATE_XLSX = Download("download_client_template_xlsx", "xlsx", XLSX, clients.template_xlsx)
ALL = (*CHART_FILES, PAGE_DECK, REPORT_DECK, TABLE, TABLE_SET, BENCHMARK_DECK, BENCHMARK_BOOK, CLIENT_TEMPLATE_CSV,
       CLIENT_TEMPLATE_XLSX)
