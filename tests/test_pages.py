"""Every page through Streamlit's AppTest, in both languages, without and with filters: no exception, and
the numbers on the page (chart data, captions, tiles, tables) are the ones the database gives."""
import json
from dataclasses import replace

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from survey import ui
from survey.analysis import counts, results
from survey.analysis.headlines import glance, headlines
from survey.base.attempts import ATTEMPTS, SERVER, Attempts
from survey.model import codebook as cb
from survey.model.filters import Filters
from survey.model.state import View, to_query
from survey.output import banner, charts
from survey.output import pages as app_pages
from survey.output.pages import COMPOSITION
from survey.texts.i18n import format_pct, t
from survey.ui.controls import ANSWERS_OPEN
from survey.ui.view import widget_key
from tests.conftest import ROOT, html_tables

CODEBOOK = cb.load()
VIEWS = {
    "nb": View(),
    "en_filtered": View(lang="en", filters=Filters({"gender": ("female",), "role": ("leader", "manager")}),
                        by="age_group"),
}
# The charts of each page, in order: (question, compare-by for this chart, or None for the view's).
CHARTS = {
    "usage": [("private_use", None), ("company_use", None)],
    "channels": [("private_channels", None), ("company_channels", None), ("private_channels", "gender")],
    "guidelines": [("guidelines", None), ("guidelines_why_not", None), ("company_purposes", None),
                   ("marketing_strategy", None)],
    "challenges": [("challenges", None)],
    "explore": [("private_use", None)],
}
PAGES = [page.key for page in app_pages.PAGES]
# The pages whose header is given their charts and counts them with its n in one statement: every page with
# charts but of compositions alone (the method page's count their own way: queries' group_count).
COUNTED = [page.key for page in app_pages.PAGES if any(chart.kind != "composition" for chart in page.charts)]


def open_page(page: str, view: View, **extra) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(to_query(view))
    app.query_params.update(extra)
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def chart_data(app: AppTest, name: str = charts.DATA) -> list:
    """The data of each chart on the page as sent to the browser: what its marks read (charts.DATA), or the
    reader's table (charts.TABLE)."""
    frames = []
    for element in app.get("vega_lite_chart"):
        dataset = next(d for d in element.proto.datasets if d.name == name).data.data
        frames.append(pa.ipc.open_stream(dataset).read_all().to_pandas())
    return frames


def bar_counts(frame) -> list:
    """Each bar's group, answer, and n of its base, in words ("307 av 847")."""
    return sorted(zip(frame["group_label"], frame["option_label"], frame["count_text"]))


@pytest.mark.parametrize("variant", VIEWS)
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_and_says_its_n(seed_env, page, variant):
    view = VIEWS[variant]
    app = open_page(page, view)
    assert app.title[0].value == t(page, view.lang)
    n = results.respondents(view, CODEBOOK)
    assert any(c.value.endswith(t("respondents_n", view.lang, n=n) + ".") for c in app.caption)
    assert any(c.value.endswith(t("respondents_n", view.lang, n=n) + ".") for c in app.sidebar.caption)
    assert [i.value for i in app.info][:1] == [t("reconstruction_notice", view.lang)]


@pytest.mark.parametrize("variant", VIEWS)
@pytest.mark.parametrize("page", sorted(CHARTS))
def test_chart_numbers_and_captions_are_the_databases(seed_env, page, variant):
    view = VIEWS[variant]
    app = open_page(page, view)
    expected = [results.shares(q, view, CODEBOOK, by=by) for q, by in CHARTS[page]]
    assert [bar_counts(f) for f in chart_data(app)] == [bar_counts(e.frame) for e in expected]
    captions = [c.value for c in app.caption]
    assert all(e.caption() in captions for e in expected)


def test_a_chart_split_its_own_way_is_not_shown_twice(seed_env):
    """The channels page's chart of private channels by gender repeats its first chart where the view compares
    by gender: the page, its deck and the report show it once."""
    from survey.output import report

    for by, titles in (("age_group", 3), ("gender", 2)):
        view = View(by=by)
        app = open_page("channels", view)
        assert len(app.get("vega_lite_chart")) == titles
        shown = [json.loads(c.proto.spec)["usermeta"]["title"] for c in app.get("vega_lite_chart")]
        assert len(set(shown)) == len(shown)
        assert [c.key for c in report.charts("channels", view)] == [
            "private_channels", "company_channels", "private_channels_gender"][:titles]
        slides = report.chart_slides("channels", view, CODEBOOK)
        assert len({s.title for s in slides}) == len(slides) == titles


@pytest.mark.parametrize("variant", VIEWS)
def test_overview_tiles_and_findings(seed_env, variant):
    view = VIEWS[variant]
    app = open_page("overview", view)
    tiles = {t(h.key, view.lang): format_pct(h.pct, view.lang) for h in headlines(CODEBOOK, view)}
    assert {m.label: m.value for m in app.metric} == tiles
    from survey.analysis.findings import findings
    sentences = findings(view, CODEBOOK)
    assert 3 <= len(sentences) <= 5
    assert app.markdown[-1].value == "\n".join(f"- {s}" for s in sentences) or \
        any(m.value == "\n".join(f"- {s}" for s in sentences) for m in app.markdown)


@pytest.mark.parametrize("variant", VIEWS)
def test_the_overview_shows_its_headlines_as_small_charts_beside_the_findings(seed_env, variant):
    view = VIEWS[variant]
    app = open_page("overview", view)
    small = glance(CODEBOOK, view)
    titles = [json.loads(c.proto.spec)["usermeta"]["title"] for c in app.get("vega_lite_chart")]
    assert titles == [title for title, _ in small]
    assert [bar_counts(frame) for frame in chart_data(app)] == [bar_counts(result.frame) for _, result in small]
    channels, challenges = small[1][1], small[3][1]
    assert channels.frame["option"].nunique() == 5 and challenges.frame["option"].nunique() == 5
    everything = results.shares("challenges", replace(view, by="none"), CODEBOOK).frame
    assert challenges.frame["pct"].min() >= everything["pct"].nlargest(5).min()
    assert not app.main.get("download_button") or all("glance" not in b.proto.id
                                                      for b in app.main.get("download_button"))


@pytest.mark.parametrize("variant", VIEWS)
def test_method_page_compares_the_selection_with_the_population(seed_env, variant):
    """One tab per dimension with population figures, the view's open and only its chart drawn: the first
    without `composition` in the address, any other with it."""
    view = VIEWS[variant]
    for dimension in (None, *COMPOSITION):
        app = open_page("method", replace(view, composition=dimension))
        assert [tab.label for tab in app.tabs] == [CODEBOOK[d].title[view.lang] for d in COMPOSITION]
        (frame,) = chart_data(app)
        sample = frame[frame["group_label"] == t("composition_sample", view.lang)]
        assert bar_counts(sample.assign(group_label=t("all", view.lang))) == \
            bar_counts(results.shares(dimension or COMPOSITION[0], view, CODEBOOK, by="none").frame)
        population = frame[frame["group_label"] == t("composition_population", view.lang)]
        assert abs(population["pct"].sum() - 100) < 1e-6
        if dimension:
            assert app.query_params["composition"] in (dimension, [dimension])
        else:
            assert "composition" not in app.query_params
    metrics = [m.value for m in app.metric]
    assert metrics[0] == "20\u00a0000" if view.lang == "nb" else metrics[0] == "20,000"


def test_the_method_pages_composition_stays_out_of_the_other_pages_addresses(seed_env):
    app = open_page("method", View(composition="region"))
    assert app.query_params["composition"] in ("region", ["region"])
    app.switch_page("pages/usage.py").run()
    assert "composition" not in app.query_params
    app.switch_page("pages/method.py").run()
    assert app.query_params["composition"] in ("region", ["region"])  # the view kept it
    (frame,) = chart_data(app)
    assert set(frame["option_label"]) == {option.label["nb"] for option in CODEBOOK["region"].options}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_method_page_shows_every_gap_left_to_a_target(seed_env, lang):
    app = open_page("method", View(lang=lang))
    table = next(table for table in html_tables(app) if t("margin_gap", lang) in table.columns)
    dimensions = [("company_size", "company"), ("region", "company"), ("gender", "person"), ("age_group", "person")]
    assert len(table) == sum(len(CODEBOOK[d].options) for d, _ in dimensions)
    assert list(table[t("margin_option", lang)]) == [o.label[lang] for d, _ in dimensions for o in CODEBOOK[d].options]
    gaps = table[t("margin_gap", lang)].str.replace("\u2212", "-").str.replace(",", ".").astype(float)
    scheme = table[t("weighting_scheme", lang)]
    info = counts.run("weighting_info").set_index("scheme")["max_margin_error"]
    for name in ("company", "person"):
        assert gaps[scheme == t(f"weights_{name}", lang)].abs().max() == pytest.approx(100 * info[name], abs=0.005)
    gender = table[t("margin_dimension", lang)] == CODEBOOK["gender"].title[lang]
    assert set(table.loc[gender, t("margin_gap", lang)]) == {"0"}  # the person scheme keeps its gender margins
    assert t("weighting_margins", lang) in [m.value.strip("*") for m in app.markdown]


def test_explore_crosstab_and_question_from_the_url(seed_env):
    view = View(by="company_size")
    app = open_page("explore", view, question="company_use")
    expected = results.shares("company_use", view, CODEBOOK)
    assert bar_counts(chart_data(app)[0]) == bar_counts(expected.frame)
    (table,) = banner.tables(["company_use"], ("company_size",), view, CODEBOOK)
    shown = [h.proto.body for h in app.get("html") if h.proto.body.startswith("<div class=\"banner-wrap")]
    assert shown == [banner.to_html(table, view.cells)]
    assert all(f"{c.title}</th>" in shown[0] for c in table.columns)


def test_a_long_free_text_list_shows_the_first_answers_and_says_so(seed_env, monkeypatch):
    monkeypatch.setattr(results, "TEXTS_SHOWN", 10)
    app = open_page("guidelines", View())
    assert len(html_tables(app)[0]) == 10
    captions = [c.value for c in app.caption]
    assert t("why_not_count", shown="303", total="303") in captions
    assert t("why_not_first", shown="10") in captions


def test_guidelines_free_text_is_searchable_and_plain(seed_env):
    app = open_page("guidelines", View())
    assert len(html_tables(app)[0]) == len(results.why_not_texts(View(), CODEBOOK))
    app.text_input(key="search").input("jobber").run()
    shown = html_tables(app)[0]
    assert len(shown) == len(results.why_not_texts(View(), CODEBOOK, "jobber")) > 0
    assert all("jobber" in text.lower() for text in shown[t("text_column")])
    app.text_input(key="search").input("' OR 1=1 --").run()
    assert not app.exception and not html_tables(app)
    assert app.info[-1].value == t("why_not_none")


def test_bad_url_values_are_dropped_with_a_notice(seed_env):
    app = open_page("usage", View(), gender=["female", "alien"], by="shoe_size", lang="xx", present="maybe",
                    colour="red")
    warnings = [w.value for w in app.warning]
    assert t("dropped_value", param="`gender`", value="`alien`") in warnings
    assert t("dropped_value", param="`by`", value="`shoe_size`") in warnings
    assert t("dropped_key", param="`colour`", value="`red`") in warnings
    assert len(warnings) == 5
    assert app.multiselect(key=widget_key("gender", "nb")).value == ["female"]
    assert results.shares("private_use", View(filters=Filters({"gender": ("female",)})), CODEBOOK).caption() in \
        [c.value for c in app.caption]


def test_markdown_in_a_url_value_is_shown_literally(seed_env):
    app = open_page("overview", View(), gender="**[klikk](javascript:alert(1))**")
    assert app.warning[0].value == t("dropped_value", param="`gender`", value="`**[klikk](javascript:alert(1))**`")


def test_filters_hold_across_pages_and_reset_clears_them(seed_env):
    app = open_page("usage", View(filters=Filters({"region": ("nord_norge",)})))
    app.switch_page("pages/channels.py").run()
    assert app.multiselect(key=widget_key("region", "nb")).value == ["nord_norge"]
    assert app.query_params["region"] == ["nord_norge"] or app.query_params["region"] == "nord_norge"
    app.button[0].click().run()  # the reset button is the first button in the sidebar
    assert app.multiselect(key=widget_key("region", "nb")).value == []
    n = results.respondents(View(), CODEBOOK)
    assert any(c.value.endswith(t("respondents_n", n=n) + ".") for c in app.caption)


EMPTY = View(filters=Filters({"gender": ("female",), "role": ("other",), "company_size": ("250_plus",),
                             "industry": ("ict",)}))
FEW = View(filters=Filters({"industry": ("ict",), "age_group": ("under_30",)}))


@pytest.mark.parametrize("page", PAGES)
def test_a_selection_of_none_looks_like_one_of_a_few(seed_env, page):
    assert results.respondents(EMPTY, CODEBOOK) == 0 and 0 < results.respondents(FEW, CODEBOOK) < 10
    seen = []
    for view in (EMPTY, FEW):
        app = open_page(page, view)
        assert [w.value for w in app.warning] == [t("too_few", min=10)]
        assert not app.get("vega_lite_chart") and not html_tables(app) and not app.dataframe and not app.metric
        fewer = t("respondents_fewer", min=10) + "."
        captions = [c.value for c in app.caption]
        assert captions[0].endswith(fewer)
        others = [c for c in captions if not c.endswith(fewer)]  # the words for the filters aside
        seen.append([others, [e.value for e in app.info], [m.value for m in app.markdown]])
    assert seen[0] == seen[1]  # past the words for the filters themselves, nothing tells them apart


def test_presentation_mode_has_steps_and_a_way_out_but_no_downloads(seed_env):
    app = open_page("usage", View(present=True, by="gender"))
    assert not app.main.get("download_button") and not app.sidebar.get("multiselect")
    buttons = {b.label: b for b in app.main.button}
    assert [b.label for b in app.main.button][:2] == [t("previous_page"), t("next_page")]
    assert any(t("compare_by") + ": " + CODEBOOK["gender"].title["nb"] in c.value for c in app.main.caption)
    buttons[t("leave_presentation")].click().run()  # the steps between pages: tests/test_browser.py
    assert app.session_state["present"] is False
    assert app.main.get("download_button") and app.sidebar.get("multiselect")


def test_the_first_and_last_pages_have_no_step_past_them(seed_env):
    first = {b.label: b for b in open_page("overview", View(present=True)).main.button}
    last = {b.label: b for b in open_page("benchmark", View(present=True)).main.button}
    assert first[t("previous_page")].disabled and not first[t("next_page")].disabled
    assert last[t("next_page")].disabled and not last[t("previous_page")].disabled


def test_filters_have_no_english_bulk_action_or_search(seed_env):
    app = open_page("usage", View())
    for box in app.sidebar.multiselect:
        assert box.proto.select_all == 0 and box.placeholder == t("all")


def test_language_switch_keeps_the_filters(seed_env):
    app = open_page("usage", View(filters=Filters({"gender": ("male",)})))
    app.radio(key=widget_key("lang", "nb")).set_value("en").run()
    assert app.title[0].value == t("usage", "en")
    assert app.multiselect(key=widget_key("gender", "en")).value == ["male"]
    assert app.query_params["lang"] in ("en", ["en"])


def test_a_missing_database_is_a_sentence_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_DB", str(tmp_path / "missing.duckdb"))
    for page in ("overview", "usage"):
        app = open_page(page, View())
        assert [e.value for e in app.error] == [t("no_database")]


def test_a_broken_database_is_a_sentence_not_a_traceback(tmp_path, monkeypatch):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\0" * 5000)
    monkeypatch.setenv("SURVEY_DB", str(junk))
    app = open_page("overview", View())
    assert [e.value for e in app.error] == [t("bad_database")]


def test_a_database_of_an_earlier_version_says_how_to_upgrade(tmp_path, monkeypatch):
    import duckdb

    from survey.ingest.imports import build

    db = build(ROOT / "tests" / "fixtures" / "responses_small.csv", tmp_path / "survey.duckdb").path
    con = duckdb.connect(str(db.resolve()))
    con.execute("ALTER TABLE respondents DROP COLUMN challenges_mask")
    con.close()
    monkeypatch.setenv("SURVEY_DB", str(db))
    for lang in ("nb", "en"):
        app = open_page("challenges", View(lang=lang))
        assert [e.value for e in app.error] == [t("old_database", lang)]


def test_real_data_carries_no_reconstruction_notice(small_db, monkeypatch):
    monkeypatch.setenv("SURVEY_DB", str(small_db))
    app = open_page("overview", View())
    assert t("reconstruction_notice") not in [i.value for i in app.info]
    assert "70,0\u00a0%" in {m.value for m in app.metric}


def test_charts_send_only_what_a_reader_sees(seed_env):
    app = open_page("guidelines", View())
    for frame in chart_data(app):
        assert list(frame.columns) == [*charts.SHOWN, *charts.MARKS]  # no ids, weights or respondents
    for frame in chart_data(app, charts.TABLE):
        assert list(frame.reset_index().columns) == [t(key) for key in charts.SHOWN.values()]
        assert frame[t("tooltip_share")].str.fullmatch(r"\d+,\d\u00a0%").all()
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 100]


def test_the_page_deck_is_the_pages_charts_as_native_charts_with_the_footer(seed_env):
    import re
    from io import BytesIO

    from pptx import Presentation

    from survey.output import report

    view = View(filters=Filters({"gender": ("female",)}))
    app = open_page("channels", view)
    buttons = [b.proto.label for b in app.get("download_button")]
    assert t("download_deck") in buttons and t("download_report") in buttons
    deck = Presentation(BytesIO(report.page_deck("channels", view, CODEBOOK, 373)))
    drawn: dict[str, dict] = {}  # the deck's shares by title, a chart continued over slides counted once
    for slide in list(deck.slides)[1:]:
        text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        assert "Kjønn: Kvinne" in text and "n = 373" in text and t("reconstruction_notice") in text
        (chart,) = [shape.chart for shape in slide.shapes if shape.has_chart]
        values = drawn.setdefault(re.sub(r" \(\d+ av \d+\)$", "", slide.shapes.title.text_frame.text), {})
        for series in chart.plots[0].series:
            values.update({(series.name, c): v for c, v in zip(chart.plots[0].categories, series.values)})
    titles = [report.title(c, report.result(c, view, CODEBOOK), "nb") for c in report.charts("channels", view)]
    assert list(drawn) == titles
    for title, frame in zip(titles, chart_data(app)):  # the page's charts, as sent to the browser
        shown = {(r.group_label, r.option_label): r.pct / 100 for r in frame.itertuples()}
        assert {k: v for k, v in drawn[title].items() if v is not None} == pytest.approx(shown)


def test_weights_and_level_from_the_url_are_said_in_every_caption(seed_env):
    view = View(by="gender", weights="company", level=99)
    app = open_page("usage", view)
    captions = [c.value for c in app.caption]
    expected = results.shares("private_use", view, CODEBOOK).caption()
    assert expected in captions
    assert t("caption_weights_company") in expected and "99\u00a0%" in expected and "Holm" in expected
    assert app.selectbox(key=widget_key("weights", "nb")).value == "company" and \
        app.radio(key=widget_key("level", "nb")).value == 99
    assert bar_counts(chart_data(app)[0]) == bar_counts(results.shares("private_use", view, CODEBOOK).frame)


def test_the_selection_line_says_the_weighting(seed_env):
    weighted, plain = open_page("usage", View(weights="company")), open_page("usage", View())
    assert weighted.caption[0].value.endswith(t("caption_weights_company"))
    assert t("caption_weights_none") not in plain.caption[0].value and "Vektet" not in plain.caption[0].value


def test_overview_tiles_carry_their_interval(seed_env):
    app = open_page("overview", View(weights="person"))
    from survey.analysis.headlines import tile_caption
    view = View(weights="person")
    expected = [tile_caption(h, view) for h in headlines(CODEBOOK, view)]
    assert all(e in [c.value for c in app.caption] for e in expected)
    assert all("KI:" in e and t("caption_weights_person") in e for e in expected)


def test_a_selection_below_the_threshold_shows_no_results(seed_env):
    view = View(filters=Filters({"industry": ("ict",), "age_group": ("under_30",)}))
    n = results.respondents(view, CODEBOOK)
    assert 0 < n < 10
    for page in ("overview", "usage", "guidelines", "explore"):
        app = open_page(page, view)
        assert [w.value for w in app.warning] == [t("too_few", min=10)]
        assert not app.get("vega_lite_chart") and not html_tables(app) and not app.dataframe and not app.metric
        captions = " ".join(c.value for c in app.caption)
        assert f"n = {n} " not in captions and t("respondents_fewer", min=10) in captions


def test_charts_leave_out_hidden_groups_and_say_so(seed_env):
    """ICT by age: the 2 respondents under 30 are hidden, alone (the reconstruction's people do not exist, and
    an imported wave's counts carry noise: survey.analysis.results.exact_people)."""
    view = View(by="age_group", filters=Filters({"industry": ("ict",)}))
    app = open_page("usage", view)
    shown = set(chart_data(app, charts.TABLE)[1][t("tooltip_group")])
    assert shown == {CODEBOOK["age_group"].option(g).label["nb"] for g in ("30_39", "40_49", "50_59", "60_plus")}
    caption = results.shares("company_use", view, CODEBOOK).caption()
    said = t("caption_hidden_alone_one", groups=5, min=10)
    assert said in caption
    assert "30" not in caption.split(said)[0].split("n:")[0]


def test_an_empty_group_is_hidden_as_a_small_one_is(seed_env):
    """ICT by age has 2 respondents under 30; companies without employees have nobody under 30: the group of a
    few and the group of none are hidden the same way, with the same words."""
    small = results.shares("company_use", View(by="age_group", filters=Filters({"industry": ("ict",)})), CODEBOOK)
    empty = results.shares("company_use", View(by="age_group", filters=Filters(
        {"company_size": ("no_employees",)})), CODEBOOK)
    for result in (small, empty):
        assert result.hidden == ("under_30",)
        assert result.frame["group"].nunique() == 4 and (result.frame["base_n"] >= 10).all()
        assert t("caption_hidden_alone_one", groups=5, min=10) in result.caption()


def test_free_texts_do_not_follow_the_filters_and_say_so(seed_env):
    view = View(filters=Filters({"industry": ("trade",), "company_size": ("10_19",)}))
    assert results.respondents(view, CODEBOOK) >= 10
    assert results.shares("guidelines_why_not", view, CODEBOOK).empty
    app = open_page("guidelines", view)
    assert t("too_few_asked", min=10) in [i.value for i in app.info]  # the chart of the few asked
    table = html_tables(app)[0]
    expected = results.why_not_texts(View(), CODEBOOK)
    assert list(table.columns) == list(expected.columns) and table.values.tolist() == expected.values.tolist()
    assert t("why_not_unfiltered", waves="2010") in [c.value for c in app.caption]
    unfiltered = open_page("guidelines", View())
    assert t("why_not_unfiltered", waves="2010") not in [c.value for c in unfiltered.caption]


@pytest.fixture
def two_waves(tmp_path, monkeypatch):
    from survey.ingest.imports import build, import_file

    db = build(ROOT / "data" / "responses.csv", tmp_path / "survey.duckdb").path
    text = (ROOT / "tests" / "fixtures" / "responses_small.csv").read_text(encoding="utf-8")
    wave = tmp_path / "wave.csv"
    wave.write_text(text.replace(",2010,", ",2011,"), encoding="utf-8")
    import_file(wave, db)
    monkeypatch.setenv("SURVEY_DB", str(db))
    return db


def test_with_two_waves_the_pages_get_a_wave_filter_and_the_overview_a_trend(two_waves):
    app = open_page("overview", View())
    assert app.multiselect(key=widget_key("wave", "nb")).options == ["2010", "2011"]
    titles = [json.loads(c.proto.spec)["usermeta"]["title"] for c in app.get("vega_lite_chart")]
    assert titles[0] == t("trend") and len(titles) == 1 + len(glance(CODEBOOK, View()))
    trend = chart_data(app)[0]
    assert sorted(set(trend["group_label"])) == [f"{t('wave')} 2010", f"{t('wave')} 2011"]
    assert t("reconstruction_notice_waves", waves="bølge 2010") in [i.value for i in app.info]
    app = open_page("usage", View(filters=Filters({"wave": ("2011",)})))
    assert any(c.value.endswith(t("respondents_n", n=10) + ".") for c in app.caption)


def test_the_running_app_picks_up_a_new_version_at_the_next_interaction(seed_env, tmp_path, monkeypatch):
    from survey.ingest.imports import build, import_file

    db = build(ROOT / "data" / "responses.csv", tmp_path / "survey.duckdb").path
    monkeypatch.setenv("SURVEY_DB", str(db))
    app = open_page("usage", View())
    assert any(c.value.endswith(t("respondents_n", n=847) + ".") for c in app.caption)
    text = (ROOT / "tests" / "fixtures" / "responses_small.csv").read_text(encoding="utf-8")
    (tmp_path / "wave.csv").write_text(text.replace(",2010,", ",2011,"), encoding="utf-8")
    import_file(tmp_path / "wave.csv", db)
    app.run()
    assert any(c.value.endswith(t("respondents_n", n=857) + ".") for c in app.caption)


def test_the_admin_page_is_hidden_without_a_passphrase_and_asks_for_it(seed_env):
    app = open_page("overview", View())
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/admin.py")  # not registered: there is no such page
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["admin_passphrase"] = "hemmelig"
    app.run()
    app.switch_page("pages/admin.py").run()
    assert app.title[0].value == t("admin") and not app.get("file_uploader")
    app.text_input(key="_admin_ok_input").input("feil").run()
    assert [e.value for e in app.error] == [t("admin_wrong")] and not app.get("file_uploader")
    ATTEMPTS.seen.clear()
    SERVER.times.clear()
    app.session_state["_admin_ok_attempts"] = Attempts()  # the wait after a failure is tests/test_hardening.py's
    app.text_input(key="_admin_ok_input").input("hemmelig").run()
    assert not app.exception and app.get("file_uploader")
    assert app.dataframe[0].value.shape[0] == 1  # the one version of the seed


def test_a_viewer_passphrase_hides_every_page_until_given(seed_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["viewer_passphrase"] = "kunde2010"
    app.run()
    assert not app.exception and not app.metric and not app.get("vega_lite_chart")
    assert app.text_input(key="_viewer_ok_input")
    app.text_input(key="_viewer_ok_input").input("kunde2010").run()
    assert app.metric and app.title[0].value == t("overview")


def test_a_configured_login_comes_before_any_data(seed_env):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x",
                           "client_id": "x", "client_secret": "x",
                           "server_metadata_url": "https://login.example.no/.well-known/openid-configuration"}
    app.user["is_logged_in"] = False
    app.run()
    assert not app.exception and not app.metric and not app.get("vega_lite_chart")
    assert [b.label for b in app.button] == [t("login")]


@pytest.mark.parametrize("variant", VIEWS)
@pytest.mark.parametrize("page", COUNTED)
def test_a_page_counts_its_charts_and_its_n_in_one_statement(seed_env, monkeypatch, page, variant):
    import queries

    statements, count_shares = [], queries._count_shares
    executed, execute = [], queries._execute
    app = open_page(page, VIEWS[variant])
    results.clear_cache()  # as when the filters have just changed
    monkeypatch.setattr(queries, "_count_shares",
                        lambda cursor, *args: statements.append(args[2]) or count_shares(cursor, *args))
    monkeypatch.setattr(queries, "_execute", lambda cursor, signature, rules, name, values:
                        executed.append(name) or execute(cursor, signature, rules, name, values))
    app.run()
    assert not app.exception
    assert len(statements) == 1, statements
    assert "respondent_count" not in executed, executed  # the n above the charts came with them


# Filters on answers: by question id in the URL, in the sidebar's "Svar" section, in words in the selection line.

def test_a_filter_on_an_answer_from_the_url_sets_n_the_selection_line_and_the_sidebar(seed_env):
    app = open_page("usage", View(), company_use="yes")
    n = results.respondents(View(filters=Filters({"company_use": ("yes",)})), CODEBOOK)
    assert n == 307  # SELECT count(*) FROM responses WHERE company_use = 'yes'
    selection = t("active_filters", filters="Bedriftens bruk av sosiale medier: Ja")
    assert any(c.value == f"{selection} {t('respondents_n', n=n)}." for c in app.caption)
    assert any(c.value.endswith(t("respondents_n", n=n) + ".") for c in app.sidebar.caption)
    assert app.multiselect(key=widget_key("company_use", "nb")).value == ["yes"]
    assert not app.warning
    # A filter on the question charted is allowed: its chart is then all of the option chosen, the rest at 0 %.
    company = chart_data(app)[1].set_index("option_label")["pct"]
    assert company.to_dict() == {"Ja": 100.0, "Nei": 0.0, "Vet ikke": 0.0}


def test_a_multi_choice_answer_filter_says_any_of_and_routed_ones_keep_those_asked(seed_env):
    view = View(lang="en", filters=Filters({"gender": ("female",), "private_channels": ("linkedin", "twitter")}))
    app = open_page("channels", view)
    n = results.respondents(view, CODEBOOK)
    words = "Gender: Female; Social media used privately (any of): LinkedIn, Twitter"
    assert any(c.value == f"{t('active_filters', 'en', filters=words)} {t('respondents_n', 'en', n=n)}."
               for c in app.caption)
    routed = open_page("guidelines", View(filters=Filters({"marketing_strategy": ("no",)})))
    n = results.respondents(View(filters=Filters({"marketing_strategy": ("no",)})), CODEBOOK)
    assert n == 106  # asked (company_purposes__marketing) and answering no, counted by hand in test_queries
    assert any(c.value.endswith(t("respondents_n", n=n) + ".") for c in routed.caption)


def test_a_bad_answer_in_the_url_is_dropped_with_a_notice(seed_env):
    app = open_page("usage", View(), company_use=["yes", "maybe"], private_channels__linkedin="1")
    warnings = [w.value for w in app.warning]
    assert t("dropped_value", param="`company_use`", value="`maybe`") in warnings
    assert t("dropped_key", param="`private_channels__linkedin`", value="`1`") in warnings
    assert app.multiselect(key=widget_key("company_use", "nb")).value == ["yes"]


def test_answer_filters_too_narrow_show_the_sentence_not_numbers(seed_env):
    view = View(filters=Filters({"industry": ("ict",), "guidelines_why_not": ("not_needed",),
                                 "private_channels": ("myspace",)}))
    n = results.respondents(view, CODEBOOK)
    assert n < 10
    app = open_page("usage", view)
    assert [w.value for w in app.warning] == [t("too_few", min=10)]
    assert not app.get("vega_lite_chart")


def test_the_answers_section_is_unfolded_by_a_link_that_filters_on_an_answer(seed_env):
    app = open_page("usage", View(filters=Filters({"company_use": ("yes",)})))
    assert app.multiselect(key=widget_key("company_use", "nb")).value == ["yes"]
    assert app.multiselect(key=widget_key("guidelines", "nb")).value == []


def test_the_answers_section_of_the_sidebar_sets_the_url_and_reset_clears_it(seed_env):
    app = open_page("usage", View())
    assert not [m for m in app.multiselect if m.key == widget_key("guidelines", "nb")]  # drawn once opened
    app.session_state[ANSWERS_OPEN] = True  # unfolded, as a person clicks it open
    app.run()
    app.multiselect(key=widget_key("guidelines", "nb")).set_value(["no"]).run()
    assert app.query_params["guidelines"] in ("no", ["no"])
    n = results.respondents(View(filters=Filters({"guidelines": ("no",)})), CODEBOOK)
    assert any(c.value.endswith(t("respondents_n", n=n) + ".") for c in app.caption)
    app.button[0].click().run()
    assert app.multiselect(key=widget_key("guidelines", "nb")).value == []
    assert "guidelines" not in app.query_params


def test_explore_banner_letters_and_table_set_from_the_url(seed_env):
    view = View(lang="en", banner=("gender", "age_group"), cells=("pct", "n", "letters"))
    app = open_page("explore", view, question="private_channels")
    shown = [h.proto.body for h in app.get("html") if h.proto.body.startswith("<div class=\"banner-wrap")]
    (table,) = banner.tables(["private_channels"], view.banner, view, CODEBOOK, letters=True)
    assert shown == [banner.to_html(table, view.cells)] and ">Higher than</th>" in shown[0]
    assert t("banner_letters_note", "en", level=95) in [c.value for c in app.caption]
    assert [b.label for b in app.get("download_button") if b.proto.id and "banner_xlsx" in b.proto.id] or \
        any(b.label == t("download_table", "en") for b in app.get("download_button"))

    app = open_page("explore", View(tables="all", by="role"))
    shown = [h.proto.body for h in app.get("html") if h.proto.body.startswith("<div class=\"banner-wrap")]
    assert len(shown) == len([q for q in CODEBOOK.questions])
    assert not app.exception


def test_explore_table_settings_follow_the_widgets(seed_env):
    app = open_page("explore", View())
    app.multiselect(key=widget_key("banner", "nb")).set_value(["region"]).run()
    app.multiselect(key=widget_key("cells", "nb")).set_value(["pct", "ci"]).run()
    assert app.query_params["banner"] in ("region", ["region"]) and app.query_params["cells"] == ["pct", "ci"]
    body = next(h.proto.body for h in app.get("html") if h.proto.body.startswith("<div class=\"banner-wrap"))
    assert "Landsdel</th>" in body and ">95\u00a0% KI</th>" in body and ">n</th>" in body  # n of the bases


def said_of_the_chart(frame, lang: str) -> tuple[str, bool]:
    """The sentence the composition chart's numbers, as drawn, call for: each group set aside (no population
    figures) with its share; each group whose share is at least REPRESENTED_POINTS from the population's (scaled
    to the rest) with the population's share outside its interval, with both shares; or that none is. And
    whether some group is over- or under-represented."""
    from survey.analysis.method import REPRESENTED_POINTS as points

    sample = frame[frame["group_label"] == t("composition_sample", lang)]
    shown = frame[frame["group_label"] == t("composition_population", lang)]
    population = dict(zip(shown["option_label"], shown["pct"]))
    aside = sample[~sample["option_label"].isin(population)]
    rest = 100 - aside["pct"].sum()
    parts = [t("represented_aside", lang, rest=format_pct(rest, lang), groups="; ".join(
        t("represented_group_share", lang, label=label, share=format_pct(pct, lang))
        for label, pct in zip(aside["option_label"], aside["pct"])))] if aside["pct"].sum() > 0 else []
    over, under, far = [], [], False
    for label, pct, low, high in sample[["option_label", "pct", "ci_low", "ci_high"]].itertuples(index=False):
        if label not in population:
            continue
        expected = population[label] * rest / 100
        item = t("represented_group", lang, label=label, sample=format_pct(pct, lang),
                 population=format_pct(expected, lang))
        far |= abs(pct - expected) >= points
        if pct - expected >= points and expected < low:
            over.append(item)
        elif expected - pct >= points and expected > high:
            under.append(item)
    if over:
        parts.append(t("represented_over", lang, groups="; ".join(over)))
    if under:
        parts.append(t("represented_under_too" if over else "represented_under", lang, groups="; ".join(under)))
    if not over and not under:
        parts.append(t("represented_unclear" if far else "represented_none", lang, points=points))
    return " ".join(parts), bool(over or under)


@pytest.mark.parametrize("variant", VIEWS)
def test_method_page_says_what_its_composition_charts_show(seed_env, variant):
    view = VIEWS[variant]
    lang = view.lang
    app = open_page("method", view)
    from survey.texts.i18n import word_list

    sentences, differ = [], []
    for dimension in COMPOSITION:  # each tab: its chart, and the sentence below it
        shown = open_page("method", replace(view, composition=dimension))
        (frame,) = chart_data(shown)
        sentence, differs = said_of_the_chart(frame, lang)
        assert ui.plain(sentence) in [m.value for m in shown.markdown], (dimension, sentence)
        sentences.append(sentence)
        differ += [CODEBOOK[dimension].title[lang]] if differs else []
    assert t("represented_rule", lang, points=3, level=view.level) in [c.value for c in app.caption]
    weaknesses = next(m.value for m in app.markdown if m.value.startswith(f"- {t('weakness_addresses', lang)}"))
    named = [title[0].lower() + title[1:] for title in differ]
    profile = t("weakness_profile", lang, dimensions=word_list(named, lang))
    assert weaknesses.splitlines()[-1] == "- " + ui.plain(profile)
    if variant == "nb":  # the whole reconstruction: no more men than in the population once "not stated" is set aside
        gender = sentences[COMPOSITION.index("gender")]
        assert "Ikke oppgitt (5,2\u00a0%)" in gender and "94,8\u00a0%" in gender
        assert gender.endswith(t("represented_none", lang, points=3))
        assert "Underrepresentert: Ingen ansatte (13,0\u00a0% i utvalget, 59,9\u00a0% i befolkningen)." in sentences[0]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_method_page_explains_the_targets_that_are_not_the_populations_shares(seed_env, lang):
    from survey.model.population import population_shares

    app = open_page("method", View(lang=lang))
    table = next(table for table in html_tables(app) if t("margin_gap", lang) in table.columns)
    gender = table[table[t("margin_dimension", lang)] == CODEBOOK["gender"].title[lang]]
    shown = dict(zip(gender[t("margin_option", lang)], gender[t("margin_target", lang)]))
    sample = dict(zip(gender[t("margin_option", lang)], gender[t("margin_sample", lang)]))
    labels = {o.id: o.label[lang] for o in CODEBOOK["gender"].options}
    stated = 100 - float(sample[labels["not_stated"]].replace("\u00a0", "").rstrip("%").replace(",", "."))
    items = "; ".join(f"{labels[o]} {format_pct(p, lang)} × {format_pct(stated, lang)} = {shown[labels[o]]}"
                      for o, p in population_shares("gender").items())
    note = t("weighting_target_note", lang, dimension=CODEBOOK["gender"].title[lang], rest=format_pct(stated, lang),
             groups=f"{labels['not_stated']} ({sample[labels['not_stated']]})", items=items)
    assert ui.plain(note) in [c.value for c in app.caption]
    assert shown[labels["male"]] == format_pct(50.2, lang)  # SSB's 53.0 %, scaled to those who stated it
    assert sample[labels["not_stated"]] == shown[labels["not_stated"]]
