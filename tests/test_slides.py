"""PowerPoint decks of native charts (survey.output.slides) and the report of every page (survey.output.report), read
back with python-pptx: charts PowerPoint draws from the results' own numbers, labels as the language writes them,
the groups' colours, alt text, caption and footer; a 16:9 layout in which every shape is inside the slide, no
two overlap and every text box is tall enough for its text; the report's slides in nb and en."""
from __future__ import annotations

import datetime
import math
import re
from io import BytesIO

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from survey import cli
from survey.analysis import results
from survey.model import codebook as cb
from survey.model.filters import Filters
from survey.model.state import View
from survey.output import exports, report, slide_layout, slides
from survey.stats.estimates import load_rules
from survey.texts.i18n import NBSP, t
from tests.test_waves_app import make_two_waves  # imported here: importing it sets the rules of the tests

CODEBOOK = cb.load()
DAY = datetime.date(2026, 12, 3)
HOSTILE = ("=cmd|' /C calc'!A0", "<b>x</b> &amp; **y**")
PART = re.compile(r" \((\d+) (?:av|of) (\d+)\)$")


def read(data: bytes) -> Presentation:
    return Presentation(BytesIO(data))


def title(slide) -> str:
    return slide.shapes.title.text_frame.text


def named(slide, name: str):
    return next(s for s in slide.shapes if s.name == name)


def charts_of(slide) -> list:
    return [s for s in slide.shapes if s.has_chart]


def legend_labels(slide) -> list[str]:
    """The legend's labels as a reader reads them: row by row, left to right."""
    legend = [s for s in slide.shapes if s.name == "Legend"]
    if not legend:
        return []
    entries = [s for s in legend[0].shapes if s.name == "Legend entry"]
    return [s.text_frame.text for s in sorted(entries, key=lambda s: (s.top, s.left))]


# --- the layout: inside the slide, no overlaps, text that fits

def needed_height(shape) -> int:
    """A conservative height (EMU) for the text of `shape` at its own sizes: characters a line holds at 0.55
    em each (Calibri averages about 0.5), lines of 1.2 em, the space before paragraphs, the insets."""
    frame = shape.text_frame
    width = shape.width - frame.margin_left - frame.margin_right
    total = frame.margin_top + frame.margin_bottom
    for i, paragraph in enumerate(frame.paragraphs):
        size = max(run.font.size.pt for run in paragraph.runs)
        indent = int(paragraph._p.pPr.get("marL", 0)) if paragraph._p.pPr is not None else 0
        per_line = max(1, int((width - indent) / 12700 / (size * 0.55)))
        lines = max(1, math.ceil(len(paragraph.text) / per_line))
        before = paragraph.space_before.pt if i and paragraph.space_before is not None else 0
        total += int((lines * size * 1.2 + before) * 12700)
    return total


def overlap(a, b) -> bool:
    return (a.left < b.left + b.width and b.left < a.left + a.width and
            a.top < b.top + b.height and b.top < a.top + a.height)


def check_layout(deck: Presentation) -> None:
    assert deck.slide_width == Inches(13.333) and deck.slide_height == Inches(7.5)
    for number, slide in enumerate(deck.slides, start=1):
        shapes = list(slide.shapes)
        for shape in shapes:
            where = f"slide {number} ({title(slide)}), {shape.name}"
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= deck.slide_width, where
            assert shape.top + shape.height <= deck.slide_height, where
            if shape.has_text_frame and shape.text_frame.text:
                assert needed_height(shape) <= shape.height, where
        for i, a in enumerate(shapes):
            for b in shapes[i + 1:]:
                assert not overlap(a, b), f"slide {number} ({title(slide)}): {a.name} and {b.name} overlap"


# --- a page's deck: native charts of the results' numbers

@pytest.fixture
def channels(seed_env):
    view = View(filters=Filters({"gender": ("female",)}), by="age_group")
    return view, report.page_deck("channels", view, CODEBOOK, 373, today=DAY)


def chart_results(page: str, view: View) -> list[results.Shares]:
    return [report.result(chart, view, CODEBOOK) for chart in report.charts(page, view)]


def test_a_chart_is_a_native_chart_of_the_results_numbers_in_the_groups_colours(channels):
    view, data = channels
    deck = read(data)
    cover, *shown = deck.slides
    assert title(cover) == t("channels")
    assert not charts_of(cover)
    first = chart_results("channels", view)[0]
    parts = [s for s in shown if PART.sub("", title(s)) == first.title]
    options = first.frame.sort_values("option_rank").drop_duplicates("option")
    groups = first.frame.drop_duplicates("group").sort_values("group_position")
    seen = []
    for slide in parts:
        (frame,) = charts_of(slide)
        chart = frame.chart
        assert not chart.has_title and not chart.has_legend  # the slide's own legend, in the bars' order
        assert legend_labels(slide) == groups["group_label"].tolist()
        plot = chart.plots[0]
        categories = list(plot.categories)
        seen += categories
        assert [s.name for s in plot.series] == groups["group_label"].tolist()
        for series, (_, group) in zip(plot.series, groups.iterrows()):
            assert str(series.format.fill.fore_color.rgb) == group["color"].lstrip("#").upper()
            rows = first.frame[first.frame["group"] == group["group"]].set_index("option_label")
            for i, (value, option) in enumerate(zip(series.values, categories)):
                if option not in rows.index:
                    assert value is None
                    continue
                assert value == pytest.approx(rows.loc[option, "pct"] / 100)
                assert series.points[i].data_label.text_frame.text == rows.loc[option, "label_text"]
    assert seen == options["option_label"].tolist()  # every answer once, in the page's order, top down
    assert all(chart.chart.category_axis.reverse_order for s in parts for chart in charts_of(s))


def test_labels_are_written_as_the_language_writes_them(seed_env):
    for lang, pattern in (("nb", rf"^\d+,\d{NBSP}%( [▲▼])?$"), ("en", r"^\d+\.\d%( [▲▼])?$")):
        view = View(lang=lang, by="gender")
        deck = read(report.page_deck("usage", view, CODEBOOK, 847, today=DAY))
        labels = [point.data_label.text_frame.text for slide in deck.slides for frame in charts_of(slide)
                  for series in frame.chart.plots[0].series for point in series.points
                  if point.data_label.has_text_frame]
        assert labels and all(re.match(pattern, text) for text in labels), labels


def test_each_chart_slide_says_its_caption_footer_and_what_it_shows(channels):
    view, data = channels
    deck = read(data)
    footer = report.footer(view, CODEBOOK, 373)
    assert "Kjønn: Kvinne" in footer and "n = 373" in footer and t("reconstruction_notice") in footer
    shown = {report.title(c, report.result(c, view, CODEBOOK), "nb"): report.result(c, view, CODEBOOK)
             for c in report.charts("channels", view)}
    assert once([title(s) for s in deck.slides][1:]) == list(shown)
    for slide in list(deck.slides)[1:]:
        result = shown[PART.sub("", title(slide))]
        about = exports.about(result, view, CODEBOOK)
        assert named(slide, "Caption").text_frame.text == "\n".join(about.lines[1:])
        assert named(slide, "Footer").text_frame.text == footer
        (frame,) = charts_of(slide)
        said = frame._element.nvGraphicFramePr.cNvPr.get("descr")
        assert said.startswith(title(slide) + ": liggende stolper") and not said.endswith("..")
        for row in result.frame.itertuples():
            if row.option_label in frame.chart.plots[0].categories:
                assert f"{row.option_label}, {row.group_label}: {row.pct_text}" in said


def test_low_bases_are_faded_and_intervals_are_error_bars(seed_env):
    view = View(by="gender")  # "not stated" (44 respondents) is a low base among the company users
    result = results.shares("company_channels", view, CODEBOOK)
    assert (result.frame["flag"] == "low_base").any()
    deck = read(slides.deck([slides.ChartSlide(result.title, result.frame, "nb", ("c",))], footer="f"))
    (frame,) = charts_of(deck.slides[0])
    xml = frame.chart._chartSpace
    faded = xml.xpath(".//c:dPt//a:alpha")
    assert len(faded) == (result.frame["flag"] == "low_base").sum()
    bars = xml.xpath(".//c:errBars")
    assert len(bars) == result.frame["group"].nunique()
    assert all(b.find(qn("c:errValType")).get("val") == "cust" for b in bars)
    first = result.frame.sort_values(["group_position", "option_rank"]).iloc[0]
    plus, minus = (float(bars[0].find(qn(f"c:{kind}")).find(".//" + qn("c:v")).text) for kind in ("plus", "minus"))
    assert plus == pytest.approx((first.ci_high - first.pct) / 100, abs=1e-6)
    assert minus == pytest.approx((first.pct - first.ci_low) / 100, abs=1e-6)


def test_a_single_group_has_no_legend(seed_env):
    deck = read(report.page_deck("usage", View(), CODEBOOK, 847, today=DAY))
    for slide in list(deck.slides)[1:]:
        (frame,) = charts_of(slide)
        assert not frame.chart.has_legend and len(frame.chart.plots[0].series) == 1
        assert legend_labels(slide) == []


# --- what a slide holds: split only what does not fit, the legend in the bars' order, shares clear of intervals

def report_charts(deck: Presentation) -> dict[str, list]:
    """Each chart's slides by the chart's title (a chart continued over several counted once)."""
    out: dict[str, list] = {}
    for slide in deck.slides:
        if charts_of(slide):
            out.setdefault(PART.sub("", title(slide)), []).append(slide)
    return out


def answers_on(slide) -> int:
    return len(list(charts_of(slide)[0].chart.plots[0].categories))


@pytest.mark.parametrize("count, most, sizes", [(9, 5, [5, 4]), (9, 2, [3, 2, 2, 2]), (3, 2, [3]), (3, 1, [3]),
                                                (5, 9, [5]), (1, 1, [1]), (10, 3, [3, 3, 2, 2])])
def test_answers_are_split_into_even_parts_and_never_into_a_part_of_one(count, most, sizes):
    parts = slide_layout.split_evenly(list(range(count)), most)
    assert [len(part) for part in parts] == sizes
    assert [option for part in parts for option in part] == list(range(count))


def test_a_chart_that_fits_its_slide_is_not_split(seed_env):
    deck = read(report.report_deck(View(), CODEBOOK, today=DAY))
    shown = report_charts(deck)
    assert all(len(parts) == 1 for parts in shown.values()), {k: len(v) for k, v in shown.items()}
    assert answers_on(shown[CODEBOOK["challenges"].title["nb"]][0]) == 9  # nine answers, one group: one slide


@pytest.mark.parametrize("lang, by", [("nb", "industry"), ("en", "gender")])
def test_a_split_chart_never_leaves_a_slide_with_one_answer(seed_env, lang, by):
    view = View(lang=lang, by=by)
    deck = read(report.report_deck(view, CODEBOOK, today=DAY))
    for question, parts in report_charts(deck).items():
        counts = [answers_on(slide) for slide in parts]
        assert len(parts) == 1 or min(counts) >= 2, (question, counts)
        assert max(counts) - min(counts) <= 1, (question, counts)  # the parts are even
    if by == "industry":  # eleven groups: a chart of two or three answers is one slide
        shown = report_charts(deck)
        assert len(shown[CODEBOOK["company_use"].title[lang]]) == 1
        assert len(deck.slides) <= 25
    else:  # three groups: nine answers are 27 bars, which one slide holds
        assert len(report_charts(deck)[CODEBOOK["private_channels"].title[lang]]) == 1


def test_the_legend_runs_in_the_order_of_the_bars(seed_env):
    deck = read(report.page_deck("usage", View(lang="en", by="gender"), CODEBOOK, 847, today=DAY))
    for slide in list(deck.slides)[1:]:
        (frame,) = charts_of(slide)
        assert frame.chart.category_axis.reverse_order  # the first series' bar is the top one of each answer
        assert legend_labels(slide) == [series.name for series in frame.chart.plots[0].series]
        assert legend_labels(slide) == ["Male", "Female", "Not stated"]
        legend = named(slide, "Legend")
        assert legend.top + legend.height <= frame.top  # above the chart, not over it


def test_a_share_is_written_past_the_end_of_its_interval(seed_env):
    deck = read(report.page_deck("channels", View(lang="en", by="gender"), CODEBOOK, 847, today=DAY))
    checked = 0
    for slide in list(deck.slides)[1:]:
        (frame,) = charts_of(slide)
        xml = frame.chart._chartSpace
        plot_width = float(xml.xpath(".//c:plotArea/c:layout//c:w")[0].get("val"))
        for ser in xml.xpath(".//c:ser"):
            plus = {int(pt.get("idx")): float(pt.find(qn("c:v")).text) for pt in ser.xpath("./c:errBars/c:plus//c:pt")}
            for dlbl in ser.xpath("./c:dLbls/c:dLbl"):
                idx = int(dlbl.find(qn("c:idx")).get("val"))
                x = float(dlbl.xpath(".//c:manualLayout/c:x")[0].get("val"))
                # the interval's end, as a fraction of the chart's width, and a gap of a few points
                assert x >= plus[idx] * plot_width + 2 / (frame.width / 12700), (idx, x, plus[idx])
                checked += 1
            assert ser.xpath("./c:dLbls/c:extLst//*[local-name()='showLeaderLines']/@val") == ["0"]
    assert checked > 20


def test_hostile_text_stays_literal_on_the_slide_in_the_chart_and_in_its_workbook():
    frame = pd.DataFrame({
        "group": ["a", "b"], "group_position": [1, 2], "group_label": list(HOSTILE), "color": ["#4e79a7", "#f28e2b"],
        "option": ["x", "x"], "option_label": [HOSTILE[0]] * 2, "option_rank": [1, 1], "pct": [40.0, 60.0],
        "ci_low": [30.0, 50.0], "ci_high": [50.0, 70.0], "flag": ["", ""], "direction": [0, 0],
        "pct_text": ["40,0 %", "60,0 %"], "label_text": ["40,0 %", "60,0 %"], "ci_text": ["", ""],
        "note_text": ["", ""]})
    deck = read(slides.deck([slides.Cover(HOSTILE[1], HOSTILE[0], HOSTILE),
                             slides.ChartSlide(HOSTILE[1], frame, "nb", HOSTILE)], footer=HOSTILE[0]))
    cover, slide = deck.slides
    assert title(cover) == HOSTILE[1] and title(slide) == HOSTILE[1]
    assert named(slide, "Caption").text_frame.text == "\n".join(HOSTILE)
    assert named(slide, "Footer").text_frame.text == HOSTILE[0]
    (graphic,) = charts_of(slide)
    plot = graphic.chart.plots[0]
    assert list(plot.categories) == [HOSTILE[0]] and [s.name for s in plot.series] == list(HOSTILE)
    book = openpyxl.load_workbook(BytesIO(graphic.chart.part.chart_workbook.xlsx_part.blob)).active
    for cell in (book["A2"], book["B1"], book["C1"]):
        assert cell.data_type == "s" and cell.value in HOSTILE
    assert book["B2"].value == pytest.approx(0.4)
    check_layout(deck)


# --- the layout of every slide

@pytest.mark.parametrize("lang, by, selected", [("nb", "none", {}), ("en", "gender", {}),
                                                ("nb", "industry", {"role": ("leader",)})])
def test_nothing_overlaps_and_every_text_fits(seed_env, lang, by, selected):
    deck = read(report.report_deck(View(lang=lang, by=by, filters=Filters(selected)), CODEBOOK, today=DAY))
    check_layout(deck)


def test_long_titles_and_captions_get_the_room_they_need():
    long = "Et svært langt spørsmål om bruken av sosiale medier i bedriften og hos de ansatte " * 2
    frame = pd.DataFrame({
        "group": ["all"] * 12, "group_position": [0] * 12, "group_label": ["Alle"] * 12, "color": ["#1f5f8b"] * 12,
        "option": [f"o{i}" for i in range(12)],
        "option_label": [f"Svar nummer {i} som er ganske langt" for i in range(12)],
        "option_rank": list(range(12)), "pct": [5.0 * i for i in range(12)], "ci_low": [float("nan")] * 12,
        "ci_high": [float("nan")] * 12, "flag": [""] * 12, "direction": [0] * 12,
        "pct_text": ["x"] * 12, "label_text": ["x"] * 12, "ci_text": [""] * 12, "note_text": [""] * 12})
    caption = tuple(long for _ in range(4))
    deck = read(slides.deck([slides.ChartSlide(long, frame, "nb", caption),
                             slides.TextSlide(long, tuple(long for _ in range(12)), size=18)], footer=long))
    check_layout(deck)
    assert len(deck.slides) >= 3  # the text continued on a slide of its own


# --- the report

def expected_titles(view: View) -> list[str]:
    lang = view.lang
    charts = [report.title(c, report.result(c, view, CODEBOOK), lang)
              for page in report.REPORT_PAGES for c in report.charts(page, view)]
    return [t("app_title", lang), *charts, t("findings", lang), t("method", lang)]


def once(titles: list[str]) -> list[str]:
    """The titles with a slide continued over several counted once."""
    out = []
    for text in titles:
        base = PART.sub("", text)
        if not out or out[-1] != base or not PART.search(text):
            out.append(base)
    return out


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_report_has_a_title_slide_every_pages_charts_the_findings_and_the_method(seed_env, lang):
    view = View(lang=lang)
    deck = read(report.report_deck(view, CODEBOOK, today=DAY))
    titles = [title(s) for s in deck.slides]
    assert once(titles) == expected_titles(view)
    cover = deck.slides[0]
    said = "\n".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)
    for text in (t("report", lang), t("no_filters", lang), t("respondents_n", lang, n=847), DAY.isoformat(),
                 t("reconstruction_notice", lang)):
        assert text in said, text
    findings = next(s for s in deck.slides if title(s) == t("findings", lang))
    from survey.analysis.findings import findings as found
    assert named(findings, "Body").text_frame.text == "\n".join(found(view, CODEBOOK))
    method = "\n".join(named(s, "Body").text_frame.text for s in deck.slides
                       if PART.sub("", title(s)) == t("method", lang))
    rules = load_rules()
    for text in (t("method_small", lang, low=rules.low_base, min=rules.min_group), t("method_test", lang),
                 t("caption_weights_none", lang), t("reconstruction_notice", lang)):
        assert text in method, text
    assert "847" in method


def test_the_report_with_several_waves_has_the_trend_and_says_the_noise(tmp_path, project_rules):
    db = make_two_waves(tmp_path)
    view = View()
    deck = read(report.report_deck(view, CODEBOOK, db=db, today=DAY))
    titles = [title(s) for s in deck.slides]
    assert titles[1] == t("trend")
    (trend,) = charts_of(deck.slides[1])
    assert [s.name for s in trend.chart.plots[0].series] == ["Bølge 2010", "Bølge 2011"]
    method = "\n".join(named(s, "Body").text_frame.text for s in deck.slides
                       if PART.sub("", title(s)) == t("method"))
    assert "bølgene 2010 og 2011" in method and "cellenøkler" in method
    assert method.index(t("perturbation_plain")) < method.index("cellenøkler")  # a plain paragraph first
    results.clear_cache()


def test_a_selection_under_the_threshold_gets_a_sentence_and_no_report(seed_env):
    view = View(filters=Filters({"industry": ("primary",), "region": ("nord_norge",), "company_size": ("250_plus",)}))
    assert results.respondents(view, CODEBOOK) < load_rules().min_group
    with pytest.raises(report.TooFew, match="Færre enn 10 respondenter"):
        report.report_deck(view, CODEBOOK)


def test_hidden_groups_stay_hidden_in_the_report(seed_env):
    view = View(by="industry", filters=Filters({"role": ("leader",)}))
    deck = read(report.report_deck(view, CODEBOOK, today=DAY))
    for slide in deck.slides:
        for frame in charts_of(slide):
            shown = {s.name for s in frame.chart.plots[0].series}
            question = PART.sub("", title(slide))
            result = next(r for r in chart_results_of_report(view) if r[0] == question)[1]
            assert shown == set(result.frame["group_label"])
            assert not {CODEBOOK["industry"].option(g).label["nb"] for g in result.hidden} & shown


def chart_results_of_report(view: View):
    return [(report.title(c, r, view.lang), r) for page in report.REPORT_PAGES for c in report.charts(page, view)
            for r in [report.result(c, view, CODEBOOK)]]


def test_the_command_line_writes_the_report_or_says_why_not(seed_env, tmp_path, capsys):
    out = tmp_path / "report.pptx"
    assert cli.main(["report", "--lang", "en", "--where", "gender=female", "--by", "age_group",
                     "--out", str(out)]) == 0
    deck = read(out.read_bytes())
    assert title(deck.slides[0]) == t("app_title", "en")
    assert "Gender: Female" in named(deck.slides[1], "Footer").text_frame.text
    for argv, said in ((["--where", "gender=<b>x</b>"], "is not a value of gender"),
                       (["--by", "=cmd"], "is not a dimension"),
                       (["--where", "industry=primary", "--where", "region=nord_norge", "--where",
                         "company_size=250_plus"], "Færre enn 10 respondenter")):
        assert cli.main(["report", "--out", str(tmp_path / "no.pptx"), *argv]) != 0
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err
    assert not (tmp_path / "no.pptx").exists()
    assert cli.main(["report", "--out", str(tmp_path / "missing" / "x.pptx")]) == 2
    assert "does not exist" in capsys.readouterr().err
