"""Banner tables, as survey tables are delivered: one question down (its answers), several dimensions across
(the banner: a Total column first, then each dimension with its groups), and a table set, every question
against the same banner.

A table is made of the results the charts use (survey.analysis.results.shares_of: one query for every question and
split), so its numbers, intervals, small-group rules and comparison with the rest are the charts' own. What it
adds are the column letters (the market-research convention): each column of the banner has a letter, and a
share significantly higher than column B's carries "B". The test is the pooled two-proportion z-test on the
effective n of both columns (survey.stats.formulas.two_proportion_p), for every pair of shown columns of one dimension
and every answer; the p-values of one dimension (all its pairs and answers, in one question) are adjusted with
Holm and compared with the view's level, as the comparison with the rest is within a chart. The second answer
of a two-answer question (survey.stats.estimates.mirror: no, beside yes) is the first's complement in every column,
so each pair's test of it is the test of the first: the family holds it once, and the second answer's letters
are the first's turned round (the column lower on yes is higher on no). Columns with a low base are not tested,
and hidden columns are in no comparison, as in the charts.

Hidden columns stay in the table, by name, every cell saying so: a group below the threshold, alone where the
counts carry noise or are the reconstruction's, and where the selection holds a wave of real people with exact
counts, also one hidden with a lone such group so that it cannot be worked out from the others
(survey.stats.estimates.suppressed_groups, survey.analysis.results.exact_people).
"""
from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass
from io import BytesIO
from itertools import groupby

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from survey.analysis.results import Shares, group_bases, group_labels, shares_of, split_title
from survey.model.codebook import Codebook, Question
from survey.model.state import CELLS, DEFAULT_CELLS, NO_COMPARISON, View
from survey.output import exports
from survey.stats import estimates
from survey.stats import formulas as stats
from survey.texts.i18n import NBSP, format_decimal, format_number, format_pct, t

TOTAL = "total"  # the banner of the Total column (the split none)


@dataclass(frozen=True)
class Column:
    """One column of a banner: its dimension (TOTAL for the Total column), group id, labels in the language, its
    letter ('' for Total) and whether it is hidden or has a low base."""

    banner: str
    group: str
    heading: str
    label: str
    letter: str
    hidden: bool = False
    low_base: bool = False

    @property
    def title(self) -> str:
        """The column's name in a header: «Kvinne (A)», with a mark where its base is low."""
        name = f"{self.label} ({self.letter})" if self.letter else self.label
        return f"{name} *" if self.low_base else name


@dataclass(frozen=True)
class Table:
    """One question against a banner. `frame` has a row per shown column and answer: the columns of
    results.Shares (pct, n, base_n, w_n, w_base, n_eff, ci_low, ci_high, p_value, significant, direction, flag,
    option, option_label, group) with banner, letter and letters (the letters of the columns of its dimension
    that its share is significantly higher than, '' where none or not tested)."""

    question: Question
    lang: str
    level: int
    weighted: bool
    columns: tuple[Column, ...]
    frame: pd.DataFrame
    results: tuple[Shares, ...]

    @property
    def title(self) -> str:
        return self.question.title[self.lang]

    @property
    def text(self) -> str:
        """The question in full, as it was asked."""
        return self.question.text[self.lang]

    @property
    def empty(self) -> bool:
        return self.frame.empty

    def options(self) -> list[tuple[str, str]]:
        """The answers in the table's order (that of the Total column's chart): (id, label)."""
        rows = self.frame.sort_values(["option_rank", "option"]).drop_duplicates("option")
        return list(zip(rows["option"], rows["option_label"]))

    def notes(self, cells=CELLS) -> list[str]:
        """What a reader of the table needs under it: who was asked, the test, low bases, hidden columns."""
        lang = self.lang
        notes = [self.results[0].base_caption()]
        if "letters" in cells:
            notes.append(t("banner_letters_note", lang, level=self.level))
        elif any(r.significant for r in self.frame.itertuples()):
            notes.append(t("caption_sig", lang, level=self.level))
        if any(c.low_base for c in self.columns):
            notes.append(t("banner_low_base_note", lang, low=estimates.load_rules().low_base))
        if any(c.hidden for c in self.columns):
            secondary = any(r.secondary for r in self.results if r.hidden)
            notes.append(t("banner_hidden_note" if secondary else "banner_hidden_note_alone", lang,
                           min=estimates.load_rules().min_group))
        return notes


def banner_of(view: View) -> tuple[str, ...]:
    """The banner's dimensions: the view's banner, or where it has none the compare-by dimension."""
    if view.banner:
        return view.banner
    return () if view.by == NO_COMPARISON else (view.by,)


def tables(question_ids: list[str], banner: tuple[str, ...], view: View, codebook: Codebook, *,
           letters: bool = False, db=None) -> list[Table]:
    """A table per question against the banner (a Total column first), every result counted in one query. A
    question that is a dimension of the banner is not crossed with itself: that block would only say 100 % on
    its diagonal and 0 % elsewhere, so its table leaves it out."""
    wanted = [(q, (NO_COMPARISON, *(b for b in banner if b != q))) for q in question_ids]
    found = shares_of(wanted, view, codebook, db=db)
    return [table_of([found[q][s] for s in splits], codebook, letters) for q, splits in wanted]


def table_of(results: list[Shares], codebook: Codebook, letters: bool) -> Table:
    total = results[0]
    lang = total.lang
    columns, parts, next_letter = [], [], 0
    for result in results:
        made, next_letter = banner_columns(result, codebook, next_letter)
        columns += made
        if not result.empty:
            lettered = {c.group: c.letter for c in made}
            frame = result.frame.assign(banner=made[0].banner, letter=result.frame["group"].map(lettered))
            parts.append(frame.assign(letters=column_letters(frame, result.level, result.mirror) if letters else ""))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if not frame.empty:  # the answers in the order of the Total column's chart
        rank = dict(zip(total.frame["option"], total.frame["option_rank"])) if not total.empty else {}
        frame = frame.assign(option_rank=frame["option"].map(rank).fillna(len(rank) + 1))
    return Table(total.question, lang, total.level, total.weighted, tuple(columns), frame, tuple(results))


def banner_columns(result: Shares, codebook: Codebook, first_letter: int) -> tuple[list[Column], int]:
    """The columns of one split: its groups in order, shown or hidden, each dimension's lettered on from
    `first_letter` (the Total column has none). Returns them and the next letter."""
    lang, by = result.lang, result.by
    banner = TOTAL if by == NO_COMPARISON else by
    heading = t("banner_total", lang) if by == NO_COMPARISON else split_title(by, codebook, lang)
    shown = {}
    if not result.empty:
        bases = group_bases(result.frame)
        shown = {r.group: (r.group_label, r.flag == estimates.LOW_BASE) for r in bases.itertuples()}
    order = list(dict.fromkeys([*group_order(result, codebook), *shown]))
    names = group_labels(by, codebook, lang, order)
    columns = []
    for group in order:
        label, low = shown.get(group, (names.get(group, group), False))
        letter = "" if banner == TOTAL else column_letter(first_letter + len(columns))
        columns.append(Column(banner, group, heading, t("banner_all", lang) if banner == TOTAL else label, letter,
                              hidden=group not in shown, low_base=low))
    return columns, first_letter + (0 if banner == TOTAL else len(columns))


def group_order(result: Shares, codebook: Codebook) -> list[str]:
    """Every group of the split, shown or hidden, in the split's order."""
    if result.by == NO_COMPARISON:
        return ["all"]
    shown = list(dict.fromkeys(result.frame.sort_values("group_position")["group"])) if not result.empty else []
    if result.by in codebook:
        return [g for g in codebook[result.by].option_ids if g in shown or g in result.hidden]
    return list(dict.fromkeys([*result.hidden, *shown]))


def column_letter(index: int) -> str:
    """A, B, ..., Z, AA, AB, ...: the letter of the column at `index` (from 0), as a spreadsheet names them."""
    return get_column_letter(index + 1)


def column_letters(frame: pd.DataFrame, level: int, pair: tuple[str, str] | None = None) -> list[str]:
    """For each row of one dimension's frame, the letters of the columns its share is significantly higher
    than: every pair of tested columns (no low base) per answer, z-test on the effective n, Holm across all the
    pairs of the dimension. `pair`: the question's two mirrored answers (survey.stats.estimates.mirror): a pair of
    columns is tested on the second answer by its test on the first, counted once in Holm, the column lower on
    the first answer being higher on the second."""
    rows = list(frame.itertuples(index=False))
    tested = [i for i, r in enumerate(rows) if r.flag == ""]
    twin = estimates.mirror_rows(frame["group"].tolist(), frame["option"].tolist(), frame["base_n"].tolist(), pair)
    pairs, p_values, mirrored = [], [], []
    for k, i in enumerate(tested):
        for j in tested[k + 1:]:
            if rows[i].option != rows[j].option:
                continue
            if twin[i] >= 0 and twin[j] >= 0 and rows[twin[i]].flag == rows[twin[j]].flag == "":
                mirrored.append((i, j))  # the test of the first answer's columns twin[i] and twin[j]
                continue
            pairs.append((i, j))
            p_values.append(stats.two_proportion_p(rows[i].pct / 100, rows[i].n_eff,
                                                   rows[j].pct / 100, rows[j].n_eff))
    higher: list[list[str]] = [[] for _ in rows]
    held: set[tuple[int, int]] = set()  # (winner, loser) of each test that holds
    for (i, j), p in zip(pairs, stats.holm(p_values)):
        if not math.isnan(p) and p < 1 - level / 100:
            winner, loser = (i, j) if rows[i].pct > rows[j].pct else (j, i)
            held.add((winner, loser))
            higher[winner].append(rows[loser].letter)
    for i, j in mirrored:  # higher on the first answer: lower on its mirror
        if (twin[j], twin[i]) in held:
            higher[i].append(rows[j].letter)
        elif (twin[i], twin[j]) in held:
            higher[j].append(rows[i].letter)
    return [" ".join(sorted(found, key=lambda s: (len(s), s))) for found in higher]


# --- the table on a screen: text in the language, a row per answer and statistic, a column per banner column

def grid(table: Table, cells=DEFAULT_CELLS) -> pd.DataFrame:
    """The table as text for a screen: the bases first, then for each answer a line per statistic of `cells`;
    columns (banner heading, column title). A hidden column says so in every cell."""
    lang, hidden = table.lang, t("banner_hidden", table.lang)
    lines = [line for stat in CELLS if stat in cells for line in stat_lines(stat, table, cells)]
    rows = {(label, name): [hidden if c.hidden else read(find(c)) for c in table.columns]
            for label, name, read, find in layout(table, base_lines(table), lines)}
    return pd.DataFrame(list(rows.values()), index=pd.MultiIndex.from_tuples(list(rows), names=[
        t("column_option", lang), ""]), columns=pd.MultiIndex.from_tuples([(c.heading, c.title)
                                                                            for c in table.columns]))


def layout(table: Table, base: list[tuple], answer: list[tuple]) -> list[tuple]:
    """The rows of a table, on screen and in a workbook alike: the `base` lines under "Grunnlag", then the
    `answer` lines under each answer. Each line is (name, *how to write it); each row is (label, name, *how
    to write it, find), where find(column) is the frame's row of that column (its base row for the bases), or
    None where the column has none."""
    by_cell = {(r.banner, r.group, r.option): r for r in table.frame.itertuples()}
    columns = group_bases(table.frame, ("banner", "group")) if not table.empty else table.frame
    bases = {(r.banner, r.group): r for r in columns.itertuples()}
    rows = [(t("banner_base", table.lang), name, *how, lambda c: bases.get((c.banner, c.group)))
            for name, *how in base]
    for option, label in table.options():
        rows += [(label, name, *how, lambda c, option=option: by_cell.get((c.banner, c.group, option)))
                 for name, *how in answer]
    return rows


def base_lines(table: Table) -> list[tuple[str, callable]]:
    """The lines of the bases: n asked, and under weights the weighted base and the effective n."""
    lang = table.lang
    lines = [("n", lambda r: _or_dash(r, lambda r: format_number(int(r.base_n), lang)))]
    if table.weighted:
        lines += [(t("crosstab_w_base", lang), lambda r: _or_dash(r, lambda r: format_decimal(r.w_base, lang))),
                  (t("crosstab_n_eff", lang), lambda r: _or_dash(r, lambda r: format_number(round(r.n_eff), lang)))]
    return lines


def stat_lines(stat: str, table: Table, cells=DEFAULT_CELLS) -> list[tuple[str, callable]]:
    """The lines one statistic of a cell takes: its name and how to write it from a row of the frame. The share
    carries the arrows of the comparison with the rest, unless the cells show the column letters instead."""
    lang = table.lang
    if stat == "pct":
        text = (lambda r: r.pct_text) if "letters" in cells else (lambda r: r.label_text)
        return [("%", lambda r: _or_dash(r, text))]
    if stat == "n":
        lines = [("n", lambda r: _or_dash(r, lambda r: format_number(int(r.n), lang)))]
        if table.weighted:
            lines.append((t("column_w_n", lang), lambda r: _or_dash(r, lambda r: format_decimal(r.w_n, lang))))
        return lines
    if stat == "ci":
        return [(t("banner_ci", lang, level=table.level), lambda r: _or_dash(r, lambda r: interval_text(r, lang)))]
    if stat == "letters":
        return [(t("banner_letters", lang), lambda r: "" if r is None else r.letters)]
    raise ValueError(f"a cell shows one of {', '.join(CELLS)}, not {stat!r}")


def interval_text(row, lang: str) -> str:
    low, high = (format_pct(v, lang).rstrip("%\u00a0") for v in (row.ci_low, row.ci_high))
    return f"{low}–{high}"


def _or_dash(row, read) -> str:
    return "–" if row is None else read(row)


# --- the table as HTML: a real table (headers a screen reader can follow), every text escaped
# (its caption's class, sr-only, is in the style every page shares: survey.ui.browser.BASE_CSS)

TABLE_CSS = """
<style>
.banner-wrap { overflow-x: auto; max-width: 100%; margin-bottom: 0.5rem; }
.banner-table { border-collapse: collapse; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
.banner-table th, .banner-table td { padding: 0.2rem 0.55rem; border-bottom: 1px solid #e1e4e8; text-align: right;
  white-space: nowrap; vertical-align: top; }
.banner-table thead th, .banner-table thead td { text-align: center; white-space: normal; min-width: 4.5rem;
  vertical-align: bottom; border-bottom: 2px solid #8c939c; }
.banner-table thead th.answer { text-align: left; }
.banner-table thead th.dim { border-bottom: 1px solid #8c939c; }
.banner-table th.answer, .banner-table th.stat { text-align: left; }
.banner-table th.answer, .banner-table .stat { position: sticky; z-index: 1; background: #fff; }
.banner-table th.answer { left: 0; width: 11rem; min-width: 11rem; max-width: 11rem;\
 white-space: normal; font-weight: 600; }
.banner-table .stat { left: 11rem; min-width: 5.5rem; box-shadow: inset -1px 0 0 #e1e4e8; }
.banner-table tbody th.stat { font-weight: 400; color: #565d66; }
.banner-table tr.first td, .banner-table tr.first th { border-top: 1px solid #8c939c; }
.banner-table .low { color: #565d66; font-style: italic; }
.banner-table .hidden { color: #565d66; font-style: italic; text-align: center; }
.banner-table td.total { font-weight: 600; }
</style>
"""


def to_html(table: Table, cells=DEFAULT_CELLS) -> str:
    """The table as an HTML table: the banner headings over their columns, the answers down with a line per
    statistic; low-base columns marked and in grey, hidden ones named and saying so once, in a cell the height
    of the table. The answer and statistic stay in view when the table scrolls sideways. Every text is
    escaped."""
    frame = grid(table, cells)
    esc = html.escape
    spans = [(heading, sum(1 for _ in group)) for heading, group in groupby(c.heading for c in table.columns)]
    head = ['<tr><th class="answer" rowspan="2" scope="col">' + esc(frame.index.names[0]) + "</th>"
            '<td class="stat" rowspan="2"></td>'
            + "".join(f'<th class="dim" colspan="{n}" scope="colgroup">{esc(h)}</th>' for h, n in spans) + "</tr>",
            "<tr>" + "".join(f'<th scope="col"{_css(c)}>{esc(c.title)}</th>' for c in table.columns)
            + "</tr>"]
    body, lines = [], frame.groupby(level=0, sort=False).size()
    for k, ((label, stat), values) in enumerate(zip(frame.index, frame.itertuples(index=False, name=None))):
        first = k == 0 or frame.index[k - 1][0] != label
        row = f'<th class="answer" rowspan="{lines[label]}" scope="rowgroup">{esc(label)}</th>' if first else ""
        row += f'<th class="stat" scope="row">{esc(stat)}</th>'
        row += "".join(f"<td{_css(c, cell=True)}>{esc(v)}</td>" if not c.hidden else
                       f'<td class="hidden" rowspan="{len(frame)}">{esc(v)}</td>' if k == 0 else ""
                       for c, v in zip(table.columns, values))
        body.append(f'<tr class="first">{row}</tr>' if first else f"<tr>{row}</tr>")
    return (f'<div class="banner-wrap" role="region" aria-label="{esc(table.title)}" tabindex="0">'
            f'<table class="banner-table"><caption class="sr-only">{esc(table.title)}</caption>'
            f'<thead>{"".join(head)}</thead><tbody>{"".join(body)}</tbody>'
            "</table></div>")


def _css(column: Column, cell: bool = False) -> str:
    classes = [name for name, on in (("low", column.low_base), ("hidden", column.hidden),
                                     ("total", cell and column.banner == TOTAL)) if on]
    return f' class="{" ".join(classes)}"' if classes else ""


# --- the tables as a workbook: a sheet per table, numbers as numbers

def workbook(tables: list[Table], cells, about) -> bytes:
    """An XLSX workbook: a contents sheet (when there are several tables), a sheet per table named by its
    question's title (sheet_names: a reader finds a table by its name, not by an id), and the selection's
    sheet (exports.About). In a table's sheet: its title, the banner headings over their columns, the bases,
    then per answer a row per statistic of `cells`, shares as percent, counts as whole numbers, the intervals
    as two rows; low-base columns marked and in grey, hidden ones saying so; the notes under it."""
    book = Workbook()
    lang = tables[0].lang
    others = [t("contents_sheet", lang), about.selection_sheet]
    names = sheet_names([tb.title for tb in tables], taken=others)
    first = book.active
    if len(tables) > 1:
        first.title = exports.sheet_name(t("contents_sheet", lang))
        _contents(first, tables, names, about)
    for k, (table, name) in enumerate(zip(tables, names)):
        ws = first if len(tables) == 1 and k == 0 else book.create_sheet(name)
        ws.title = name
        _table_sheet(ws, table, cells)
    exports.selection_sheet(book, about)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


SHEET_NAME = 31  # Excel's longest sheet name


def sheet_names(titles: list[str], taken=()) -> list[str]:
    """A sheet name per title, for people: the title itself where Excel allows it, else shortened at a word
    (exports.sheet_name), and unique within the workbook (Excel compares names regardless of case), with
    " (2)", " (3)" … where two would be one. `taken`: the workbook's other sheets."""
    used = {name.lower() for name in taken}
    names = []
    for title in titles:
        name, k = exports.sheet_name(title, SHEET_NAME), 1
        while name.lower() in used:
            k += 1
            name = exports.sheet_name(title, SHEET_NAME - len(f" ({k})")) + f" ({k})"
        used.add(name.lower())
        names.append(name)
    return names


def _contents(ws, tables: list[Table], names: list[str], about) -> None:
    lang = tables[0].lang
    exports.cell(ws, 1, 1, exports.escape_cell(about.title)).font = Font(bold=True, size=13)
    for r, line in enumerate(about.lines, start=2):
        exports.cell(ws, r, 1, exports.escape_cell(line))
    top = len(about.lines) + 3
    for c, head in enumerate((t("contents_table", lang), t("contents_question", lang)), start=1):
        exports.cell(ws, top, c, head).font = Font(bold=True)
    for r, (table, name) in enumerate(zip(tables, names), start=top + 1):
        link = exports.cell(ws, r, 1, exports.escape_cell(name))
        quoted = name.replace("'", "''")  # an apostrophe in a sheet's name is doubled in a reference
        link.hyperlink, link.font = f"#'{quoted}'!A1", Font(color="1F4E9E", underline="single")
        exports.cell(ws, r, 2, exports.escape_cell(table.text))
    exports.widths(ws, [[n, tb.text] for n, tb in zip(names, tables)], most=90)


def xlsx_lines(table: Table, cells) -> list[tuple[str, str, callable]]:
    """The rows of a table's sheet under its answer: (statistic, kind of number, reader of a frame row)."""
    lang, lines = table.lang, [("%", "percent", lambda r: r.pct)]
    if "letters" not in cells and table.frame["significant"].any():
        lines.append((t("banner_vs_rest", lang), "", lambda r: {1: "▲", -1: "▼"}.get(int(r.direction), "")))
    if "n" in cells:
        lines.append(("n", "whole", lambda r: int(r.n)))
        if table.weighted:
            lines.append((t("column_w_n", lang), "decimal", lambda r: r.w_n))
    if "ci" in cells:
        lines += [(t("banner_ci_low", lang), "percent", lambda r: r.ci_low),
                  (t("banner_ci_high", lang), "percent", lambda r: r.ci_high)]
    if "letters" in cells:
        lines.append((t("banner_letters", lang), "", lambda r: r.letters))
    return lines


def _table_sheet(ws, table: Table, cells) -> None:
    lang, columns = table.lang, table.columns
    exports.cell(ws, 1, 1, exports.escape_cell(table.title)).font = Font(bold=True, size=13)
    exports.cell(ws, 3, 1, t("column_option", lang)).font = Font(bold=True)
    c = 3
    for heading, group in groupby(columns, key=lambda col: col.heading):
        width = len(list(group))
        exports.cell(ws, 2, c, exports.escape_cell(heading)).font = Font(bold=True)
        if width > 1:
            ws.merge_cells(start_row=2, start_column=c, end_row=2, end_column=c + width - 1)
        c += width
    for c, column in enumerate(columns, start=3):
        head = exports.cell(ws, 3, c, exports.escape_cell(column.title))
        head.font, head.alignment = Font(bold=True), Alignment(wrap_text=True, horizontal="center")
    base = [("n", "whole", lambda r: int(r.base_n))]
    if table.weighted:
        base += [(t("crosstab_w_base", lang), "decimal", lambda r: r.w_base),
                 (t("crosstab_n_eff", lang), "whole", lambda r: round(r.n_eff))]
    rows = layout(table, base, xlsx_lines(table, cells))
    grey, r = Font(italic=True, color="565D66"), 3
    for r, (label, stat, kind, read, find) in enumerate(rows, start=4):
        if r == 4 or rows[r - 5][0] != label:
            exports.cell(ws, r, 1, exports.escape_cell(label)).font = Font(bold=True)
        exports.cell(ws, r, 2, exports.escape_cell(stat))
        for c, column in enumerate(columns, start=3):
            found = None if column.hidden else find(column)
            value = t("banner_hidden", lang) if column.hidden else None if found is None else exports.plain(read(found))
            if kind == "percent" and isinstance(value, (int, float)):
                value = value / 100
            written = exports.cell(ws, r, c, exports.escape_cell(value) if isinstance(value, str) else value)
            if kind and not isinstance(value, str):
                written.number_format = exports.FORMATS[kind]
            if column.low_base or column.hidden:
                written.font = grey
    for k, note in enumerate(table.notes(cells), start=r + 2):
        exports.cell(ws, k, 1, exports.escape_cell(note))
    ws.freeze_panes = "C4"
    ws.column_dimensions["A"].width = min(max([len(label) for label, *_ in rows] + [12]) + 2, 45)
    ws.column_dimensions["B"].width = max(len(stat) for _, stat, *_ in rows) + 2
    for c, column in enumerate(columns, start=3):
        ws.column_dimensions[get_column_letter(c)].width = min(max(len(column.title) * 0.8, 10), 24)


def about(tables: list[Table], view: View, codebook: Codebook, banner: tuple[str, ...], *, db=None,
          today: dt.date | None = None) -> exports.About:
    """What a workbook of tables says of itself: its title (the question, or "Tabellsett"), the selection, the
    banner, the weighting and level, the date, the data version and the notice."""
    from survey.analysis.dataset import data_version, notice
    from survey.model.filters import in_words

    lang = view.lang
    words = in_words(view.filters, codebook, lang)
    said = notice(lang, db) or t("footer_source", lang)
    title = tables[0].title if len(tables) == 1 else t("table_set", lang)
    columns = ", ".join([t("banner_total", lang), *(split_title(b, codebook, lang) for b in banner)])
    weighting = t(f"caption_weights_{view.weights}", lang)
    level = f"{view.level}{NBSP if lang == 'nb' else ''}%"
    facts = ((t("export_question", lang) if len(tables) == 1 else t("table_set", lang),
              tables[0].text if len(tables) == 1 else ", ".join(tb.title for tb in tables)),
             (t("export_selection", lang), words or t("export_everyone", lang)),
             (t("banner_choice", lang), columns),
             (t("export_weighting", lang), weighting),
             (t("level", lang), level),
             (t("export_made", lang), (today or dt.date.today()).isoformat()),
             (t("export_version", lang), data_version(db)),
             (t("export_notice", lang), said))
    selection = t("active_filters", lang, filters=words) if words else t("no_filters", lang)
    lines = (selection, t("banner_columns", lang, columns=columns), weighting)
    return exports.About(title, lines, said, facts, t("export_sheet", lang))
